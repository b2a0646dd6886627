# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_cancel(self):
        # a cancelled receipt or dropship quantity (short delivery without
        # backorder) is a supplier that cannot deliver
        supplier_moves = self.filtered(
            lambda m: m.purchase_line_id and m.state not in ("done", "cancel")
        )
        res = super()._action_cancel()
        for move in supplier_moves.filtered(lambda m: m.state == "cancel"):
            move.purchase_line_id._ecom_report_supplier_shortage(
                self.env._(
                    "%(qty)s %(product)s from purchase %(order)s will not be delivered.",
                    qty=move.product_uom_qty,
                    product=move.product_id.display_name,
                    order=move.purchase_line_id.order_id.name,
                )
            )
        return res
