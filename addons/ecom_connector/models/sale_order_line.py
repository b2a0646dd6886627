# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    ecom_line_external_id = fields.Char(
        string="Shop Line ID",
        readonly=True,
        copy=False,
        help="Id of the line at the shop (Shopify line item), kept by the import: a refund "
        "made in Odoo names the shop's line it refunds.",
    )
