# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.ecom_base.tests.geography_cases import GEOGRAPHY_CASES, customer_for_case

from .common import EcomAccountingCase

#: fiscal position of the French chart for each key of the rule
CHART_FPOS = {
    "domestic": "fiscal_position_template_domestic",
    "eu_b2b": "fiscal_position_template_intraeub2b",
    "eu_b2c": "fiscal_position_template_intraeub2c",
    "export": "fiscal_position_template_import_export",
}
#: income account of a T-shirt (goods, 20 %) per geography (PCG, ventilation table)
GOODS_ACCOUNT = {
    "domestic": "707110",
    "eu_b2b": "707160",
    "eu_b2c": "707170",
    "export": "707180",
}


class TestInvoiceGeography(EcomAccountingCase):
    """Posted invoices follow the suite's one geography rule (the table of
    ``ecom_base``): the fiscal position the connector would give the order,
    then the accounts of the tax actually applied."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        de = cls.country_de
        # OSS: German VAT charged through a foreign-VAT fiscal position
        group = cls.env["account.tax.group"].create(
            {"name": "MwSt 19 %", "country_id": de.id, "company_id": cls.company.id}
        )
        cls.tax_de_19 = cls.env["account.tax"].create(
            {
                "name": "19 % DE (OSS)",
                "amount": 19.0,
                "type_tax_use": "sale",
                "country_id": de.id,
                "tax_group_id": group.id,
                "company_id": cls.company.id,
            }
        )
        cls.fpos_oss_de = cls.env["account.fiscal.position"].create(
            {
                "name": "OSS Germany",
                "country_id": de.id,
                "foreign_vat": "DE123456788",
                "company_id": cls.company.id,
                "tax_ids": [
                    Command.create(
                        {"tax_src_id": cls.tax_sale_20.id, "tax_dest_id": cls.tax_de_19.id}
                    )
                ],
            }
        )

    def _fiscal_position(self, key, oss):
        if key == "eu_b2c" and oss:
            return self.fpos_oss_de
        chart = self.env["account.chart.template"].with_company(self.company)
        return chart.ref(CHART_FPOS[key])

    def test_invoice_table(self):
        for label, country, zip_code, business, oss, _zone, geography, fpos in GEOGRAPHY_CASES:
            with self.subTest(label):
                customer = customer_for_case(self.env, label, country, zip_code, business)
                self.company.ecom_oss = oss
                invoice = self._invoice(
                    customer,
                    [(self.product_tshirt, 1, 100.0, 0.0)],
                    fiscal_position_id=self._fiscal_position(fpos, oss).id,
                )
                self.assertEqual(invoice.ecom_geography, geography)
                self.assertEqual(invoice.ecom_is_b2c, not business)
                self.assertEqual(invoice.invoice_line_ids.account_id.code, GOODS_ACCOUNT[geography])

    def test_eu_consumer_follows_the_tax_applied(self):
        """A German consumer taxed at French VAT (under the threshold) is a
        French sale even when the company is under OSS; with German VAT it is
        an OSS sale."""
        self.company.ecom_oss = True
        french_vat = self._invoice(self.customer_de_b2c, [(self.product_tshirt, 1, 50.0, 0.0)])
        self.assertEqual(french_vat.ecom_geography, "domestic")
        self.assertEqual(french_vat.invoice_line_ids.account_id.code, "707110")
        german_vat = self._invoice(
            self.customer_de_b2c,
            [(self.product_tshirt, 1, 50.0, 0.0)],
            fiscal_position_id=self.fpos_oss_de.id,
        )
        self.assertEqual(german_vat.invoice_line_ids.tax_ids, self.tax_de_19)
        self.assertEqual(german_vat.ecom_geography, "eu_b2c")
        self.assertEqual(german_vat.invoice_line_ids.account_id.code, "707170")
