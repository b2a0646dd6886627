# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class EcomCarrierTrackingEntry(models.TransientModel):
    """Type or scan one tracking number per package of a transfer."""

    _name = "ecom.carrier.tracking.entry"
    _description = "Tracking Numbers Entry"

    picking_id = fields.Many2one("stock.picking", required=True, ondelete="cascade")
    line_ids = fields.One2many("ecom.carrier.tracking.entry.line", "entry_id", string="Parcels")

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        for entry in entries.filtered(lambda e: not e.line_ids):
            picking = entry.picking_id
            active = picking.ecom_parcel_ids.filtered(lambda p: p.state == "active")
            packages = picking.move_line_ids.result_package_id
            lines = [
                {
                    "package_id": package.id,
                    "tracking_number": active.filtered(lambda p, pk=package: p.package_id == pk)[
                        :1
                    ].tracking_number,
                }
                for package in packages
            ]
            if not lines or picking.move_line_ids.filtered(lambda ml: not ml.result_package_id):
                lines.append(
                    {
                        "tracking_number": active.filtered(lambda p: not p.package_id)[
                            :1
                        ].tracking_number
                    }
                )
            entry.line_ids = [fields.Command.create(v) for v in lines]
        return entries

    def action_confirm(self):
        self.ensure_one()
        numbers = [line.tracking_number.strip() for line in self.line_ids if line.tracking_number]
        packages = {
            line.tracking_number.strip(): line.package_id
            for line in self.line_ids
            if line.tracking_number
        }
        picking = self.picking_id
        picking.with_context(ecom_parcel_sync=True).carrier_tracking_ref = (
            ",".join(numbers) or False
        )
        picking._ecom_sync_typed_parcels(packages)
        return {"type": "ir.actions.act_window_close"}
