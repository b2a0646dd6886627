# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from pathlib import Path

from odoo import Command, fields

from odoo.addons.ecom_base.tests.common import EcomFrenchCompanyCase

#: sample settlement files of the tests
DATA = Path(__file__).parent / "data"


class EcomAccountingCase(EcomFrenchCompanyCase):
    """Test base of ``ecom_accounting_fr``: the French company of
    :class:`EcomFrenchCompanyCase` with the ventilation set up.

    Built once per class in ``setUpClass`` (mail tracking disabled):

    - ``accountant`` / ``env_accountant``: a user in *E-commerce / Manager*
      and *Accounting / Administrator* with the full accounting features; he ran
      the *Accounting setup* wizard
      with its default numbers, so the company has the 7071x0 / 7061x0 /
      7085x0 / 6071x0 sub-accounts and the ventilation table.
    - ``ecom_user`` (``env_user``) also has *Invoicing*
      (``account.group_account_invoice``): invoices are created and posted as him.
    - partners: ``customer_fr`` (consumer, Lyon), ``customer_fr_2``,
      ``customer_be_b2b`` (Belgian company with a VAT number, gets the
      chart's *Intra-EU B2B* fiscal position), ``customer_de_b2c``
      (German consumer), ``customer_us`` (export fiscal position),
      ``supplier_fr``, ``marketplace_amazon`` (supplier of the commissions).
    - products (``product_*``): ``tshirt`` (goods 20 %), ``firewood``
      (10 %), ``book`` (5.5 %), ``magazine`` (2.1 %), ``gold`` (0 %,
      exempt), ``giftwrap`` (service 20 %), ``shipping`` (service, the
      product of the carrier ``carrier``), ``transport_in`` (shipping on
      purchases), ``commission`` (marketplace commission), ``giftcard``
      (no accounting nature, own income account 708800).
    - ``journal_sale``, ``journal_purchase``, ``journal_bank``,
      ``journal_amazon`` (miscellaneous journal of the settlements).

    Helpers: :meth:`_account` (account by code), :meth:`_invoice` (create
    and post an invoice as ``ecom_user``), :meth:`_profile` (a payout
    profile with the default accounts, as the accountant), :meth:`_upload`
    (a payout file from ``tests/data`` uploaded as ``ecom_user``).
    """

    ecom_user_groups = ("base.group_user", "account.group_account_invoice")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._create_ecom_user(
            "ecom_accountant",
            (
                "ecom_base.ecom_base_group_manager",
                "account.group_account_manager",
                "account.group_account_user",
            ),
        )
        cls.env_accountant = cls.env(user=cls.accountant)
        setup = cls.env_accountant["ecom.accounting.setup"].create({})
        setup.action_apply()
        chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.tax_sale_0 = chart.ref("tva_sale_good_0")
        # the chart ships the reduced rates archived: the shop activates them
        (
            cls.tax_sale_0
            | cls.tax_sale_10
            | cls.tax_sale_55
            | cls.tax_sale_21
            | cls.tax_purchase_10
            | cls.tax_purchase_55
            | cls.tax_purchase_21
        ).active = True
        cls.fpos_intra_b2b = chart.ref("fiscal_position_template_intraeub2b")
        cls.fpos_export = chart.ref("fiscal_position_template_import_export")
        cls.journal_sale = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "sale")], limit=1
        )
        cls.journal_purchase = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "purchase")], limit=1
        )
        cls.journal_bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        cls.journal_amazon = cls.env["account.journal"].create(
            {"name": "Amazon", "code": "AMZ", "type": "general", "company_id": cls.company.id}
        )
        Partner = cls.env["res.partner"]
        cls.customer_fr = Partner.create(
            {
                "name": "Élodie Martin",
                "country_id": cls.country_fr.id,
                "city": "Lyon",
                "street": "3 place Bellecour",
                "zip": "69002",
            }
        )
        cls.customer_fr_2 = Partner.create(
            {
                "name": "Hugo Bernard",
                "country_id": cls.country_fr.id,
                "city": "Nantes",
                "street": "8 quai de la Fosse",
                "zip": "44000",
            }
        )
        cls.customer_be_b2b = Partner.create(
            {
                "name": "Brico Bruxelles SRL",
                "is_company": True,
                "vat": "BE0477472701",
                "country_id": cls.country_be.id,
                "city": "Bruxelles",
                "street": "Rue Neuve 1",
                "zip": "1000",
            }
        )
        cls.customer_de_b2c = Partner.create(
            {
                "name": "Lena Schmidt",
                "country_id": cls.country_de.id,
                "city": "Berlin",
                "street": "Unter den Linden 5",
                "zip": "10117",
            }
        )
        cls.customer_us = Partner.create(
            {
                "name": "John Smith",
                "country_id": cls.country_us.id,
                "city": "Boston",
                "street": "1 Main Street",
                "zip": "02108",
            }
        )
        cls.supplier_fr = Partner.create(
            {
                "name": "Textiles du Nord SARL",
                "is_company": True,
                "vat": "FR40303265045",
                "country_id": cls.country_fr.id,
                "city": "Roubaix",
            }
        )
        cls.marketplace_amazon = Partner.create(
            {
                "name": "Amazon EU SARL",
                "is_company": True,
                "vat": "LU20260743",
                "country_id": cls.env.ref("base.lu").id,
                "city": "Luxembourg",
            }
        )
        cls.product_tshirt = cls._product("T-shirt", "consu", cls.tax_sale_20, cls.tax_purchase_20)
        cls.product_firewood = cls._product(
            "Firewood", "consu", cls.tax_sale_10, cls.tax_purchase_10
        )
        cls.product_book = cls._product("Book", "consu", cls.tax_sale_55, cls.tax_purchase_55)
        cls.product_magazine = cls._product(
            "Magazine", "consu", cls.tax_sale_21, cls.tax_purchase_21
        )
        cls.product_gold = cls._product("Gold coin", "consu", cls.tax_sale_0, False)
        cls.product_giftwrap = cls._product("Gift wrapping", "service", cls.tax_sale_20, False)
        cls.product_shipping = cls._product("Colissimo", "service", cls.tax_sale_20, False)
        cls.carrier = cls.env["delivery.carrier"].create(
            {"name": "Colissimo", "product_id": cls.product_shipping.id, "delivery_type": "fixed"}
        )
        cls.product_transport_in = cls._product(
            "Inbound freight", "service", False, cls.tax_purchase_20, nature="shipping"
        )
        cls.product_commission = cls._product(
            "Marketplace commission", "service", False, cls.tax_purchase_20, nature="commission"
        )
        cls.product_giftcard = cls._product("Gift card", "service", False, False, nature=False)
        cls.product_giftcard.property_account_income_id = cls._account("708800")

    @classmethod
    def _product(cls, name, product_type, sale_tax, purchase_tax, **extra):
        vals = {
            "name": name,
            "type": product_type,
            "taxes_id": [Command.set(sale_tax.ids if sale_tax else [])],
            "supplier_taxes_id": [Command.set(purchase_tax.ids if purchase_tax else [])],
        }
        if "nature" in extra:
            vals["ecom_accounting_nature"] = extra["nature"]
        return cls.env["product.product"].create(vals)

    @classmethod
    def _account(cls, code):
        account = cls.env["account.account"].search(
            [("code", "=", code), ("company_ids", "in", cls.company.id)]
        )
        assert len(account) == 1, f"no single account {code}"
        return account

    @classmethod
    def _invoice(
        cls, partner, lines, move_type="out_invoice", date="2026-10-05", post=True, **vals
    ):
        """Create (and post) an invoice as ``ecom_user``; ``lines`` are
        ``(product, quantity, price_unit, discount)`` tuples."""
        move = cls.env_user["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": fields.Date.to_date(date),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": quantity,
                            "price_unit": price_unit,
                            "discount": discount,
                        }
                    )
                    for product, quantity, price_unit, discount in lines
                ],
                **vals,
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _profile(cls, name, provider, partner, **vals):
        """A payout profile with the accounts the form proposes."""
        profile = cls.env_accountant["ecom.payout.profile"].new(
            {"name": name, "provider": provider, "company_id": cls.company.id}
        )
        profile._onchange_company_id()
        values = profile._convert_to_write(profile._cache)
        values.update(journal_id=cls.journal_amazon.id, partner_id=partner and partner.id, **vals)
        return cls.env_accountant["ecom.payout.profile"].create(values)

    @classmethod
    def _upload(cls, profile, filename, data=None):
        """Upload ``tests/data/<filename>`` (or ``data``) as ``ecom_user``."""
        raw = data if data is not None else (DATA / filename).read_bytes()
        return cls.env_user["ecom.payout.import"].create(
            {"profile_id": profile.id, "filename": filename, "data_file": base64.b64encode(raw)}
        )
