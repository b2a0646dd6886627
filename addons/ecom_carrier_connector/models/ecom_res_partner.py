# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class EcomResPartner(models.Model):
    _inherit = "ecom.res.partner"

    @api.model
    def _prepare_address_vals(self, address, address_type):
        # a shop's relay point (``ref`` MR#...) is one of ecom_carrier's relay addresses
        vals = super()._prepare_address_vals(address, address_type)
        if address.get("relay_point"):
            vals["ecom_is_relay"] = True
        return vals
