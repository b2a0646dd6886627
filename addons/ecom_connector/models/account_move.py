# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        # a posted credit note of a shop order: the shop learns it is refunded
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda m: m.move_type == "out_refund")
        refunds._ecom_shop_orders()._ecom_order_event("refunded")
        return posted

    def _ecom_shop_orders(self):
        """The shop orders (sale orders with a shop binding) these invoices
        or credit notes bill, read as superuser: an accountant posts a
        credit note without any right on the shop, while its status and the
        customer e-mail are the connector's work."""
        return self.sudo().line_ids.sale_line_ids.order_id.filtered("ecom_bind_ids")
