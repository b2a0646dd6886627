# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form

from .common import EcomCarrierCase


class TestViews(EcomCarrierCase):
    def test_views_load_for_users(self):
        """The inherited and new views load for a stock / sales user."""
        env = self.env(user=self.ecom_user)
        for model, view_types in (
            ("stock.picking", ["form", "list", "search"]),
            ("sale.order", ["form"]),
            ("ecom.carrier.parcel", ["form", "list", "search"]),
            ("ecom.carrier.relay.search", ["form"]),
            ("ecom.carrier.tracking.entry", ["form"]),
            ("ecom.carrier.tracking.import", ["form"]),
        ):
            views = env[model].get_views([(False, v) for v in view_types])
            self.assertEqual(set(views["views"]), set(view_types))
        arch = env["stock.picking"].get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn("ecom_delivery_incident", arch)
        action = env["ir.actions.act_window"]._for_xml_id(
            "ecom_carrier.stock_picking_action_delivery_incident"
        )
        self.assertIn("search_default_ecom_delivery_incident", action["context"])

    def test_carrier_form_for_manager(self):
        env = self.env(user=self.ecom_manager)
        env.user.groups_id |= self.env.ref("stock.group_stock_manager")
        with Form(env["delivery.carrier"]) as form:
            form.name = "Colissimo test"
            form.delivery_type = "colissimo"
            form.product_id = self.delivery_product
            form.colissimo_product_code = "DOS"
            form.ecom_api_key = "key"
        carrier = form.record
        self.assertTrue(carrier.ecom_is_framework)
        self.assertTrue(carrier.ecom_can_track)
        self.assertEqual(carrier.sudo().ecom_api_key, "key")
