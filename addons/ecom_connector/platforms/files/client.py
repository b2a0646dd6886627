# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Files come to Odoo (folder, upload, push API): nothing to poll."""

from odoo.tools import LazyTranslate

from ..base import HttpClient

_lt = LazyTranslate(__name__)


class FileClient(HttpClient):
    def test_connection(self):
        return _lt("Files need no connection.")

    def fetch_orders(self, since, until):
        return iter(())
