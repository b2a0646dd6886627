# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class EcomSaleOrder(models.Model):
    _inherit = "ecom.sale.order"

    @api.model
    def _prepare_order_vals(self, backend, order, partner, invoice, shipping):
        # the shop's relay point is the order's chosen relay, kept when the
        # shipping method changes (ecom_carrier)
        vals = super()._prepare_order_vals(backend, order, partner, invoice, shipping)
        if shipping.ecom_is_relay:
            vals["ecom_relay_partner_id"] = shipping.id
        return vals
