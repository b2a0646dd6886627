# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class EcomBackend(models.Model):
    """A shop or marketplace that orders come from."""

    _name = "ecom.backend"
    _description = "E-commerce Backend"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    platform = fields.Selection(
        selection=[
            ("prestashop", "PrestaShop"),
            ("woocommerce", "WooCommerce"),
            ("shopify", "Shopify"),
            ("magento2", "Magento 2"),
            ("file", "Files (CSV / XML)"),
        ],
        required=True,
        tracking=True,
    )
    base_url = fields.Char(string="Shop URL", help="Root URL of the shop, e.g. https://shop.example.fr")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
    )

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A shop with this name already exists."),
    ]

    @api.depends("name", "platform")
    def _compute_display_name(self):
        labels = dict(self._fields["platform"]._description_selection(self.env))
        for backend in self:
            backend.display_name = (
                f"{backend.name} ({labels[backend.platform]})" if backend.platform else backend.name
            )
