# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_bind_ids = fields.One2many("ecom.sale.order", "odoo_id", string="Shop Bindings")
    ecom_backend_id = fields.Many2one(
        "ecom.backend",
        string="Shop",
        compute="_compute_ecom_backend_id",
        store=True,
        index="btree_not_null",
    )
    ecom_channel = fields.Char(
        string="Sales Channel",
        help="Shop or marketplace the order was placed on.",
        index="btree_not_null",
    )

    @api.depends("ecom_bind_ids.backend_id")
    def _compute_ecom_backend_id(self):
        for order in self:
            order.ecom_backend_id = order.ecom_bind_ids[:1].backend_id
