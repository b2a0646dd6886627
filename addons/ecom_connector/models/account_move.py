# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        # a posted credit note of a shop order: the shop learns it is refunded
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda m: m.move_type == "out_refund")
        orders = refunds.line_ids.sale_line_ids.order_id.filtered("ecom_bind_ids")
        orders._ecom_order_event("refunded")
        return posted
