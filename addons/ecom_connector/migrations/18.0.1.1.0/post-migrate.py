# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    # 18.0.1.1.0 reports refunds to Shopify (refundCreate per credit note):
    # shops created before have no "refunded" rule, so nothing would be sent
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    backends = env["ecom.backend"].with_context(active_test=False).search([])
    backends._add_default_status_rules(["refunded"])
