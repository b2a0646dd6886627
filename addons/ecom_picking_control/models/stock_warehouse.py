# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _get_picking_type_create_values(self, max_sequence):
        """Deliveries of a new warehouse are not batched per customer by
        Odoo (stock_picking_batch turns that on for every new warehouse):
        the day's pick list batches them, and takes only transfers that are
        in no batch.  Receipts keep core's setting."""
        data, next_sequence = super()._get_picking_type_create_values(max_sequence)
        for values in data.values():
            if values.get("code") == "outgoing":
                values.update({"auto_batch": False, "batch_group_by_partner": False})
        return data, next_sequence

    def action_ecom_enable_packing_control(self):
        """Switch packing control on for the operation type where parcels are
        closed (pack in three steps, else delivery) with the default settings,
        and reception conformity on the receipt type."""
        for warehouse in self:
            warehouse._ecom_packing_control_type().write(
                {
                    "ecom_control_enabled": True,
                    "ecom_scan_mode": "unit",
                    "ecom_weight_check": "warn",
                    "ecom_weight_tolerance_g": 50.0,
                    "ecom_weight_tolerance_pct": 5.0,
                    "ecom_override_allowed": True,
                }
            )
            warehouse.in_type_id.ecom_reception_check = True
        return True

    def _ecom_packing_control_type(self):
        self.ensure_one()
        if self.delivery_steps == "pick_pack_ship" and self.pack_type_id:
            return self.pack_type_id
        return self.out_type_id
