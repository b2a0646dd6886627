# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import UserError

from .common import DATA, EcomAccountingCase


class TestPayoutImport(EcomAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile_amazon = cls._profile(
            "Amazon.fr", "amazon", cls.marketplace_amazon, commission_tax_id=cls.tax_purchase_20.id
        )
        cls.profile_paypal = cls._profile("PayPal", "paypal", False)
        cls.profile_stripe = cls._profile("Stripe", "stripe", False)
        cls.profile_shopify = cls._profile("Shopify Payments", "shopify", False)
        cls.profile_generic = cls._profile("Cdiscount", "generic", False)
        p = cls
        # shop orders invoiced with the marketplace order id as reference
        cls.inv_amz_1 = cls._invoice(
            cls.customer_fr,
            [
                (p.product_tshirt, 1, 30.0, 0.0),
                (p.product_shipping, 1, 5.0, 0.0),
            ],
            date="2026-10-02",
            ref="405-0000001-0000001",
            ecom_channel="amazon.fr",
        )
        cls.inv_amz_2 = cls._invoice(
            cls.customer_fr_2,
            [
                (p.product_tshirt, 1, 20.0, 0.0),
            ],
            date="2026-10-03",
            ref="405-0000002-0000002",
            ecom_channel="amazon.fr",
        )

    def _moves_count(self):
        return self.env["account.move"].search_count([("company_id", "=", self.company.id)])

    def test_profile_defaults(self):
        profile = self.profile_amazon
        self.assertEqual(profile.commission_account_id.code, "622200")
        self.assertEqual(profile.fee_account_id.code, "627800")
        self.assertEqual(profile.suspense_account_id.code, "471000")
        self.assertEqual(profile.advance_account_id.code, "419100")
        self.assertEqual(profile.transfer_account_id, self.company.transfer_account_id)
        # each platform has its own balance and reserve sub-accounts of 467
        codes = {
            p.provider: (p.clearing_account_id.code, p.reserve_account_id.code)
            for p in (
                self.profile_amazon,
                self.profile_paypal,
                self.profile_stripe,
                self.profile_shopify,
                self.profile_generic,
            )
        }
        self.assertEqual(
            codes,
            {
                "amazon": ("467100", "467110"),
                "paypal": ("467200", "467210"),
                "stripe": ("467300", "467310"),
                "shopify": ("467400", "467410"),
                "generic": ("467000", "467000"),
            },
        )

    def test_amazon_settlement(self):
        self.assertEqual(self.inv_amz_1.amount_total, 42.0)
        self.assertEqual(self.inv_amz_2.amount_total, 24.0)
        imp = self._upload(self.profile_amazon, "amazon_settlement_v2.txt")
        self.assertEqual(imp.state, "draft")
        imp.action_import()
        self.assertEqual(imp.state, "done")
        self.assertEqual(imp.reference, "Amazon settlement 12345678901")
        move = imp.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(str(move.date), "2026-10-16")
        self.assertEqual(move.journal_id, self.journal_amazon)
        self.assertEqual(imp.payout_amount, 16.02)
        # order 1 is paid; order 2 was refunded in full (withdrawal): its
        # credit note was created and the money collected then refunded is
        # reconciled too
        self.assertEqual(self.inv_amz_1.payment_state, "paid")
        self.assertEqual(self.inv_amz_2.payment_state, "reversed")
        credit_note = self.inv_amz_2.reversal_move_ids
        self.assertEqual(len(credit_note), 1)
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.amount_residual, 0.0)
        order_2 = imp.line_ids.filtered(
            lambda line_rec: (
                line_rec.order_ref == "405-0000002-0000002" and line_rec.kind in ("sale", "refund")
            )
        )
        self.assertEqual(order_2.mapped("kind"), ["sale", "refund"])
        self.assertTrue(all(order_2.move_line_id.mapped("reconciled")))
        self.assertEqual(
            credit_note.invoice_line_ids.account_id, self.inv_amz_2.invoice_line_ids.account_id
        )
        # the order not invoiced yet is a customer advance, listed to check
        to_check = imp.line_ids.filtered("to_check")
        self.assertEqual(to_check.mapped("order_ref"), ["405-0000003-0000003"])
        self.assertEqual(to_check.account_id.code, "419100")
        self.assertIn("before its invoice", to_check.note)
        self.assertEqual(to_check.amount, 12.0)
        self.assertEqual(imp.to_check_count, 1)
        # balances per account (debit positive), computed by hand
        totals = {}
        for line in move.line_ids:
            code = line.account_id.code
            totals[code] = round(totals.get(code, 0.0) + line.balance, 2)
        receivable = self.inv_amz_1.line_ids.filtered(
            lambda line_rec: line_rec.display_type == "payment_term"
        ).account_id.code
        self.assertEqual(
            totals,
            {
                receivable: -42.0,  # 42 + 24 collected, 24 refunded
                "419100": -12.0,
                # commissions 9.30 + 2.88 + 1.80 + 19.00 = 32.98 incl. 20 % VAT
                "622200": 7.75 + 2.40 + 1.50 + 15.83,
                "445660": 1.55 + 0.48 + 0.30 + 3.17,
                "467110": 5.0,  # Amazon reserve: held 10, released 5
                self.company.transfer_account_id.code: 16.02,
            },
        )
        tax_lines = move.line_ids.filtered("tax_repartition_line_id")
        self.assertEqual(tax_lines.tax_line_id, self.tax_purchase_20)
        self.assertTrue(tax_lines.tax_tag_ids)
        # every item is labelled, customers carry their partner (FEC)
        self.assertTrue(all(move.line_ids.mapped("name")))
        self.assertEqual(
            move.line_ids.filtered(
                lambda line_rec: line_rec.account_id.code == receivable
            ).partner_id,
            self.customer_fr | self.customer_fr_2,
        )

    def test_amazon_merchant_order_id(self):
        """An invoice known by the shop's order reference only still matches."""
        self.inv_amz_1.write({"ref": False, "invoice_origin": "SO-AMZ-1"})
        imp = self._upload(self.profile_amazon, "amazon_settlement_v2.txt")
        imp.action_import()
        self.assertEqual(self.inv_amz_1.payment_state, "paid")
        sale = imp.line_ids.filtered(
            lambda line_rec: line_rec.kind == "sale" and line_rec.invoice_id == self.inv_amz_1
        )
        self.assertEqual(sale.order_ref, "405-0000001-0000001")
        self.assertFalse(sale.to_check)

    def test_duplicate_file_changes_nothing(self):
        imp = self._upload(self.profile_amazon, "amazon_settlement_v2.txt")
        imp.action_import()
        moves = self._moves_count()
        with self.assertRaisesRegex(UserError, "already uploaded"):
            self._upload(self.profile_amazon, "amazon_settlement_v2.txt")
        with self.assertRaisesRegex(UserError, "already imported"):
            imp.action_import()
        self.assertEqual(self._moves_count(), moves)
        self.assertEqual(
            self.env["ecom.payout.import"].search_count([("company_id", "=", self.company.id)]), 1
        )

    def test_same_settlement_other_bytes(self):
        """The same Amazon settlement downloaded again (other line endings)
        is refused by its settlement id."""
        self._upload(self.profile_amazon, "amazon_settlement_v2.txt").action_import()
        moves = self._moves_count()
        crlf = (DATA / "amazon_settlement_v2.txt").read_text().replace("\n", "\r\n").encode()
        again = self._upload(self.profile_amazon, "again.txt", crlf)
        with self.assertRaisesRegex(
            UserError, "Amazon settlement 12345678901 was already imported"
        ):
            again.action_import()
        self.assertEqual(self._moves_count(), moves)
        self.assertEqual(again.state, "draft")

    def test_overlapping_paypal_files(self):
        """A second PayPal download overlapping the first books only the new
        transactions; one with nothing new is refused."""
        first = self._upload(self.profile_paypal, "paypal_activity.csv")
        first.action_import()
        self.assertEqual(len(first.transaction_ids), 3)
        content = (DATA / "paypal_activity.csv").read_text()
        new_line = (
            '"08/10/2026","11:00:00","Europe/Paris","Lena Schmidt","Express Checkout Payment",'
            '"Completed","EUR","30.00","-1.20","28.80","lena@example.com","shop@example.com",'
            '"5EF67890GH123456J","","T-shirt","SO-PP-3","","77.15","Credit"\n'
        )
        second = self._upload(
            self.profile_paypal, "paypal_month.csv", (content + new_line).encode()
        )
        second.action_import()
        self.assertEqual(sorted(second.line_ids.mapped("kind")), ["fee", "sale"])
        self.assertEqual(sum(second.line_ids.mapped("amount")), 28.80)
        self.assertEqual(second.transaction_ids.mapped("name"), ["5EF67890GH123456J"])
        self.assertIn("already imported", second.message_ids[0].body)
        moves = self._moves_count()
        header, *rows = content.splitlines(keepends=True)
        third = self._upload(self.profile_paypal, "paypal_start.csv", (header + rows[0]).encode())
        with self.assertRaisesRegex(
            UserError, "Every transaction of this file was already imported"
        ):
            third.action_import()
        self.assertEqual(self._moves_count(), moves)

    def test_malformed_files_change_nothing(self):
        good = (DATA / "amazon_settlement_v2.txt").read_text()
        cases = {
            "altered total": (good.replace("\t16.02\t", "\t99.02\t", 1), "add up to 16.02"),
            "bad amount": (
                good.replace("\t-6.30\t", "\tsix\t", 1),
                "Line 5: 'six' in the column amount",
            ),
            "bad date": (good.replace("2026-10-16 08:00:00 UTC", "16 octobre", 1), "not a date"),
            "wrong file": ("date;type;amount\n2026-10-01;sale;3\n", "Columns missing"),
            "empty": ("", "empty"),
            "binary": ("\x00\x01\x02PK", "not a text"),
        }
        moves = self._moves_count()
        for name, (content, message) in cases.items():
            with self.subTest(name):
                imp = self._upload(self.profile_amazon, f"{name}.txt", content.encode())
                with self.assertRaisesRegex(UserError, message):
                    imp.action_import()
                self.assertEqual(imp.state, "draft")
                self.assertFalse(imp.line_ids)
                self.assertEqual(self._moves_count(), moves)
        self.assertEqual(self.inv_amz_2.payment_state, "not_paid")
        self.assertFalse(self.inv_amz_2.reversal_move_ids)

    def test_partial_refund_credit_note(self):
        """A partial refund creates and posts a partial credit note of the
        invoice at its rates and accounts, reconciled with the refund."""
        invoice = self._invoice(
            self.customer_fr,
            [(self.product_tshirt, 1, 20.0, 0.0), (self.product_book, 2, 10.0, 0.0)],
            ref="SO-PART-1",
        )
        self.assertAlmostEqual(invoice.amount_total, 45.10, places=2)
        generic = (
            b"date;type;reference;label;amount\n2026-10-20;refund;SO-PART-1;Partial refund;-11,00\n"
        )
        imp = self._upload(self.profile_generic, "partial.csv", generic)
        imp.action_import()
        line = imp.line_ids
        credit_note = invoice.reversal_move_ids
        self.assertEqual(len(credit_note), 1)
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(
            (line.kind, line.invoice_id, line.to_check), ("refund", credit_note, False)
        )
        self.assertAlmostEqual(credit_note.amount_total, 11.0, places=2)
        # each line refunded in proportion (11 / 45.10), at its own rate and account
        lines = sorted(
            (item.account_id.code, item.tax_ids.amount, item.price_subtotal)
            for item in credit_note.invoice_line_ids
        )
        self.assertEqual(
            [(code, rate) for code, rate, _amount in lines], [("707110", 20.0), ("707130", 5.5)]
        )
        self.assertAlmostEqual(
            sum(amount for _c, _r, amount in lines), 11.0 / 45.10 * 40.0, delta=0.02
        )
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertEqual(line.move_line_id.partner_id, self.customer_fr)

    def test_other_currency_refused(self):
        content = (DATA / "paypal_activity.csv").read_text().replace('"EUR"', '"USD"')
        imp = self._upload(self.profile_paypal, "usd.csv", content.encode())
        moves = self._moves_count()
        with self.assertRaisesRegex(UserError, "file is in USD"):
            imp.action_import()
        mixed = (DATA / "paypal_activity.csv").read_text().replace('"EUR"', '"USD"', 1)
        imp = self._upload(self.profile_paypal, "mixed.csv", mixed.encode())
        with self.assertRaisesRegex(UserError, "mixes currencies"):
            imp.action_import()
        self.assertEqual(self._moves_count(), moves)

    def test_paypal_activity(self):
        inv_1 = self._invoice(
            self.customer_fr, [(self.product_tshirt, 1, 35.0, 0.0)], payment_reference="SO-PP-1"
        )
        inv_2 = self._invoice(
            self.customer_fr_2, [(self.product_tshirt, 1, 50.0, 0.0)], ref="SO-PP-2"
        )
        imp = self._upload(self.profile_paypal, "paypal_activity.csv")
        imp.action_import()
        self.assertEqual((inv_1.payment_state, inv_2.payment_state), ("paid", "paid"))
        fees = imp.line_ids.filtered(lambda line_rec: line_rec.kind == "fee")
        self.assertEqual(sum(fees.mapped("amount")), -3.65)
        self.assertEqual(set(fees.account_id.mapped("code")), {"627800"})
        self.assertEqual(imp.payout_amount, 50.0)
        # the pending payment is ignored; what stays on PayPal is the balance
        self.assertNotIn("SO-PP-9", imp.line_ids.mapped("order_ref"))
        clearing = imp.move_id.line_ids.filtered(
            lambda line_rec: line_rec.account_id == self.profile_paypal.clearing_account_id
        )
        self.assertEqual(clearing.balance, 48.35)
        self.assertFalse(imp.to_check_count)

    def test_stripe_payout(self):
        inv = self._invoice(
            self.customer_fr, [(self.product_tshirt, 1, 30.0, 0.0)], invoice_origin="SO-ST-1"
        )
        imp = self._upload(self.profile_stripe, "stripe_balance.csv")
        imp.action_import()
        self.assertEqual(inv.payment_state, "paid")
        self.assertEqual(imp.payout_amount, 100.0)
        self.assertEqual(imp.commission_amount, 2.43)
        self.assertEqual(imp.line_ids.filtered("to_check").order_ref, "SO-ST-404")
        clearing = imp.move_id.line_ids.filtered(
            lambda line_rec: line_rec.account_id == self.profile_stripe.clearing_account_id
        )
        self.assertEqual(clearing.balance, 32.57)

    def test_shopify_payments(self):
        inv = self._invoice(self.customer_fr, [(self.product_tshirt, 1, 30.0, 0.0)], ref="#1001")
        imp = self._upload(self.profile_shopify, "shopify_payouts.csv")
        imp.action_import()
        self.assertEqual(inv.payment_state, "paid")
        self.assertEqual(imp.payout_amount, 35.03)
        self.assertEqual(imp.line_ids.filtered("to_check").order_ref, "1002")
        clearing = imp.move_id.line_ids.filtered(
            lambda line_rec: line_rec.account_id == self.profile_shopify.clearing_account_id
        )
        self.assertEqual(clearing.balance, 23.28)

    def test_generic_csv(self):
        inv = self._invoice(
            self.customer_de_b2c, [(self.product_tshirt, 1, 35.0, 0.0)], ref="SO-GEN-1"
        )
        imp = self._upload(self.profile_generic, "generic_payout.csv")
        imp.action_import()
        self.assertEqual(inv.payment_state, "paid")
        move = imp.move_id
        vat = move.line_ids.filtered(lambda line_rec: line_rec.account_id.code == "445660")
        self.assertEqual(vat.balance, 0.70)
        commission = move.line_ids.filtered(lambda line_rec: line_rec.account_id.code == "622200")
        self.assertEqual(commission.balance, 3.50)
        self.assertEqual(len(move.line_ids), 4)
        bad = self._upload(
            self.profile_generic,
            "bad.csv",
            b"date;type;reference;label;amount\n2026-10-01;gift;X;Y;3\n",
        )
        with self.assertRaisesRegex(UserError, "unknown type 'gift'"):
            bad.action_import()

    def test_imported_file_is_kept(self):
        imp = self._upload(self.profile_amazon, "amazon_settlement_v2.txt")
        imp.action_import()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            imp.unlink()
        with self.assertRaisesRegex(UserError, "cannot be replaced"):
            imp.data_file = base64.b64encode(b"x")

    def test_commission_report(self):
        self._upload(self.profile_amazon, "amazon_settlement_v2.txt").action_import()
        self._upload(self.profile_paypal, "paypal_activity.csv").action_import()
        groups = self.env_user["ecom.payout.import.line"].read_group(
            [("kind", "in", ("commission", "fee"))], ["amount:sum"], ["profile_id"]
        )
        totals = {g["profile_id"][1]: round(g["amount"], 2) for g in groups}
        self.assertEqual(totals, {"Amazon.fr": -32.98, "PayPal": -3.65})
