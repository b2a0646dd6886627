# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_supply_issue = fields.Boolean(
        string="Supply Issue",
        copy=False,
        help="A receipt this order waits for came short or incomplete.",
    )
    ecom_reception_discrepancy_ids = fields.Many2many(
        "ecom.reception.discrepancy",
        "ecom_reception_discrepancy_sale_order_rel",
        "sale_order_id",
        "discrepancy_id",
        string="Reception Discrepancies",
        copy=False,
        readonly=True,
    )
