# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    ecom_scanned_qty = fields.Float(
        string="Scanned Quantity",
        digits="Product Unit of Measure",
        copy=False,
        readonly=True,
        default=0.0,
    )
