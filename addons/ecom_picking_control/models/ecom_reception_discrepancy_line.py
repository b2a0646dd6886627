# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomReceptionDiscrepancyLine(models.Model):
    _name = "ecom.reception.discrepancy.line"
    _description = "Reception Discrepancy Line"
    _order = "discrepancy_id, id"

    discrepancy_id = fields.Many2one(
        "ecom.reception.discrepancy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="discrepancy_id.company_id", store=True)
    product_id = fields.Many2one("product.product", required=True)
    purchase_line_id = fields.Many2one("purchase.order.line")
    kind = fields.Selection(
        [
            ("missing", "Missing"),
            ("short", "Short"),
            ("over", "Over"),
            ("unexpected", "Unexpected product"),
        ],
        required=True,
    )
    ordered_qty = fields.Float(digits="Product Unit of Measure")
    received_qty = fields.Float(digits="Product Unit of Measure")
    difference = fields.Float(digits="Product Unit of Measure")
    uom_id = fields.Many2one("uom.uom", string="Unit")
