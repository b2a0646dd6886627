# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import json

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError

from .common import EcomAccountingCase


class TestReports(EcomAccountingCase):
    """Sales pivot by VAT rate x geography x channel and the B2C e-reporting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        p = cls
        cls.inv_1 = cls._invoice(
            cls.customer_fr,
            [
                (p.product_tshirt, 2, 25.0, 10.0),
                (p.product_book, 1, 18.0, 0.0),
                (p.product_shipping, 1, 5.90, 0.0),
            ],
            date="2026-10-05",
            ecom_channel="amazon.fr",
        )
        cls._invoice(
            cls.customer_fr_2,
            [
                (p.product_giftwrap, 1, 3.0, 0.0),
                (p.product_firewood, 1, 80.0, 0.0),
            ],
            date="2026-10-05",
            ecom_channel="shop",
        )
        cls._invoice(
            cls.customer_be_b2b,
            [(p.product_tshirt, 10, 20.0, 0.0)],
            date="2026-10-05",
            ecom_channel="shop",
        )
        cls._invoice(
            cls.customer_us,
            [
                (p.product_tshirt, 2, 25.0, 0.0),
                (p.product_shipping, 1, 20.0, 0.0),
            ],
            date="2026-10-06",
            fiscal_position_id=cls.fpos_export.id,
            ecom_channel="ebay",
        )
        cls._invoice(
            cls.customer_de_b2c,
            [(p.product_tshirt, 1, 25.0, 0.0)],
            date="2026-10-06",
            ecom_channel="ebay",
        )
        # withdrawal of the first order, refunded the next day
        reversal = (
            cls.env_user["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=cls.inv_1.ids)
            .create(
                {
                    "reason": "Rétractation",
                    "journal_id": cls.inv_1.journal_id.id,
                    "date": "2026-10-06",
                }
            )
        )
        refund = cls.env_user["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.invoice_date = "2026-10-06"
        refund.action_post()
        cls.refund = refund

    def test_sales_pivot(self):
        Report = self.env_user["ecom.sales.vat.report"]
        groups = Report._read_group([], ["geography", "tax_rate"], ["amount_untaxed:sum"])
        totals = {(geo, rate): round(amount, 2) for geo, rate, amount in groups}
        self.assertEqual(
            totals,
            {
                # the German consumer paid French VAT: a French sale
                ("domestic", 20.0): 28.00,
                ("domestic", 10.0): 80.00,
                ("domestic", 5.5): 0.00,
                ("eu_b2b", 0.0): 200.00,
                ("export", 0.0): 70.00,
            },
        )
        by_channel = dict(Report._read_group([], ["channel"], ["amount_untaxed:sum"]))
        self.assertEqual(self.refund.ecom_channel, "amazon.fr")
        self.assertEqual(by_channel, {"amazon.fr": 0.0, "shop": 283.0, "ebay": 95.0})
        by_nature = dict(
            Report._read_group([("date", "=", "2026-10-05")], ["nature"], ["amount_untaxed:sum"])
        )
        self.assertEqual(by_nature, {"goods": 343.0, "service": 3.0, "shipping": 5.90})

    def _export(
        self, file_format, date_from="2026-10-01", date_to="2026-10-31", flow="10.3", **values
    ):
        wizard = self.env_user["ecom.ereporting.export"].create(
            dict(
                values,
                date_from=date_from,
                date_to=date_to,
                file_format=file_format,
                flow=flow,
            )
        )
        wizard.action_export()
        return wizard, base64.b64decode(wizard.file_data).decode("utf-8")

    def _texts(self, element, *paths):
        return tuple(element.findtext(path) for path in paths)

    def test_ereporting_xml(self):
        """Flow 10.3 in the structure of the DGFiP's flow 10: the report
        (TB-1) names the company (SIREN, scheme 0002, seller) and the
        platform sending it; per day and category (TG-31) the totals, the
        number of transactions and the breakdown per rate (TG-32)."""
        wizard, content = self._export("xml")
        self.assertEqual(wizard.filename, "ereporting_b2c_334175221_2026-10-01_2026-10-31.xml")
        report = etree.fromstring(content.encode())
        self.assertEqual(report.tag, "Report")
        head = report.find("ReportDocument")
        self.assertEqual(
            self._texts(head, "Id", "TypeCode", "Issuer/Id", "Issuer/RoleCode"),
            ("334175221-103-20261001-20261031-1", "IN", "334175221", "SE"),
        )
        self.assertEqual(head.find("Issuer/Id").get("schemeId"), "0002")
        self.assertRegex(head.findtext("IssueDateTime/DateTimeString"), r"^\d{14}$")
        # no approved platform set: the company sends its own report
        self.assertEqual(self._texts(head, "Sender/Id", "Sender/RoleCode"), ("334175221", "SE"))
        transactions = report.find("TransactionsReport")
        self.assertEqual(
            self._texts(transactions, "ReportPeriod/StartDate", "ReportPeriod/EndDate"),
            ("20261001", "20261031"),
        )
        got = [
            (
                *self._texts(
                    block,
                    "Date",
                    "TransactionsCurrency",
                    "CategoryCode",
                    "TaxExclusiveAmount",
                    "TaxTotal",
                    "TransactionsCount",
                ),
                [
                    self._texts(sub, "TaxPercent", "TaxableAmount", "TaxTotal")
                    for sub in block.findall("TaxSubtotal")
                ],
            )
            for block in transactions.findall("Transactions")
        ]
        self.assertEqual(
            got,
            [
                (
                    "20261005",
                    "EUR",
                    "TLB1",
                    "148.90",
                    "19.17",
                    "2",
                    [
                        ("20.00", "50.90", "10.18"),
                        ("10.00", "80.00", "8.00"),
                        ("5.50", "18.00", "0.99"),
                    ],
                ),
                ("20261005", "EUR", "TPS1", "3.00", "0.60", "1", [("20.00", "3.00", "0.60")]),
                (
                    "20261006",
                    "EUR",
                    "TLB1",
                    "-43.90",
                    "-6.17",
                    "2",
                    [("20.00", "-25.90", "-5.18"), ("5.50", "-18.00", "-0.99")],
                ),
                ("20261006", "EUR", "TNT1", "70.00", "0.00", "1", [("0.00", "70.00", "0.00")]),
            ],
        )
        # exported again once the platform is known: a corrective report it sends
        self.company.write({"ecom_pa_matricule": "0042", "ecom_pa_name": "Plateforme Test"})
        _wizard, content = self._export("xml")
        head = etree.fromstring(content.encode()).find("ReportDocument")
        self.assertEqual(
            self._texts(head, "Id", "TypeCode", "Sender/Id", "Sender/Name", "Sender/RoleCode"),
            ("334175221-103-20261001-20261031-2", "RE", "0042", "Plateforme Test", "WK"),
        )
        self.assertEqual(head.find("Sender/Id").get("schemeId"), "0238")

    def test_ereporting_csv(self):
        wizard, content = self._export("csv")
        self.assertEqual(wizard.filename, "ereporting_b2c_334175221_2026-10-01_2026-10-31.csv")
        rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
        got = [
            (
                r["date"],
                r["category"],
                r["vat_rate"],
                r["amount_untaxed"],
                r["vat_amount"],
                r["transactions"],
            )
            for r in rows
        ]
        # a row per day and category with its transactions (invoices, not
        # rates), then its rates
        self.assertEqual(
            got,
            [
                ("2026-10-05", "TLB1", "", "148.90", "19.17", "2"),
                ("2026-10-05", "TLB1", "20.00", "50.90", "10.18", ""),
                ("2026-10-05", "TLB1", "10.00", "80.00", "8.00", ""),
                ("2026-10-05", "TLB1", "5.50", "18.00", "0.99", ""),
                ("2026-10-05", "TPS1", "", "3.00", "0.60", "1"),
                ("2026-10-05", "TPS1", "20.00", "3.00", "0.60", ""),
                ("2026-10-06", "TLB1", "", "-43.90", "-6.17", "2"),
                ("2026-10-06", "TLB1", "20.00", "-25.90", "-5.18", ""),
                ("2026-10-06", "TLB1", "5.50", "-18.00", "-0.99", ""),
                ("2026-10-06", "TNT1", "", "70.00", "0.00", "1"),
                ("2026-10-06", "TNT1", "0.00", "70.00", "0.00", ""),
            ],
        )
        self.assertEqual({r["siren"] for r in rows}, {"334175221"})
        self.assertEqual({r["currency"] for r in rows}, {"EUR"})
        # the VAT reported equals the VAT of the B2C invoices' tax lines
        vat = sum(float(r["vat_amount"]) for r in rows if r["vat_rate"])
        self.assertAlmostEqual(vat, 10.18 + 8.0 + 0.99 + 0.60 - 5.18 - 0.99, places=2)

    def test_ereporting_json(self):
        _wizard, content = self._export("json", "2026-10-06", "2026-10-06")
        payload = json.loads(content)
        self.assertEqual(payload["seller"]["siren"], "334175221")
        self.assertEqual(payload["period"], {"start": "2026-10-06", "end": "2026-10-06"})
        self.assertEqual(
            [
                (t["category"], t["transactions"], t["amount_untaxed"], len(t["rates"]))
                for t in payload["totals"]
            ],
            [("TLB1", 2, "-43.90", 2), ("TNT1", 1, "70.00", 1)],
        )
        self.assertEqual(
            payload["totals"][0]["rates"][0],
            {"vat_rate": "20.00", "amount_untaxed": "-25.90", "vat_amount": "-5.18"},
        )

    def test_ereporting_period_remembered(self):
        """A period once exported is remembered; exporting it again says
        whether anything changed."""
        wizard, _content = self._export("csv")
        self.assertFalse(wizard.change_note)
        period = self.env["ecom.ereporting.period"].search([("company_id", "=", self.company.id)])
        self.assertEqual((str(period.date_from), str(period.date_to)), ("2026-10-01", "2026-10-31"))
        self.assertEqual(period.transactions, 6)
        again, _content = self._export("json")
        self.assertIn("nothing changed", again.change_note)
        self._invoice(self.customer_fr, [(self.product_book, 1, 10.0, 0.0)], date="2026-10-20")
        changed, _content = self._export("csv")
        self.assertIn("send a corrective report", changed.change_note)
        self.assertEqual(period.export_count, 3)

    def test_flow_international_b2b(self):
        """Flow 10.1: the Belgian business customer and a German supplier,
        per invoice and rate; consumers and French businesses are not in it."""
        supplier_de = self.env["res.partner"].create(
            {
                "name": "Stoffe Berlin GmbH",
                "is_company": True,
                "vat": "DE123456788",
                "country_id": self.country_de.id,
            }
        )
        bill = self._invoice(
            supplier_de,
            [(self.product_tshirt, 50, 4.0, 0.0)],
            move_type="in_invoice",
            date="2026-10-08",
        )
        self._invoice(
            self.supplier_fr, [(self.product_tshirt, 5, 4.0, 0.0)], move_type="in_invoice"
        )
        wizard, content = self._export("csv", flow="10.1")
        self.assertTrue(wizard.filename.startswith("ereporting_b2b_international_334175221_"))
        rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
        got = [
            (
                r["direction"],
                r["partner_country"],
                r["type_code"],
                r["vat_rate"],
                r["amount_untaxed"],
            )
            for r in rows
        ]
        self.assertEqual(
            got,
            [("sale", "BE", "380", "0.00", "200.00"), ("purchase", "DE", "380", "20.00", "200.00")],
        )
        self.assertEqual(rows[1]["invoice"], bill.name)
        self.assertEqual({r["flow"] for r in rows}, {"10.1"})
        # as XML: one report of the sales (the company sells), one of the
        # purchases (the company buys), an invoice block each (TG-8)
        for direction, role, seller, buyer, category, rate, untaxed, tax in (
            ("sale", "SE", "FR23334175221", "BE0477472701", "K", "0.00", "200.00", "0.00"),
            # reverse charged: the rate the company applies, no VAT invoiced
            ("purchase", "BY", "DE123456788", "FR23334175221", "K", "20.00", "200.00", "0.00"),
        ):
            wizard, content = self._export("xml", flow="10.1", direction=direction)
            self.assertTrue(wizard.filename.endswith(f"_{direction}.xml"))
            report = etree.fromstring(content.encode())
            self.assertEqual(report.findtext("ReportDocument/Issuer/RoleCode"), role)
            (invoice,) = report.findall("TransactionsReport/Invoice")
            self.assertEqual(
                self._texts(
                    invoice,
                    "TypeCode",
                    "CurrencyCode",
                    "BusinessProcess/ID",
                    "Seller/TaxRegistrationId",
                    "Buyer/TaxRegistrationId",
                    "MonetaryTotal/TaxExclusiveAmount",
                    "MonetaryTotal/TaxAmount",
                    "TaxSubTotal/TaxCategory/Code",
                    "TaxSubTotal/TaxCategory/Percent",
                    "TaxSubTotal/TaxableAmount",
                    "TaxSubTotal/TaxAmount",
                ),
                ("380", "EUR", "B1", seller, buyer, untaxed, tax, category, rate, untaxed, tax),
            )
        self.assertEqual(invoice.findtext("ID"), bill.name)

    def test_flow_payments_of_services(self):
        """Flow 10.4: what is collected on a B2C invoice of services taxed in
        France, in proportion of the services, on the day of the payment."""
        invoice = self._invoice(
            self.customer_fr,
            [(self.product_giftwrap, 1, 100.0, 0.0), (self.product_tshirt, 1, 50.0, 0.0)],
            date="2026-10-08",
        )
        self.assertEqual(invoice.amount_total, 180.0)
        self.env_accountant["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {"amount": 90.0, "payment_date": "2026-10-10", "journal_id": self.journal_bank.id}
        )._create_payments()
        _wizard, content = self._export("json", flow="10.4")
        payload = json.loads(content)
        self.assertEqual(payload["flow"], "10.4")
        self.assertEqual(
            payload["rows"],
            [
                {
                    "date": "2026-10-10",
                    "category": "TPS1",
                    "vat_rate": "20.00",
                    "amount_untaxed": "50.00",
                    "vat_amount": "10.00",
                    "currency": "EUR",
                }
            ],
        )
        # as XML (TB-3): per day of collection, the amount collected per rate
        _wizard, content = self._export("xml", flow="10.4")
        payments = etree.fromstring(content.encode()).find("PaymentsReport")
        payment = payments.find("Transactions/Payment")
        self.assertEqual(payment.findtext("Date"), "20261010")
        self.assertEqual(
            [
                self._texts(sub, "TaxPercent", "CurrencyCode", "Amount")
                for sub in payment.findall("SubTotals")
            ],
            [("20.00", "EUR", "60.00")],
        )
        with self.assertRaisesRegex(UserError, "Nothing to report for the flow 10.4"):
            self._export("csv", "2026-11-01", "2026-11-30", flow="10.4")

    def test_ereporting_default_period(self):
        Wizard = self.env_user["ecom.ereporting.export"]
        cases = (
            ("normal_monthly", "2026-11-15", ("2026-11-01", "2026-11-10")),
            ("normal_monthly", "2026-11-25", ("2026-11-11", "2026-11-20")),
            ("normal_monthly", "2026-11-05", ("2026-10-21", "2026-10-31")),
            ("normal_quarterly", "2026-11-15", ("2026-10-01", "2026-10-31")),
            ("simplified", "2026-01-10", ("2025-12-01", "2025-12-31")),
            ("franchise", "2026-11-15", ("2026-09-01", "2026-10-31")),
            ("franchise", "2026-12-02", ("2026-09-01", "2026-10-31")),
        )
        for regime, today, (start, end) in cases:
            with self.subTest(regime=regime, today=today):
                self.company.ecom_vat_regime = regime
                got = Wizard._get_default_period(fields.Date.to_date(today))
                self.assertEqual((str(got[0]), str(got[1])), (start, end))

    def test_ereporting_errors(self):
        with self.assertRaisesRegex(UserError, "nothing to report"):
            self._export("csv", "2026-11-01", "2026-11-30")
        with self.assertRaisesRegex(UserError, "starts after it ends"):
            self._export("csv", "2026-10-31", "2026-10-01")


class TestChannelAnalytic(EcomAccountingCase):
    def test_analytic_split_per_channel(self):
        plan = self.env["account.analytic.plan"].create({"name": "Channels"})
        analytic = self.env["account.analytic.account"].create(
            {"name": "Amazon.fr", "plan_id": plan.id, "company_id": self.company.id}
        )
        self._profile(
            "Amazon.fr",
            "amazon",
            self.marketplace_amazon,
            channel="amazon.fr",
            analytic_account_id=analytic.id,
        )
        amazon = self._invoice(
            self.customer_fr,
            [(self.product_tshirt, 2, 25.0, 0.0), (self.product_shipping, 1, 5.0, 0.0)],
            ecom_channel="amazon.fr",
        )
        shop = self._invoice(
            self.customer_fr, [(self.product_tshirt, 1, 25.0, 0.0)], ecom_channel="shop"
        )
        for line in amazon.invoice_line_ids:
            self.assertEqual(line.analytic_distribution, {str(analytic.id): 100.0})
        self.assertFalse(shop.invoice_line_ids.analytic_distribution)
        analytic_lines = amazon.line_ids.analytic_line_ids
        self.assertEqual(analytic_lines[plan._column_name()], analytic)
        self.assertEqual(sum(analytic_lines.mapped("amount")), 55.0)
