# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import EcomFrenchCompanyCase


class TestEcomBase(EcomFrenchCompanyCase):
    def test_french_company(self):
        self.assertEqual(self.company.chart_template, "fr")
        self.assertEqual(self.company.currency_id, self.eur)
        self.assertEqual(self.company.account_fiscal_country_id, self.country_fr)
        taxes = {
            "20": self.tax_sale_20, "10": self.tax_sale_10,
            "55": self.tax_sale_55, "21": self.tax_sale_21,
        }
        for tax in taxes.values():
            self.assertEqual(tax.company_id, self.company)
            self.assertEqual(tax.type_tax_use, "sale")
            self.assertEqual(tax.amount_type, "percent")
        self.assertEqual(
            [t.amount for t in taxes.values()], [20.0, 10.0, 5.5, 2.1]
        )
        self.assertEqual(self.tax_purchase_55.type_tax_use, "purchase")
        self.assertEqual(self.tax_purchase_55.amount, 5.5)
        # a French customer invoice at 20 % lands on the chart's accounts
        partner = self.env["res.partner"].create({"name": "Élodie Martin"})
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    (0, 0, {"name": "Thé vert", "quantity": 2, "price_unit": 10.0,
                            "tax_ids": [(6, 0, self.tax_sale_20.ids)]}),
                ],
            }
        )
        self.assertEqual(move.amount_total, 24.0)
        self.assertTrue(move.invoice_line_ids.account_id.code.startswith("707"))

    def test_groups_and_menu(self):
        user_group = self.env.ref("ecom_base.ecom_base_group_user")
        manager_group = self.env.ref("ecom_base.ecom_base_group_manager")
        self.assertIn(user_group, manager_group.implied_ids)
        self.assertTrue(self.ecom_user.has_group("ecom_base.ecom_base_group_user"))
        self.assertFalse(self.ecom_user.has_group("ecom_base.ecom_base_group_manager"))
        self.assertTrue(self.ecom_manager.has_group("ecom_base.ecom_base_group_user"))
        root = self.env.ref("ecom_base.ecom_menu_root")
        visible = self.env["ir.ui.menu"].with_user(self.ecom_user)._visible_menu_ids()
        self.assertIn(root.id, visible)
        config = self.env.ref("ecom_base.ecom_menu_config")
        self.assertNotIn(config.id, visible)
        # the suite's addons put their settings there, for managers only
        self.assertEqual(config.groups_id, manager_group)
        # a user without the group does not see the application
        outsider = self.env["res.users"].create(
            {"name": "Outsider", "login": "outsider", "company_id": self.company.id,
             "company_ids": [(6, 0, self.company.ids)],
             "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]}
        )
        self.assertNotIn(root.id, self.env["ir.ui.menu"].with_user(outsider)._visible_menu_ids())
        with self.assertRaises(AccessError):
            self.env["res.groups"].with_user(outsider).create({"name": "nope"})
