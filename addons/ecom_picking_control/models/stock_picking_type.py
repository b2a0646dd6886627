# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    ecom_control_enabled = fields.Boolean(
        string="Packing Control",
        help="Transfers of this type are packed at the packing station: they cannot be "
        "validated until every product is scanned and every parcel weighed, "
        "unless a manager overrides with a reason.",
    )
    ecom_scan_mode = fields.Selection(
        [("unit", "Every unit"), ("line", "Every line"), ("off", "Off")],
        string="Scan Required",
        default="unit",
        required=True,
    )
    ecom_weight_check = fields.Selection(
        [("off", "Off"), ("warn", "Warn"), ("block", "Block")],
        string="Weight Check",
        default="warn",
        required=True,
    )
    ecom_weight_tolerance_g = fields.Float(
        string="Weight Tolerance (g)",
        default=50.0,
        help="A parcel is within tolerance when the difference between its measured and "
        "expected weights is at most this many grams or the percentage below, "
        "whichever is larger.",
    )
    ecom_weight_tolerance_pct = fields.Float(string="Weight Tolerance (%)", default=5.0)
    ecom_override_allowed = fields.Boolean(
        string="Manager Override Allowed",
        default=True,
        help="A manager may validate with a reason although the scan or the weight "
        "requirement is unmet.",
    )
    ecom_reception_check = fields.Boolean(
        string="Reception Conformity",
        help="On validation, receipts of this type are compared with their purchase "
        "order; any difference makes a discrepancy report.",
    )

    def _ecom_weight_tolerance_kg(self, expected_kg):
        """Allowed difference in kg for a parcel expected at ``expected_kg``."""
        self.ensure_one()
        return max(
            self.ecom_weight_tolerance_g / 1000.0,
            abs(expected_kg) * self.ecom_weight_tolerance_pct / 100.0,
        )
