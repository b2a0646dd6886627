# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PROCUREMENT_MODES = [
    ("stock", "From stock"),
    ("flux_tendu", "Flux tendu (buy on order)"),
    ("dropship", "Dropship"),
]


class ProductCategory(models.Model):
    _inherit = "product.category"

    ecom_procurement_mode = fields.Selection(
        selection=PROCUREMENT_MODES,
        string="Default Procurement Mode",
        default="stock",
        required=True,
        help="Procurement mode given to the products of this category when "
        "they are created or moved into it.",
    )

    def action_ecom_apply_procurement_mode(self):
        """Button: give the category's procurement mode (and its routes) to
        every product of the category, sub-categories excluded."""
        for category in self:
            templates = (
                self.env["product.template"]
                .with_context(active_test=False)
                .search([("categ_id", "=", category.id)])
            )
            templates.filtered(
                lambda t, mode=category.ecom_procurement_mode: t.ecom_procurement_mode != mode
            ).write({"ecom_procurement_mode": category.ecom_procurement_mode})
        return True
