# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _ecom_is_packing_manager(self):
        """Whether this user may override the packing checks."""
        self.ensure_one()
        return self.has_group("stock.group_stock_manager") or self.has_group(
            "ecom_base.ecom_base_group_manager"
        )
