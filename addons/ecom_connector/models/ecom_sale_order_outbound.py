# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class EcomSaleOrder(models.Model):
    _inherit = "ecom.sale.order"

    @api.model
    def _import_order(self, backend, order, entry=None):
        # a new shop order: "received", and "waiting for payment" when it waits
        existed = bool(
            self.sudo().search_count(
                [("backend_id", "=", backend.id), ("external_id", "=", order["external_id"])],
                limit=1,
            )
        )
        state, message, sale = super()._import_order(backend, order, entry=entry)
        if sale and not existed and sale.ecom_bind_ids:
            sale._ecom_order_event("received")
            if sale.state in ("draft", "sent"):
                sale._ecom_order_event("waiting_payment")
        return state, message, sale

    def _confirm(self):
        # confirmed because the shop says it is paid: nothing to tell the shop
        return super(EcomSaleOrder, self.with_context(ecom_from_shop=True))._confirm()

    def _cancel_from_shop(self, order):
        # cancelled by the shop: nothing to tell the shop
        return super(EcomSaleOrder, self.with_context(ecom_from_shop=True))._cancel_from_shop(order)
