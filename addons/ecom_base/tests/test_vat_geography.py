# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..tools import get_vat_geography
from .common import EcomFrenchCompanyCase
from .geography_cases import GEOGRAPHY_CASES


class TestVatGeography(EcomFrenchCompanyCase):
    def test_rule_table(self):
        """The pure rule gives the expected zone, accounts and fiscal position."""
        for label, country, zip_code, business, oss, zone, geography, fpos in GEOGRAPHY_CASES:
            with self.subTest(label):
                self.assertEqual(
                    tuple(get_vat_geography("FR", country, zip_code, business, oss)),
                    (zone, geography, fpos),
                )

    def test_company_method_table(self):
        """The ORM method reads the partner's address and the company's OSS setting."""
        Partner = self.env["res.partner"]
        for label, country, zip_code, business, oss, zone, geography, fpos in GEOGRAPHY_CASES:
            with self.subTest(label):
                partner = Partner.create(
                    {
                        "name": label,
                        "country_id": self.env.ref(f"base.{country.lower()}").id,
                        "zip": zip_code,
                        "is_company": business,
                        "vat": "BE0477472701" if business else False,
                    }
                )
                self.company.ecom_oss = oss
                result = self.company._ecom_get_vat_geography(partner)
                self.assertEqual(tuple(result), (zone, geography, fpos))

    def test_other_home_country(self):
        self.assertEqual(get_vat_geography("BE", "BE", "1000").geography, "domestic")
        self.assertEqual(get_vat_geography("BE", "FR", "75001").geography, "domestic")
        self.assertEqual(get_vat_geography("BE", "FR", "97110").geography, "export")
        self.assertEqual(get_vat_geography("BE", "US").geography, "export")
