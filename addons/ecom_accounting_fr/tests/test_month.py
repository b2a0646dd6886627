# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import importlib.util
import io
from collections import defaultdict
from pathlib import Path

from .common import EcomAccountingCase


class TestMonthOfActivity(EcomAccountingCase):
    """October 2026 of a French e-merchant under the OSS threshold (EU
    consumers pay French VAT), with the shipping VAT following the goods,
    checked line by line against the PCG: 7071x0 goods by French rate,
    7061x0 services, 7085x0 shipping by rate, 707160 / 708560
    intra-community deliveries (art. 262 ter I CGI), 707180 / 708580
    exports and DOM (art. 262 I, 294 CGI); discounts reduce what they
    discount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ecom_oss = False
        cls.company.ecom_shipping_prorata = True
        cls.product_coupon = cls._product(
            "Coupon", "service", cls.tax_sale_20, False, nature="discount"
        )
        Partner = cls.env["res.partner"]
        cls.customer_mc = Partner.create(
            {"name": "Giulia Rossi", "country_id": cls.env.ref("base.mc").id, "zip": "98000"}
        )
        cls.customer_gp = Partner.create(
            {"name": "Marie Lacroix", "country_id": cls.country_fr.id, "zip": "97110"}
        )
        cls.customer_ch = Partner.create(
            {"name": "Luca Meier", "country_id": cls.env.ref("base.ch").id, "zip": "1200"}
        )
        p = cls
        cls.inv_mixed = cls._invoice(
            cls.customer_fr,
            [
                (p.product_tshirt, 2, 25.0, 10.0),
                (p.product_book, 1, 18.0, 0.0),
                (p.product_shipping, 1, 6.0, 0.0),
                (p.product_coupon, 1, -5.0, 0.0),
            ],
            date="2026-10-02",
        )
        cls.inv_wood = cls._invoice(
            cls.customer_fr_2,
            [
                (p.product_firewood, 1, 80.0, 0.0),
                (p.product_giftwrap, 1, 3.0, 0.0),
                (p.product_gold, 1, 500.0, 0.0),
            ],
            date="2026-10-05",
        )
        cls.inv_mc = cls._invoice(
            cls.customer_mc, [(p.product_tshirt, 1, 30.0, 0.0)], date="2026-10-07"
        )
        # Odoo alone would take Monaco for an export and 97110 for France
        cls.inv_gp = cls._invoice(
            cls.customer_gp,
            [(p.product_tshirt, 1, 40.0, 0.0), (p.product_shipping, 1, 10.0, 0.0)],
            date="2026-10-09",
        )
        cls.inv_de = cls._invoice(
            cls.customer_de_b2c,
            [(p.product_tshirt, 1, 25.0, 0.0), (p.product_shipping, 1, 7.5, 0.0)],
            date="2026-10-12",
        )
        cls.inv_be = cls._invoice(
            cls.customer_be_b2b,
            [(p.product_tshirt, 10, 20.0, 0.0), (p.product_shipping, 1, 15.0, 0.0)],
            date="2026-10-14",
        )
        cls.inv_ch = cls._invoice(
            cls.customer_ch,
            [(p.product_tshirt, 2, 25.0, 0.0)],
            date="2026-10-16",
            fiscal_position_id=cls.fpos_export.id,
        )

    def _lines(self, move):
        return sorted(
            (line.account_id.code, line.tax_ids.amount, round(line.balance, 2))
            for line in move.invoice_line_ids
        )

    def test_each_line_on_its_pcg_account(self):
        expected = {
            # 2 T-shirts less 10 %, a book, 6.00 shipping (7.20 paid) split
            # pro rata of the goods per rate (40 at 20 % after the coupon,
            # 18 at 5.5 %): 4.97 and 2.23 tax included; the coupon reduces
            # the goods at 20 %
            self.inv_mixed: [
                ("707110", 20.0, -45.0),
                ("707110", 20.0, 5.0),
                ("707130", 5.5, -18.0),
                ("708510", 20.0, -4.14),
                ("708530", 5.5, -2.11),
            ],
            self.inv_wood: [
                ("706110", 20.0, -3.0),
                ("707120", 10.0, -80.0),
                ("707150", 0.0, -500.0),
            ],
            # Monaco: French VAT territory, domestic fiscal position
            self.inv_mc: [("707110", 20.0, -30.0)],
            # Guadeloupe (971): export-like, exempt
            self.inv_gp: [("707180", 0.0, -40.0), ("708580", 0.0, -10.0)],
            # German consumer under the OSS threshold: French VAT, French accounts
            self.inv_de: [("707110", 20.0, -25.0), ("708510", 20.0, -7.5)],
            self.inv_be: [("707160", 0.0, -200.0), ("708560", 0.0, -15.0)],
            self.inv_ch: [("707180", 0.0, -50.0)],
        }
        for move, lines in expected.items():
            self.assertEqual(self._lines(move), sorted(lines), move.partner_id.name)
        chart = self.env["account.chart.template"].with_company(self.company)
        self.assertEqual(
            self.inv_mc.fiscal_position_id, chart.ref("fiscal_position_template_domestic")
        )
        self.assertEqual(self.inv_gp.fiscal_position_id, self.fpos_export)
        # the customer pays what the shop charged: 40 * 1.2 + 18.99 + 7.20
        self.assertAlmostEqual(self.inv_mixed.amount_total, 74.19, places=2)
        self.assertAlmostEqual(self.inv_mixed.amount_tax, 8.83 + 1.11, places=2)
        self.assertFalse(
            self.env["account.move.line"].search_count(
                [
                    ("move_id", "in", [m.id for m in expected]),
                    ("account_id.code", "=like", "706%"),
                    ("product_id", "in", (self.product_coupon | self.product_shipping).ids),
                ]
            )
        )

    def test_credit_note_same_accounts(self):
        reversal = (
            self.env_user["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=self.inv_mixed.ids)
            .create({"reason": "Rétractation", "journal_id": self.inv_mixed.journal_id.id})
        )
        refund = self.env_user["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.action_post()
        self.assertEqual(
            self._lines(refund),
            sorted((code, rate, -balance) for code, rate, balance in self._lines(self.inv_mixed)),
        )
        self.assertAlmostEqual(refund.amount_total, 74.19, places=2)

    def test_posted_invoices_frozen(self):
        """Changing the customer's country, VAT number or a product's nature
        later changes neither a posted invoice nor the reports."""
        Report = self.env["ecom.sales.vat.report"]
        before = Report.search_read(
            [("move_id", "=", self.inv_de.id)],
            ["account_id", "geography", "nature", "is_b2c", "ereporting_category", "tax_rate"],
            order="id",
        )
        lines_before = self._lines(self.inv_de)
        self.customer_de_b2c.write(
            {"country_id": self.country_be.id, "vat": "BE0477472701", "is_company": True}
        )
        self.product_tshirt.ecom_accounting_nature = "service"
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.inv_de.ecom_geography, "domestic")
        self.assertTrue(self.inv_de.ecom_is_b2c)
        self.assertEqual(self._lines(self.inv_de), lines_before)
        after = Report.search_read(
            [("move_id", "=", self.inv_de.id)],
            ["account_id", "geography", "nature", "is_b2c", "ereporting_category", "tax_rate"],
            order="id",
        )
        self.assertEqual(after, before)
        # a new invoice of the same customer follows the new data
        new = self._invoice(self.customer_de_b2c, [(self.product_firewood, 1, 10.0, 0.0)])
        self.assertEqual(new.ecom_geography, "eu_b2b")
        self.assertFalse(new.ecom_is_b2c)

    def test_upgrade_restores_posting_facts(self):
        """Upgrading to 18.0.1.1.0 computed the new stored fields from today's
        partners and products; the migration sets them back from what the
        posted entries recorded (accounts, fiscal position, Factur-X)."""
        moves = self.inv_de | self.inv_be | self.inv_ch | self.inv_mc | self.inv_mixed
        # the French consumer was sent his Factur-X, kept with the invoice
        xml, _errors = self.env["account.edi.xml.cii"]._export_invoice(self.inv_mixed)
        self.inv_mixed.ubl_cii_xml_file = base64.b64encode(xml)
        self.assertTrue(self.inv_mixed.ubl_cii_xml_id)
        frozen = {
            move: (
                move.ecom_geography,
                move.ecom_is_b2c,
                move.invoice_line_ids.mapped("ecom_nature"),
            )
            for move in moves
        }
        self.assertEqual(
            [frozen[move][0] for move in moves],
            ["domestic", "eu_b2b", "export", "domestic", "domestic"],
        )
        # the data changed since these invoices were posted...
        self.customer_de_b2c.write(
            {"country_id": self.country_be.id, "vat": "BE0477472701", "is_company": True}
        )
        self.customer_be_b2b.write({"country_id": self.country_fr.id, "vat": False})
        self.customer_ch.country_id = self.country_fr
        self.customer_mc.country_id = self.env.ref("base.us")
        self.customer_fr.vat = "FR23334175221"
        self.product_tshirt.ecom_accounting_nature = "service"
        # ... and the upgrade computes the new columns from it
        Move, Line = self.env["account.move"], self.env["account.move.line"]
        for field in (Move._fields["ecom_geography"], Move._fields["ecom_is_b2c"]):
            self.env.add_to_compute(field, moves)
        self.env.add_to_compute(Line._fields["ecom_nature"], moves.invoice_line_ids)
        self.env.flush_all()
        self.assertEqual(
            moves.mapped("ecom_geography"), ["eu_b2b", "domestic", "domestic", "export", "domestic"]
        )
        self.assertEqual(moves.mapped("ecom_is_b2c"), [False, True, True, True, False])
        path = Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("ecom_accounting_fr_post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        for move in moves:
            self.assertEqual(
                (
                    move.ecom_geography,
                    move.ecom_is_b2c,
                    move.invoice_line_ids.mapped("ecom_nature"),
                ),
                frozen[move],
                move.name,
            )

    def test_ereporting_totals(self):
        wizard = self.env_user["ecom.ereporting.export"].create(
            {"date_from": "2026-10-01", "date_to": "2026-10-31", "file_format": "csv"}
        )
        wizard.action_export()
        rows = list(
            csv.DictReader(io.StringIO(base64.b64decode(wizard.file_data).decode()), delimiter=";")
        )
        by_rate = defaultdict(lambda: [0.0, 0.0])
        transactions = defaultdict(int)
        for row in rows:
            if row["vat_rate"]:
                by_rate[(row["category"], row["vat_rate"])][0] += float(row["amount_untaxed"])
                by_rate[(row["category"], row["vat_rate"])][1] += float(row["vat_amount"])
            else:
                transactions[row["category"]] += int(row["transactions"])
        got = {key: (round(a, 2), round(v, 2)) for key, (a, v) in by_rate.items()}
        self.assertEqual(
            got,
            {
                # goods and shipping taxed in France, the coupon deducted
                ("TLB1", "20.00"): (45 - 5 + 4.14 + 30 + 25 + 7.5, 9 - 1 + 0.83 + 6 + 5 + 1.5),
                ("TLB1", "10.00"): (80.0, 8.0),
                ("TLB1", "5.50"): (20.11, 1.11),
                ("TPS1", "20.00"): (3.0, 0.6),
                # gold (exempt), Guadeloupe, Switzerland
                ("TNT1", "0.00"): (600.0, 0.0),
            },
        )
        # one transaction per invoice, whatever its number of rates
        self.assertEqual(dict(transactions), {"TLB1": 4, "TPS1": 1, "TNT1": 3})
