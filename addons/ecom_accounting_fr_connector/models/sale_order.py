# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _prepare_invoice(self):
        # the channel drives the accounting's analytic split and sales reports
        vals = super()._prepare_invoice()
        if self.ecom_channel:
            vals["ecom_channel"] = self.ecom_channel
        return vals
