# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
from collections import defaultdict
from decimal import Decimal

from .common import EcomAccountingCase

FEC_COLUMNS = [
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
]


class TestFec(EcomAccountingCase):
    """The suite's entries of a month export to a FEC that passes the audit
    rules: 18 columns, balanced entries, auxiliary accounts for customers and
    suppliers, a label on every line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        p = cls
        cls.invoices = (
            cls._invoice(
                cls.customer_fr,
                [(p.product_tshirt, 1, 30.0, 0.0), (p.product_shipping, 1, 5.0, 0.0)],
                ref="405-0000001-0000001",
            )
            | cls._invoice(
                cls.customer_fr_2, [(p.product_tshirt, 1, 20.0, 0.0)], ref="405-0000002-0000002"
            )
            | cls._invoice(cls.customer_be_b2b, [(p.product_book, 4, 12.5, 5.0)])
            | cls._invoice(
                cls.supplier_fr, [(p.product_tshirt, 10, 5.0, 0.0)], move_type="in_invoice"
            )
        )
        # September: its result opens the October file
        cls.september = cls._invoice(
            cls.customer_fr, [(p.product_tshirt, 1, 100.0, 0.0)], date="2026-09-15"
        )
        profile = cls._profile(
            "Amazon.fr", "amazon", cls.marketplace_amazon, commission_tax_id=cls.tax_purchase_20.id
        )
        cls.payout = cls._upload(profile, "amazon_settlement_v2.txt")
        cls.payout.action_import()
        wizard = cls.env_accountant["l10n_fr.fec.export.wizard"].create(
            {
                "date_from": "2026-10-01",
                "date_to": "2026-10-31",
                "test_file": True,
                "export_type": "official",
            }
        )
        cls.wizard = wizard
        result = wizard.with_company(cls.company).generate_fec()
        cls.fec_name = result["file_name"]
        text = result["file_content"].decode("utf-8")
        cls.fec = list(csv.reader(io.StringIO(text), delimiter="|"))

    def _rows(self):
        return [dict(zip(FEC_COLUMNS, row, strict=True)) for row in self.fec[1:]]

    @staticmethod
    def _amount(text):
        return Decimal(text.replace(",", ".") or "0")

    def test_header_and_columns(self):
        self.assertTrue(self.fec_name.startswith("334175221FEC20261031"))
        self.assertTrue(self.fec_name.endswith(".txt"))
        self.assertEqual(self.fec[0], FEC_COLUMNS)
        self.assertGreater(len(self.fec), 20)
        for row in self.fec:
            self.assertEqual(len(row), 18, row)

    def test_entries_balanced(self):
        totals = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for row in self._rows():
            totals[row["EcritureNum"]][0] += self._amount(row["Debit"])
            totals[row["EcritureNum"]][1] += self._amount(row["Credit"])
        names = set(
            (self.invoices | self.invoices.reversal_move_ids | self.payout.move_id).mapped("name")
        )
        self.assertTrue(names <= set(totals), names - set(totals))
        for number, (debit, credit) in totals.items():
            self.assertEqual(debit, credit, number)

    def test_auxiliary_accounts_and_labels(self):
        receivables = set(
            self.env["account.account"]
            .search(
                [
                    ("account_type", "in", ("asset_receivable", "liability_payable")),
                    ("company_ids", "in", self.company.id),
                ]
            )
            .mapped("code")
        )
        checked = 0
        for row in self._rows():
            self.assertTrue(row["EcritureLib"].strip(), row)
            self.assertTrue(row["CompteLib"].strip(), row)
            self.assertTrue(row["PieceRef"].strip(), row)
            if row["CompteNum"] in receivables and row["EcritureNum"] != "OUVERTURE":
                checked += 1
                self.assertTrue(row["CompAuxNum"], row)
                self.assertTrue(row["CompAuxLib"], row)
        self.assertGreaterEqual(checked, 6)

    def test_ventilation_accounts_in_fec(self):
        by_account = defaultdict(Decimal)
        labels = {}
        for row in self._rows():
            by_account[row["CompteNum"]] += self._amount(row["Credit"]) - self._amount(row["Debit"])
            labels[row["CompteNum"]] = row["CompteLib"]
        # 30 + 20 invoiced, order 2 credited (the settlement refunded it in full)
        self.assertEqual(by_account["707110"], Decimal("30.00"))
        self.assertEqual(by_account["708510"], Decimal("5.00"))
        self.assertEqual(by_account["707160"], Decimal("47.50"))
        self.assertEqual(by_account["607110"], Decimal("-50.00"))
        self.assertEqual(by_account["622200"], Decimal("-27.48"))
        self.assertIn("France", labels["707110"])

    def test_opening_entries_pcg_result_account(self):
        """The previous result opens on 120000 (profit) or 129000 (loss),
        never on Odoo's 999999; every opening line has a PieceRef."""
        opening = [row for row in self._rows() if row["EcritureNum"].startswith("OUVERTURE/")]
        self.assertTrue(opening)
        self.assertNotIn("999999", {row["CompteNum"] for row in opening})
        result = [row for row in opening if row["CompteNum"] in ("120000", "129000")]
        self.assertEqual(len(result), 1)
        self.assertEqual(result[0]["CompteNum"], "120000")
        self.assertEqual(self._amount(result[0]["Credit"]), Decimal("100.00"))
        for row in opening:
            self.assertEqual(row["PieceRef"], row["EcritureNum"])
        debit = sum(self._amount(row["Debit"]) for row in opening)
        credit = sum(self._amount(row["Credit"]) for row in opening)
        self.assertEqual(debit, credit)

    def test_piece_ref_valid_date_currency(self):
        rows = self._rows()
        self.assertNotIn("-", {row["PieceRef"] for row in rows})
        invoice = self.invoices.filtered(lambda move: not move.ref)[:1]
        own = [row for row in rows if row["EcritureNum"] == invoice.name]
        self.assertTrue(own)
        for row in own:
            self.assertEqual(row["PieceRef"], invoice.name)
            # posted today, dated in October: ValidDate is the posting day
            self.assertEqual(row["ValidDate"], invoice.ecom_posted_date.strftime("%Y%m%d"))
            self.assertEqual(row["EcritureDate"], "20261005")
        # company-currency lines carry no currency columns
        self.assertEqual({(row["Montantdevise"], row["Idevise"]) for row in rows}, {("", "")})

    def test_file_name_and_menu(self):
        self.assertEqual(self.fec_name, "334175221FEC20261031.txt")
        action = self.env.ref("ecom_accounting_fr.l10n_fr_fec_export_wizard_action")
        self.assertEqual(action.res_model, "l10n_fr.fec.export.wizard")
        menu = self.env.ref("ecom_accounting_fr.l10n_fr_fec_export_wizard_menu")
        self.assertEqual(
            menu.parent_id.parent_id, self.env.ref("ecom_accounting_fr.ecom_accounting_fr_menu")
        )
        download = self.wizard.with_company(self.company).create_fec_report_action()
        self.assertEqual(download["type"], "ir.actions.act_url")
        self.assertEqual(self.wizard.ecom_filename, "334175221FEC20261031.txt")
        self.assertTrue(self.wizard.ecom_file)
