# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        # a new demand lowers what the shops may sell
        moves = super().create(vals_list)
        moves._ecom_notify_stock_change()
        return moves

    def write(self, vals):
        # reserved, done, cancelled: the sellable quantity moved
        result = super().write(vals)
        if "state" in vals:
            self._ecom_notify_stock_change()
        return result

    def _action_assign(self, force_qty=False):
        # the goods of a shop order are reserved: it is being prepared
        result = super()._action_assign(force_qty=force_qty)
        pickings = self.picking_id.filtered(lambda p: p.state == "assigned")
        pickings._ecom_shop_order()._ecom_order_event("preparation")
        return result

    def _ecom_notify_stock_change(self):
        """Queue the shops' debounced stock run (one per shop, whatever the
        number of moves: the job's identity key)."""
        moves = self.filtered(lambda m: m.product_id.is_storable)
        if moves:
            self.env["ecom.backend"]._ecom_stock_changed(moves.company_id)
