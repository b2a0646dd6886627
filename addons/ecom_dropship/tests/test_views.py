# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import EcomDropshipCase


@tagged("post_install", "-at_install")
class TestViews(EcomDropshipCase):
    def test_actions_open_for_their_users(self):
        for xmlid, env in (
            ("ecom_dropship.ecom_supplier_feed_action", self.env_manager),
            ("ecom_dropship.ecom_supplier_feed_run_action", self.env_user),
            ("ecom_dropship.product_product_action_rotation", self.env_user),
            ("ecom_dropship.sale_order_action_replenishment", self.env_user),
        ):
            with self.subTest(action=xmlid):
                action = env["ir.actions.act_window"]._for_xml_id(xmlid)
                model = env[action["res_model"]]
                views = [(view_id, view_type) for view_id, view_type in action["views"]]
                if action.get("search_view_id"):
                    views.append((action["search_view_id"][0], "search"))
                result = model.get_views(views)
                self.assertTrue(result["views"])
                domain = safe_eval(action["domain"]) if action.get("domain") else []
                model.search(domain, limit=5)

    def test_rotation_report_sorted_by_company_figures(self):
        slow = self._create_product("Lent")
        fast = self._create_product("Rapide")
        slow.sudo().ecom_rotation_rate = 0.5
        fast.sudo().ecom_rotation_rate = 6.0
        found = self.env_user["product.product"].search(
            [("id", "in", (slow | fast).ids), ("ecom_rotation_rate", "<", 2)],
            order="ecom_rotation_rate",
        )
        self.assertEqual(found, slow)
        ordered = self.env_user["product.product"].search(
            [("id", "in", (slow | fast).ids)], order="ecom_rotation_rate desc"
        )
        self.assertEqual(ordered.ids, [fast.id, slow.id])

    def test_forms(self):
        with Form(self.env["product.template"]) as form:
            form.name = "Fauteuil"
            form.categ_id = self.category_dropship
            self.assertEqual(form.ecom_procurement_mode, "dropship")
        with Form(self.env_manager["ecom.supplier.feed"]) as form:
            form.name = "Flux B"
            form.partner_id = self.supplier_b
            form.source = "url"
            form.url = "https://fournisseur-b.example/stock.csv"
        self.assertEqual(form.record.file_format, "csv")
