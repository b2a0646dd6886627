# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Real data the mappers missed (issue 8, item 9), entries that say all
that is wrong at once, and French wording (item 11)."""

import copy
import json

from odoo import Command

from odoo.addons.ecom_connector.platforms import PlatformError
from odoo.addons.ecom_connector.platforms.canonical import normalize
from odoo.addons.ecom_connector.platforms.shopify import ShopifyMapper
from odoo.addons.ecom_connector.platforms.woocommerce import WooCommerceMapper

from .common import EcomConnectorCase
from .servers.shopify import shopify_rest_order
from .servers.woocommerce import woo_order


def woo_relay_order(index, relay_id="FR-020339"):
    """A WooCommerce order (REST v3 shape) delivered to a Mondial Relay point
    as the Mondial Relay plugin records it: the point in the order's
    ``meta_data``, the point's address as shipping address."""
    order = woo_order(index)
    order["shipping"].update(
        company="Locker 24/7 Gare Part-Dieu",
        address_1="5 place Charles Béraudier",
        address_2="",
        postcode="69003",
        city="Lyon",
        country="FR",
    )
    order["shipping_lines"][0].update(method_id="mondialrelay", method_title="Mondial Relay")
    order["meta_data"].append({"id": 4811, "key": "_mondialrelay_relay_id", "value": relay_id})
    return order


class TestPlatformGaps(EcomConnectorCase):
    def test_shopify_legacy_order(self):
        """An old REST order: ``gateway`` instead of ``payment_gateway_names``,
        VAT on the order's ``tax_lines`` only."""
        modern = normalize(ShopifyMapper().map_order(json.dumps(shopify_rest_order(1, 1))))
        legacy = copy.deepcopy(shopify_rest_order(1, 1))
        legacy["gateway"] = legacy.pop("payment_gateway_names")[0]
        rate = modern["lines"][0]["tax_rate"]
        for item in legacy["line_items"]:
            item.pop("tax_lines", None)
        for line in legacy.get("shipping_lines") or []:
            line.pop("tax_lines", None)
        legacy["tax_lines"] = [{"title": "TVA", "rate": float(rate) / 100, "price": "1.00"}]
        mapped = normalize(ShopifyMapper().map_order(json.dumps(legacy)))
        self.assertEqual(mapped["payment_method"], modern["payment_method"])
        self.assertTrue(mapped["payment_method"])
        self.assertEqual(mapped["lines"][0]["tax_rate"], rate)

    def test_charges_of_a_pushed_order(self):
        """A canonical order's charges: lines on the shop's products, checked."""
        order = self.canonical_order(total="91.10")
        order["charges"] = [
            {"kind": "wrapping", "name": "Papier kraft", "amount": "2.50", "tax_rate": 20},
            {"kind": "tip", "amount": "0.50", "tax_rate": 0},
        ]
        child = self.receive(order).child_ids
        self.assertEqual(child.state, "done", child.error)
        wrapping = child.sale_order_id.order_line.filtered(lambda line: line.name == "Papier kraft")
        self.assertEqual(wrapping.tax_id, self.tax_sale_20_ttc)
        for charges, words in (
            ([{"kind": "bribe", "amount": "1.00"}], "unknown kind"),
            ([{"kind": "fee", "amount": "-1.00"}], "negative"),
            ({"kind": "fee"}, "not a list"),
        ):
            with self.assertRaisesRegex(PlatformError, words):
                normalize(self.canonical_order(charges=charges))

    def test_woocommerce_deleted_order_cancels(self):
        mapped = normalize(WooCommerceMapper().map_order(json.dumps({"id": 4242})))
        self.assertTrue(mapped["cancelled"])
        self.assertEqual(mapped["external_id"], "4242")

    def test_woocommerce_mondial_relay_point(self):
        """Issue 14: the relay point of the Mondial Relay plugin is read; the
        delivery address is the point, with core's ``MR#<id>`` reference."""
        mapped = normalize(WooCommerceMapper().map_order(json.dumps(woo_relay_order(0))))
        relay = {"network": "mondialrelay", "id": "020339"}
        self.assertEqual(mapped["shipping_address"]["relay_point"], relay)
        bare = normalize(WooCommerceMapper().map_order(json.dumps(woo_relay_order(0, "020339"))))
        self.assertEqual(bare["shipping_address"]["relay_point"], relay)
        home = normalize(WooCommerceMapper().map_order(json.dumps(woo_order(0))))
        self.assertIsNone(home["shipping_address"]["relay_point"])
        self.backend.carrier_map_ids = [
            Command.create({"code": "mondialrelay", "carrier_id": self.carrier.id})
        ]
        for index in (0, 5):
            child = self.receive(json.dumps(woo_relay_order(index)), fmt="platform").child_ids
            self.assertEqual(child.state, "done", child.error)
        child = self.receive(json.dumps(woo_order(10)), fmt="platform").child_ids
        first, second, home = self.bound_orders().sorted("id")
        point = first.partner_shipping_id
        self.assertEqual(point.ref, "MR#020339")
        self.assertEqual(
            (point.street, point.zip, point.city), ("5 place Charles Béraudier", "69003", "Lyon")
        )
        self.assertEqual(point.parent_id, first.partner_id)
        self.assertEqual(second.partner_shipping_id, point, "one address per relay point")
        self.assertEqual(home.partner_id, first.partner_id)
        self.assertFalse(home.partner_shipping_id.ref, "a home delivery is no relay point")
        with self.assertRaisesRegex(PlatformError, "relay point"):
            order = self.canonical_order()
            order["shipping_address"]["relay_point"] = {"network": "pigeon", "id": "1"}
            normalize(order)

    def test_entry_lists_every_problem(self):
        order = self.canonical_order(currency="JPY")
        order["lines"][0]["sku"] = "INCONNU-1"
        order["shipping"]["code"] = "chronopost"
        order["shipping"]["name"] = "Chronopost 13h"
        child = self.receive(order).child_ids
        self.assertEqual(child.state, "error")
        for part in ("JPY", "INCONNU-1", "chronopost", "Chronopost 13h"):
            self.assertIn(part, child.error)

    def test_entry_in_error_names_the_shop_order(self):
        order = self.canonical_order(external_id="ID-LISIBLE")
        order["lines"][0]["quantity"] = "beaucoup"
        entry = self.env["ecom.inbox"]._receive(
            self.backend,
            json.dumps(order),
            source="webhook",
            payload_format="canonical",
            process=False,
        )
        entry._process()
        self.assertEqual(entry.state, "error")
        self.assertEqual(entry.external_id, "ID-LISIBLE")

    def test_french_wording(self):
        fr = self.env["res.lang"]._activate_lang("fr_FR").code
        new_shop = self.env["ecom.backend"].with_context(lang=fr).new({"platform": "shopify"})
        self.assertEqual(new_shop.display_name, "Shopify")
        self.assertNotIn("False", new_shop.display_name)
        backend = self.backend.with_context(lang=fr)
        self.assertEqual(backend._count_orders(1), "1 commande")
        self.assertEqual(backend._count_orders(3), "3 commandes")
        kinds = dict(self.env["ecom.inbox"]._fields["kind"]._description_selection(backend.env))
        self.assertEqual(kinds["order"], "Commande")
        self.assertEqual(
            self.env["ir.model"].with_context(lang=fr)._get("ecom.backend").name,
            "Boutique e-commerce",
        )
