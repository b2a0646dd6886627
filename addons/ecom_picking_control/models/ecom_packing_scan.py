# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomPackingScan(models.Model):
    """One event at the packing station: a scan, an error, an undo, a
    weighing or an override.  Rows are never deleted: they are the audit."""

    _name = "ecom.packing.scan"
    _description = "Packing Station Event"
    _check_company_auto = True
    _order = "id desc"
    _rec_name = "kind"

    company_id = fields.Many2one("res.company", required=True, index=True)
    picking_id = fields.Many2one(
        "stock.picking", required=True, index=True, ondelete="cascade", check_company=True
    )
    station_id = fields.Many2one("ecom.packing.station", check_company=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Packer", required=True, default=lambda self: self.env.user
    )
    kind = fields.Selection(
        [
            ("scan", "Scan"),
            ("error", "Error"),
            ("undo", "Undo"),
            ("weight", "Weighing"),
            ("override", "Override"),
        ],
        required=True,
    )
    barcode = fields.Char()
    product_id = fields.Many2one("product.product", index=True)
    move_id = fields.Many2one("stock.move", ondelete="set null")
    quantity = fields.Float(digits="Product Unit of Measure")
    lot_name = fields.Char(string="Lot / Serial")
    expiry_date = fields.Date()
    package_id = fields.Many2one("stock.quant.package", string="Parcel")
    expected_weight = fields.Float(string="Expected (kg)", digits=(16, 3))
    measured_weight = fields.Float(string="Measured (kg)", digits=(16, 3))
    weight_diff = fields.Float(string="Difference (kg)", digits=(16, 3))
    weight_status = fields.Selection(
        [
            ("ok", "Within tolerance"),
            ("warn", "Out of tolerance, warned"),
            ("blocked", "Out of tolerance, blocked"),
        ]
    )
    weight_unit_count = fields.Float(
        help="Units in the parcel when it holds one product only (weight statistics)."
    )
    tolerance_pct = fields.Float(string="Tolerance (%)")
    message = fields.Char()
    undone = fields.Boolean(readonly=True)
