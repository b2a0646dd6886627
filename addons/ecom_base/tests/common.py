# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class EcomFrenchCompanyCase(TransactionCase):
    """Test base of the ecom suite: a French e-merchant ready to sell.

    Built once per class in ``setUpClass``, with mail tracking disabled:

    - ``company``: "Boutique Test SAS", country France, currency EUR, the
      French chart of accounts (``fr``) loaded on it; the environment
      (``cls.env``) works in that company only.
    - ``tax_sale_20``, ``tax_sale_10``, ``tax_sale_55``, ``tax_sale_21``:
      the chart's sale VAT taxes at 20 / 10 / 5.5 / 2.1 %;
      ``tax_sale_20_ttc`` ... ``tax_sale_21_ttc``: the same, price included
      (for shops that sell tax included); ``tax_purchase_20`` ...
      ``tax_purchase_21``: the purchase ones.
    - ``ecom_user``: an internal user of the company in *E-commerce / User*
      plus the groups in ``ecom_user_groups`` (subclasses add theirs);
      ``ecom_manager``: the same in *E-commerce / Manager*.  Tests run as
      them through ``cls.env_user`` / ``cls.env_manager``, not only as
      superuser.
    - ``country_fr``, ``country_be``, ``country_de``, ``country_us``.
    """

    #: XML ids of the groups given to ``ecom_user`` besides E-commerce / User
    ecom_user_groups = ("base.group_user", "account.group_account_invoice")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.country_fr = cls.env.ref("base.fr")
        cls.country_be = cls.env.ref("base.be")
        cls.country_de = cls.env.ref("base.de")
        cls.country_us = cls.env.ref("base.us")
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.company = cls.env["res.company"].create(
            {
                "name": "Boutique Test SAS",
                "country_id": cls.country_fr.id,
                "currency_id": cls.eur.id,
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "vat": "FR23334175221",
                "email": "contact@boutique-test.example",
            }
        )
        # installing l10n_fr does not switch a company's chart: load it here
        cls.env["account.chart.template"].try_loading("fr", cls.company, install_demo=False)
        cls.env.user.company_ids |= cls.company
        cls.env.user.company_id = cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        chart = cls.env["account.chart.template"].with_company(cls.company)
        for suffix, sale, purchase in (
            ("20", "tva_normale", "tva_acq_normale"),
            ("10", "tva_intermediaire", "tva_acq_intermediaire"),
            ("55", "tva_reduite", "tva_acq_reduite"),
            ("21", "tva_super_reduite", "tva_acq_super_reduite"),
        ):
            setattr(cls, f"tax_sale_{suffix}", chart.ref(sale))
            setattr(cls, f"tax_sale_{suffix}_ttc", chart.ref(f"{sale}_ttc"))
            setattr(cls, f"tax_purchase_{suffix}", chart.ref(purchase))
        cls.ecom_user = cls._create_ecom_user(
            "ecom_user", ("ecom_base.ecom_base_group_user", *cls.ecom_user_groups)
        )
        cls.ecom_manager = cls._create_ecom_user(
            "ecom_manager", ("ecom_base.ecom_base_group_manager", *cls.ecom_user_groups)
        )
        cls.env_user = cls.env(user=cls.ecom_user)
        cls.env_manager = cls.env(user=cls.ecom_manager)

    @classmethod
    def _create_ecom_user(cls, login, group_xmlids):
        user = new_test_user(
            cls.env,
            login=login,
            groups=",".join(group_xmlids),
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            lang="fr_FR" if cls.env["res.lang"]._lang_get("fr_FR") else "en_US",
        )
        return user
