# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.ecom_base.tests.geography_cases import GEOGRAPHY_CASES, customer_for_case
from odoo.addons.ecom_connector.tests.common import EcomConnectorCase


class TestImportedOrderGeography(EcomConnectorCase):
    """The connector decides the fiscal position of an imported order with
    the suite's one geography rule (the table of ``ecom_base``)."""

    def test_fiscal_position_table(self):
        backend = self.backend
        self.assertTrue(backend.fiscal_position_domestic_id)
        self.assertTrue(backend.fiscal_position_export_id)
        for label, country, zip_code, business, oss, _zone, _geography, fpos in GEOGRAPHY_CASES:
            with self.subTest(label):
                customer = customer_for_case(self.env, label, country, zip_code, business)
                self.company.ecom_oss = oss
                self.assertEqual(
                    backend._get_fiscal_position(customer, customer),
                    backend[f"fiscal_position_{fpos}_id"],
                )
