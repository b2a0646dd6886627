# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomCarrierTrackingEntryLine(models.TransientModel):
    _name = "ecom.carrier.tracking.entry.line"
    _description = "Tracking Number of a Package"

    entry_id = fields.Many2one("ecom.carrier.tracking.entry", required=True, ondelete="cascade")
    package_id = fields.Many2one("stock.quant.package")
    tracking_number = fields.Char()
