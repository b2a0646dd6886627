# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import EcomAccountingCase


class TestVentilation(EcomAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A month of shop orders, invoiced as they ship (October 2026).
        p = cls
        cls.inv_fr = cls._invoice(
            cls.customer_fr,
            [
                (p.product_tshirt, 2, 25.0, 10.0),
                (p.product_book, 1, 18.0, 0.0),
                (p.product_shipping, 1, 5.90, 0.0),
            ],
            date="2026-10-02",
        )
        cls.inv_fr_2 = cls._invoice(
            cls.customer_fr_2,
            [
                (p.product_firewood, 1, 80.0, 0.0),
                (p.product_magazine, 3, 4.5, 0.0),
                (p.product_giftwrap, 1, 3.0, 0.0),
                (p.product_gold, 1, 500.0, 0.0),
                (p.product_giftcard, 1, 50.0, 0.0),
            ],
            date="2026-10-06",
        )
        cls.inv_fr_3 = cls._invoice(
            cls.customer_fr,
            [
                (p.product_tshirt, 1, 30.0, 0.0),
            ],
            date="2026-10-09",
        )
        cls.inv_be = cls._invoice(
            cls.customer_be_b2b,
            [
                (p.product_tshirt, 10, 20.0, 0.0),
                (p.product_shipping, 1, 15.0, 0.0),
            ],
            date="2026-10-12",
        )
        cls.inv_de = cls._invoice(
            cls.customer_de_b2c,
            [
                (p.product_tshirt, 1, 25.0, 0.0),
                (p.product_shipping, 1, 7.5, 0.0),
            ],
            date="2026-10-15",
        )
        cls.inv_us = cls._invoice(
            cls.customer_us,
            [
                (p.product_tshirt, 2, 25.0, 0.0),
                (p.product_shipping, 1, 20.0, 0.0),
            ],
            date="2026-10-20",
            fiscal_position_id=cls.fpos_export.id,
        )
        # 14-day withdrawal: the first customer sends everything back
        reversal = (
            cls.env_user["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=cls.inv_fr.ids)
            .create(
                {
                    "reason": "Rétractation",
                    "journal_id": cls.inv_fr.journal_id.id,
                    "date": "2026-10-14",
                }
            )
        )
        cls.refund_fr = cls.env_user["account.move"].browse(reversal.refund_moves()["res_id"])
        cls.refund_fr.action_post()
        cls.bill_fr = cls._invoice(
            cls.supplier_fr,
            [
                (p.product_tshirt, 100, 5.0, 0.0),
                (p.product_transport_in, 1, 40.0, 0.0),
                (p.product_book, 20, 9.0, 0.0),
            ],
            move_type="in_invoice",
            date="2026-10-01",
        )
        cls.bill_amazon = cls._invoice(
            cls.marketplace_amazon,
            [
                (p.product_commission, 1, 120.0, 0.0),
            ],
            move_type="in_invoice",
            date="2026-10-31",
        )

    def test_geography(self):
        self.assertEqual(self.inv_fr.ecom_geography, "domestic")
        self.assertEqual(self.inv_be.ecom_geography, "eu_b2b")
        self.assertEqual(self.inv_be.fiscal_position_id, self.fpos_intra_b2b)
        # a German consumer taxed at French VAT (under the OSS threshold)
        self.assertEqual(self.inv_de.ecom_geography, "domestic")
        self.assertEqual(self.inv_us.ecom_geography, "export")
        self.assertEqual(self.bill_fr.ecom_geography, "domestic")

    def test_each_line_on_its_account(self):
        p = self
        expected = [
            # move, product, account, balance
            (p.inv_fr, p.product_tshirt, "707110", -45.00),
            (p.inv_fr, p.product_book, "707130", -18.00),
            (p.inv_fr, p.product_shipping, "708510", -5.90),
            (p.inv_fr_2, p.product_firewood, "707120", -80.00),
            (p.inv_fr_2, p.product_magazine, "707140", -13.50),
            (p.inv_fr_2, p.product_giftwrap, "706110", -3.00),
            (p.inv_fr_2, p.product_gold, "707150", -500.00),
            (p.inv_fr_2, p.product_giftcard, "708800", -50.00),
            (p.inv_fr_3, p.product_tshirt, "707110", -30.00),
            (p.inv_be, p.product_tshirt, "707160", -200.00),
            (p.inv_be, p.product_shipping, "708560", -15.00),
            (p.inv_de, p.product_tshirt, "707110", -25.00),
            (p.inv_de, p.product_shipping, "708510", -7.50),
            (p.inv_us, p.product_tshirt, "707180", -50.00),
            (p.inv_us, p.product_shipping, "708580", -20.00),
            (p.refund_fr, p.product_tshirt, "707110", 45.00),
            (p.refund_fr, p.product_book, "707130", 18.00),
            (p.refund_fr, p.product_shipping, "708510", 5.90),
            (p.bill_fr, p.product_tshirt, "607110", 500.00),
            (p.bill_fr, p.product_transport_in, "624100", 40.00),
            (p.bill_fr, p.product_book, "607130", 180.00),
            (p.bill_amazon, p.product_commission, "622200", 120.00),
        ]
        for move, product, code, balance in expected:
            line = move.invoice_line_ids.filtered(
                lambda line_rec, pr=product: line_rec.product_id == pr
            )
            self.assertEqual(len(line), 1)
            self.assertEqual(
                (line.account_id.code, line.balance),
                (code, balance),
                f"{move.name} / {product.name}",
            )

    def test_totals_per_account(self):
        moves = (
            self.inv_fr
            | self.inv_fr_2
            | self.inv_fr_3
            | self.inv_be
            | self.inv_de
            | self.inv_us
            | self.refund_fr
            | self.bill_fr
            | self.bill_amazon
        )
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        groups = self.env["account.move.line"].read_group(
            [("move_id", "in", moves.ids), ("display_type", "=", "product")],
            ["balance:sum"],
            ["account_id"],
        )
        totals = {
            self.env["account.account"].browse(g["account_id"][0]).code: round(g["balance"], 2)
            for g in groups
        }
        # hand-computed: 45 + 30 - 45 + 25 (German consumer at French VAT)
        # on T-shirts in France, the refund cancels the book and the shipping
        # of the first order
        self.assertEqual(
            totals,
            {
                "707110": -55.00,
                "707120": -80.00,
                "707130": 0.00,
                "707140": -13.50,
                "707150": -500.00,
                "706110": -3.00,
                "708510": -7.50,
                "708800": -50.00,
                "707160": -200.00,
                "708560": -15.00,
                "707180": -50.00,
                "708580": -20.00,
                "607110": 500.00,
                "624100": 40.00,
                "607130": 180.00,
                "622200": 120.00,
            },
        )
        # VAT collected: 20 % on 45 + 5.90 + 30 + 3 + 25 + 7.50, 10 % on 80,
        # 5.5 % on 18, 2.1 % on 13.50, minus the refund (45 + 5.90 at 20 %, 18 at 5.5 %)
        vat = self.env["account.move.line"].read_group(
            [
                ("move_id", "in", (moves - self.bill_fr - self.bill_amazon).ids),
                ("display_type", "=", "tax"),
            ],
            ["balance:sum"],
            [],
        )[0]["balance"]
        self.assertAlmostEqual(vat, -(0.2 * 65.5 + 8.0 + 0.28), places=2)

    def test_credit_note_same_accounts(self):
        self.assertEqual(self.refund_fr.reversed_entry_id, self.inv_fr)
        for line in self.inv_fr.invoice_line_ids:
            twin = self.refund_fr.invoice_line_ids.filtered(
                lambda line_rec, pr=line.product_id: line_rec.product_id == pr
            )
            self.assertEqual(twin.account_id, line.account_id)

    def test_intra_community_purchase(self):
        """Goods bought from a German supplier (reverse charge) go to 607160."""
        supplier_de = self.env["res.partner"].create(
            {
                "name": "Stoffe Berlin GmbH",
                "is_company": True,
                "vat": "DE123456788",
                "country_id": self.country_de.id,
            }
        )
        bill = self._invoice(
            supplier_de, [(self.product_tshirt, 50, 4.0, 0.0)], move_type="in_invoice"
        )
        self.assertEqual(bill.ecom_geography, "eu_b2b")
        self.assertEqual(bill.fiscal_position_id, self.fpos_intra_b2b)
        self.assertEqual(bill.invoice_line_ids.account_id.code, "607160")
        # reverse charge: VAT due and deductible cancel out
        self.assertEqual(bill.amount_total, 200.0)

    def test_no_ventilation_on_core_default(self):
        default = self._account("707100")
        self.assertFalse(
            self.env["account.move.line"].search_count(
                [("account_id", "=", default.id), ("company_id", "=", self.company.id)]
            )
        )

    def test_edited_table_applies(self):
        """The accountant moves French 20 % goods to another account."""
        row = self.env_accountant["ecom.account.ventilation"].search(
            [
                ("company_id", "=", self.company.id),
                ("scope", "=", "sale"),
                ("nature", "=", "goods"),
                ("geography", "=", "domestic"),
                ("tax_rate", "=", 20.0),
            ]
        )
        self.assertEqual(row.account_id.code, "707110")
        row.account_id = self._account("707200")
        move = self._invoice(self.customer_fr, [(self.product_tshirt, 1, 10.0, 0.0)], post=False)
        self.assertEqual(move.invoice_line_ids.account_id.code, "707200")
        # archived rows no longer apply: core's product account comes back
        row.active = False
        move = self._invoice(self.customer_fr, [(self.product_tshirt, 1, 10.0, 0.0)], post=False)
        self.assertEqual(move.invoice_line_ids.account_id.code, "707100")

    def test_form_tax_change_moves_line(self):
        """Changing the tax of a line in the form moves it to the matching account."""
        form = Form(
            self.env_accountant["account.move"].with_context(default_move_type="out_invoice")
        )
        form.partner_id = self.customer_fr
        with form.invoice_line_ids.new() as line:
            line.product_id = self.product_tshirt
            line.price_unit = 10.0
            self.assertEqual(line.account_id.code, "707110")
            line.tax_ids.clear()
            line.tax_ids.add(self.tax_sale_55)
            self.assertEqual(line.account_id.code, "707130")
        move = form.save()
        self.assertEqual(move.invoice_line_ids.account_id.code, "707130")

    def test_setup_is_idempotent(self):
        Account = self.env["account.account"]
        domain = [("company_ids", "in", self.company.id)]
        accounts = Account.search_count(domain)
        rows = self.env["ecom.account.ventilation"].search_count(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(rows, 3 * 8 + 5 + 3 + 3)
        self.env_accountant["ecom.accounting.setup"].create({}).action_apply()
        self.assertEqual(Account.search_count(domain), accounts)
        self.assertEqual(
            self.env["ecom.account.ventilation"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            rows,
        )

    def test_setup_custom_number_and_bad_number(self):
        setup = self.env_accountant["ecom.accounting.setup"].create({})
        line = setup.line_ids.filtered(
            lambda line_rec: (
                line_rec.scope == "sale"
                and line_rec.nature == "shipping"
                and line_rec.geography == "export"
            )
        )
        self.assertEqual(line.account_code, "708580")
        line.account_code = "708590"
        setup.action_apply()
        self.assertEqual(self._account("708590").account_type, "income")
        move = self._invoice(
            self.customer_us,
            [(self.product_shipping, 1, 9.0, 0.0)],
            post=False,
            fiscal_position_id=self.fpos_export.id,
        )
        self.assertEqual(move.invoice_line_ids.account_id.code, "708590")
        # the wizard shows the table as it is now
        again = self.env_accountant["ecom.accounting.setup"].create({})
        self.assertIn("708590", again.line_ids.mapped("account_code"))
        accounts = self.env["account.account"].search_count([])
        again.line_ids[0].account_code = "40ABC"
        with self.assertRaisesRegex(UserError, "must be made of digits"):
            again.action_apply()
        self.assertEqual(self.env["account.account"].search_count([]), accounts)

    def test_setup_names_accounts_in_french_for_english_user(self):
        """The sub-accounts of a French chart read in French (like the chart's
        own accounts), even when an English-speaking accountant ran the
        wizard; an English user still reads the English terms."""
        other = self.env["res.company"].create(
            {"name": "Boutique Trois SAS", "country_id": self.country_fr.id}
        )
        self.env.user.company_ids |= other
        self.accountant.company_ids |= other
        self.env["account.chart.template"].try_loading("fr", other, install_demo=False)
        self.accountant.lang = "en_US"
        wizard = (
            self.env_accountant["ecom.accounting.setup"]
            .with_context(lang="en_US", allowed_company_ids=[other.id, self.company.id])
            .create({})
        )
        self.assertEqual(wizard.company_id, other)
        goods_fr_20 = wizard.line_ids.filtered(lambda line: line.account_code == "707110")
        self.assertEqual(goods_fr_20.account_name, "Sales of goods France VAT 20 %")
        typed = wizard.line_ids.filtered(lambda line: line.account_code == "708580")
        typed.account_name = "Port facturé hors UE"
        wizard.action_apply()
        Account = self.env["account.account"].with_company(other)

        def names(code):
            account = Account.search([("code", "=", code), ("company_ids", "in", other.id)])
            self.assertEqual(len(account), 1)
            return tuple(account.with_context(lang=lang).name for lang in ("fr_FR", "en_US"))

        self.assertEqual(
            names("707110"), ("Ventes de marchandises France TVA 20 %", goods_fr_20.account_name)
        )
        self.assertEqual(names("624100"), ("Transports sur achats", "Transport on purchases"))
        self.assertEqual(names("708580"), ("Port facturé hors UE", "Port facturé hors UE"))
        # as the French chart's own accounts
        self.assertEqual(names("445710"), ("TVA collectée", "VAT collected"))

    def test_setup_refuses_other_chart(self):
        other = self.env["res.company"].create(
            {"name": "US Shop Inc", "country_id": self.country_us.id}
        )
        self.env.user.company_ids |= other
        wizard = self.env["ecom.accounting.setup"].with_company(other).create({})
        self.assertEqual(wizard.company_id, other)
        rows = self.env["ecom.account.ventilation"].search_count([])
        with self.assertRaisesRegex(UserError, "does not use the French chart"):
            wizard.action_apply()
        self.assertEqual(self.env["ecom.account.ventilation"].search_count([]), rows)

    def test_user_cannot_edit_table(self):
        row = self.env_user["ecom.account.ventilation"].search([], limit=1)
        self.assertTrue(row)
        with self.assertRaises(AccessError):
            row.account_id = self._account("707200")

    def test_rights_accounting_managers_only(self):
        """An E-commerce manager reads the ventilation table and the payout
        profiles; only accounting managers change them."""
        profile = self._profile("PayPal", "paypal", False)
        for model, record in (
            ("ecom.account.ventilation", self.env["ecom.account.ventilation"].search([], limit=1)),
            ("ecom.payout.profile", profile),
        ):
            with self.subTest(model):
                as_manager = self.env_manager[model].browse(record.id)
                self.assertTrue(as_manager.display_name)
                with self.assertRaises(AccessError):
                    as_manager.write({"active": False})
                with self.assertRaises(AccessError):
                    as_manager.copy()
                self.env_accountant[model].browse(record.id).write({"active": False})
                self.assertFalse(record.active)

    def test_setup_offered_to_each_french_company(self):
        self.assertTrue(self.company.ecom_accounting_setup_done)
        other = self.env["res.company"].create(
            {"name": "Boutique Deux SAS", "country_id": self.country_fr.id}
        )
        self.env.user.company_ids |= other
        self.accountant.company_ids |= other
        todo = self.env.ref("ecom_accounting_fr.ecom_accounting_setup_todo")
        todo.state = "done"
        self.env["account.chart.template"].try_loading("fr", other, install_demo=False)
        self.assertEqual(todo.state, "open")
        wizard = (
            self.env_accountant["ecom.accounting.setup"]
            .with_context(allowed_company_ids=[self.company.id, other.id])
            .create({})
        )
        self.assertEqual(wizard.company_id, other)
        wizard.action_apply()
        self.assertTrue(other.ecom_accounting_setup_done)
        self.assertTrue(
            self.env["ecom.account.ventilation"].search_count([("company_id", "=", other.id)])
        )
