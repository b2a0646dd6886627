# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import float_compare


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_cancel(self):
        # a cancelled receipt or dropship move is a supplier that cannot deliver
        supplier_moves = self.filtered(
            lambda m: m.purchase_line_id and m.state not in ("done", "cancel")
        )
        res = super()._action_cancel()
        for move in supplier_moves.filtered(lambda m: m.state == "cancel"):
            move._ecom_report_undelivered(move.product_uom_qty)
        return res

    def _action_done(self, cancel_backorder=False):
        # a receipt validated short without backorder: the rest will not come
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        if cancel_backorder:
            for move in moves.filtered(lambda m: m.purchase_line_id and m.state == "done"):
                missing = move.product_uom_qty - move.quantity
                if float_compare(missing, 0, precision_rounding=move.product_uom.rounding) > 0:
                    move._ecom_report_undelivered(missing)
        moves._ecom_clear_delivered_replenishment()
        return moves

    def _ecom_clear_delivered_replenishment(self):
        """A customer order flagged "en réapprovisionnement" that is now
        fully delivered is not waiting any more."""
        orders = (
            self.filtered(lambda m: m.state == "done")
            .sale_line_id.order_id.sudo()
            .filtered("ecom_replenishment_pending")
        )
        for order in orders:
            lines = order.order_line.filtered(
                lambda line: not line.display_type and line.product_id.type == "consu"
            )
            if all(
                float_compare(
                    line.qty_delivered,
                    line.product_uom_qty,
                    precision_rounding=line.product_uom.rounding,
                )
                >= 0
                for line in lines
            ):
                order.action_ecom_clear_replenishment()
                order.message_post(body=self.env._("Delivered: no longer being replenished."))

    def _ecom_report_undelivered(self, quantity):
        self.ensure_one()
        self.purchase_line_id._ecom_report_supplier_shortage(
            self.env._(
                "%(qty)s %(product)s from purchase %(order)s will not be delivered.",
                qty=quantity,
                product=self.product_id.display_name,
                order=self.purchase_line_id.order_id.name,
            )
        )
