# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api

from odoo.addons.ecom_accounting_fr.hooks import restore_posting_facts


def migrate(cr, version):
    # 18.0.1.1.0 stored the geography, the B2C flag and the nature, computed
    # by the ORM from the data of the day of the upgrade: the posted entries
    # say better (databases upgraded to 18.0.1.1.0 included)
    if not version:
        return
    restore_posting_facts(api.Environment(cr, SUPERUSER_ID, {}))
