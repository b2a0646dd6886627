# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockPickingBatch(models.Model):
    _inherit = "stock.picking.batch"

    def _ecom_pick_list_rows(self):
        """Rows of the pick list: one per location, product and lot, sorted
        by location so the picker walks the warehouse once."""
        self.ensure_one()
        rows = {}
        for line in self.move_line_ids:
            key = (line.location_id, line.product_id, line.lot_id)
            row = rows.setdefault(
                key,
                {
                    "location": line.location_id,
                    "product": line.product_id,
                    "lot": line.lot_id,
                    "quantity": 0.0,
                    "uom": line.product_uom_id,
                    "pickings": self.env["stock.picking"],
                },
            )
            row["quantity"] += line.quantity
            row["pickings"] |= line.picking_id
        for move in self.move_ids.filtered(lambda m: not m.move_line_ids and m.state != "cancel"):
            key = (move.location_id, move.product_id, self.env["stock.lot"])
            row = rows.setdefault(
                key,
                {
                    "location": move.location_id,
                    "product": move.product_id,
                    "lot": self.env["stock.lot"],
                    "quantity": 0.0,
                    "uom": move.product_uom,
                    "pickings": self.env["stock.picking"],
                },
            )
            row["quantity"] += move.product_uom_qty
            row["pickings"] |= move.picking_id
        return sorted(
            rows.values(),
            key=lambda r: (
                r["location"].complete_name or "",
                r["product"].default_code or "",
                r["product"].name or "",
                r["lot"].name or "",
            ),
        )

    @api.model
    def _ecom_day_end(self, date):
        """The last second of ``date``: the day's transfers are those
        scheduled until then."""
        return fields.Datetime.to_datetime(date).replace(hour=23, minute=59, second=59)

    @api.model
    def _ecom_day_pickings(self, picking_type, date=None, include_partial=False):
        """Split the transfers of ``picking_type`` scheduled until the end of
        ``date`` (today), not done and not in a batch, into ``(ready,
        waiting)``: ``ready`` have all their moves reserved (with
        ``include_partial``, also the partly reserved ones that may ship
        as soon as possible, move type *direct*); ``waiting`` wait for
        goods."""
        date = date or fields.Date.context_today(self)
        end = self._ecom_day_end(date)
        pickings = self.env["stock.picking"].search(
            [
                ("picking_type_id", "=", picking_type.id),
                ("state", "in", ("confirmed", "waiting", "assigned")),
                ("batch_id", "=", False),
                ("scheduled_date", "<=", end),
            ],
            order="priority desc, scheduled_date, id",
        )
        ready = pickings.filtered(lambda p: p._ecom_ready_to_pick(include_partial))
        return ready, pickings - ready

    @api.model
    def _ecom_create_day_batch(self, picking_type, date=None, user=None, include_partial=False):
        """Group the fully reserved transfers of ``picking_type`` scheduled
        until the end of ``date`` (today) and not in a batch into one
        confirmed batch (``include_partial``: also the partly reserved
        ones, see :meth:`_ecom_day_pickings`); return it (empty when
        there is nothing to ship)."""
        date = date or fields.Date.context_today(self)
        pickings = self._ecom_day_pickings(picking_type, date, include_partial)[0]
        if not pickings:
            return self.browse()
        batch = self.create(
            {
                "company_id": picking_type.company_id.id,
                "picking_type_id": picking_type.id,
                "user_id": (user or self.env.user).id,
                "picking_ids": [(6, 0, pickings.ids)],
                "description": self.env._("Pick list of %s", fields.Date.to_string(date)),
            }
        )
        batch.action_confirm()
        return batch
