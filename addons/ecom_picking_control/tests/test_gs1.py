# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.tests import BaseCase

from ..barcode import gs1


class TestGs1Parser(BaseCase):
    def test_parentheses_form(self):
        parsed = gs1.parse("(01)03760000000017(10)LOT42(17)270331(3103)001250")
        self.assertEqual(parsed["gtin"], "03760000000017")
        self.assertEqual(parsed["lot"], "LOT42")
        self.assertEqual(parsed["expiry"], datetime.date(2027, 3, 31))
        self.assertAlmostEqual(parsed["net_weight_kg"], 1.25)

    def test_raw_form_with_separator_and_symbology(self):
        parsed = gs1.parse("]C1010376000000001710LOT42\x1d21SN-7\x1d3102000450")
        self.assertEqual(parsed["lot"], "LOT42")
        self.assertEqual(parsed["serial"], "SN-7")
        self.assertAlmostEqual(parsed["net_weight_kg"], 4.5)

    def test_expiry_day_zero_is_end_of_month(self):
        self.assertEqual(
            gs1.parse("(01)03760000000017(17)270200")["expiry"], datetime.date(2027, 2, 28)
        )

    def test_malformed_strings(self):
        for code in (
            "(01)03760000000018",  # bad check digit
            "(01)0376000000001",  # short GTIN
            "(99)ABC",  # unknown AI
            "(01)03760000000017(17)271332",  # no 13th month
            "(10)",  # empty lot
            "(01)03760000000017 garbage",
            "0103760000000017(10",
            "]C1",
        ):
            with self.subTest(code=code), self.assertRaises(gs1.Gs1Error):
                gs1.parse(code)

    def test_detection_and_candidates(self):
        self.assertTrue(gs1.looks_like_gs1("010376000000001710LOT"))
        self.assertTrue(gs1.looks_like_gs1("(01)03760000000017"))
        self.assertFalse(gs1.looks_like_gs1("3760000000017"))
        self.assertFalse(gs1.looks_like_gs1("PACK-MUG-6"))
        self.assertIn("3760000000017", gs1.gtin_candidates("03760000000017"))
