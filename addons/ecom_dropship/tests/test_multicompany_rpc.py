# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A user of company B, through XML-RPC, against company A's supplier feeds
and their runs (record rules)."""

import base64

from odoo.tests import HttpCase, tagged

from odoo.addons.ecom_base.tests.rpc import CompanyIsolationRpcMixin

from .common import EcomDropshipCase

#: a harmless change of each model, refused to company B
WRITES = {
    "ecom.supplier.feed": {"name": "B"},
    "ecom.supplier.feed.run": {"payload_filename": "B.csv"},
}


@tagged("post_install", "-at_install")
class TestFeedMultiCompanyRpc(CompanyIsolationRpcMixin, EcomDropshipCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b_user(
            "feed_b",
            "base.group_user,ecom_base.ecom_base_group_manager,purchase.group_purchase_user",
        )

    def test_company_b_sees_no_feed_of_company_a(self):
        self._create_product("Bureau", sellers=[(self.supplier_a, 100.0, {"product_code": "A-1"})])
        feed = self.env_manager["ecom.supplier.feed"].create(
            {
                "name": "Fournisseur A stock",
                "partner_id": self.supplier_a.id,
                "file_format": "csv",
                "source": "upload",
                "csv_delimiter": ";",
                "csv_ref_column": "ref",
                "csv_qty_column": "stock",
            }
        )
        feed.feed_file = base64.b64encode(b"ref;stock\nA-1;4\n")
        feed.feed_filename = "stock.csv"
        run = self.env["ecom.supplier.feed.run"].browse(feed.action_run()["res_id"])
        self.assertIsolatedOverRpc(
            "feed_b", {"ecom.supplier.feed": feed, "ecom.supplier.feed.run": run}, WRITES
        )
