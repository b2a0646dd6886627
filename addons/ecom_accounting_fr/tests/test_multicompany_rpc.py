# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A user of company B, through XML-RPC, against company A's payout
profiles, imports, their lines and transactions (record rules)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.ecom_base.tests.rpc import CompanyIsolationRpcMixin

from .common import EcomAccountingCase

#: a harmless change of each model, refused to company B
WRITES = {
    "ecom.payout.profile": {"name": "B"},
    "ecom.payout.import": {"filename": "B.csv"},
    "ecom.payout.import.line": {"note": "B"},
    "ecom.payout.transaction": {"name": "B"},
}


@tagged("post_install", "-at_install")
class TestPayoutMultiCompanyRpc(CompanyIsolationRpcMixin, EcomAccountingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b_user(
            "payout_b",
            "base.group_user,ecom_base.ecom_base_group_manager,account.group_account_manager",
        )

    def test_company_b_sees_no_payout_of_company_a(self):
        self._invoice(self.customer_de_b2c, [(self.product_tshirt, 1, 35.0, 0.0)], ref="SO-GEN-1")
        profile = self._profile("Cdiscount", "generic", False)
        imported = self._upload(profile, "generic_payout.csv")
        imported.action_import()
        records = {
            "ecom.payout.profile": profile,
            "ecom.payout.import": imported,
            "ecom.payout.import.line": imported.line_ids,
            "ecom.payout.transaction": self.env["ecom.payout.transaction"].create(
                {"name": "TX-A-1", "profile_id": profile.id, "import_id": imported.id}
            ),
        }
        self.assertIsolatedOverRpc("payout_b", records, WRITES)
