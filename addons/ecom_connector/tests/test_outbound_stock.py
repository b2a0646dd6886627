# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sellable stock out: product links, deltas in each platform's batch form,
the debounced job, faults."""

import copy
import json
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from odoo.addons.queue_job.tests.common import trap_jobs

from ..platforms.magento2 import exporter as magento_exporter
from .common_outbound import EcomOutboundCase
from .servers.magento2 import ACCESS_TOKEN as MAGENTO_TOKEN
from .servers.magento2_out import Magento2OutServer
from .servers.prestashop import WS_KEY
from .servers.prestashop_out import PrestaShopOutServer
from .servers.shopify_out import ShopifyOutServer
from .servers.woocommerce_out import WooCommerceOutServer


class TestStockWooCommerce(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        products = {}
        for index, (sku, product) in enumerate(sorted(cls.products.items()), start=1):
            products[100 + index] = {
                "id": 100 + index,
                "sku": sku if sku != "KIT-PLANT" else "",
                "global_unique_id": product.barcode if sku == "KIT-PLANT" else "",
                "type": "simple",
                "manage_stock": False,
                "stock_quantity": None,
                "regular_price": "1.00",
            }
        products[200] = {
            "id": 200,
            "sku": "INCONNU-1",
            "global_unique_id": "",
            "type": "simple",
            "manage_stock": False,
            "stock_quantity": None,
            "regular_price": "1.00",
        }
        cls.server = cls.start(WooCommerceOutServer(products=products))
        cls.initial_products = copy.deepcopy(products)

    def setUp(self):
        super().setUp()
        self.server.products = copy.deepcopy(self.initial_products)

    def _batches(self):
        return [r for r in self.server.requests if r.path.endswith("/batch")]

    def test_link_products_by_sku_and_barcode(self):
        result = self.backend._link_products()
        bindings = self.backend.product_binding_ids
        self.assertEqual(len(bindings), 5, result)
        kit = bindings.filtered(lambda b: b.product_id == self.products["KIT-PLANT"])
        self.assertEqual(kit.external_id, str(100 + sorted(self.products).index("KIT-PLANT") + 1))
        self.assertEqual(self.backend.unmatched_skus, "INCONNU-1")
        # linking again keeps the links
        self.backend._link_products()
        self.assertEqual(self.backend.product_binding_ids, bindings)

    def test_link_action_queues_one_job(self):
        with trap_jobs() as trap:
            self.backend.with_user(self.ecom_manager).action_link_products()
            self.backend.with_user(self.ecom_manager).action_link_products()
        trap.assert_jobs_count(1)
        trap.assert_enqueued_job(
            self.backend._link_products,
            properties={
                "channel": "root.ecom",
                "identity_key": f"ecom_link_products_{self.backend.id}",
            },
        )

    def test_shop_product_linked_twice_refused(self):
        self.bind(self.products["THE-SENCHA"], external_id="101")
        with self.assertRaisesRegex(ValidationError, "already linked to .*Sencha"):
            self.bind(self.products["REVUE-THE"], external_id="101")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.bind(self.products["THE-SENCHA"], external_id="102")

    def test_delta_only_and_manage_stock(self):
        self.backend._link_products()
        self.backend._export_stock()
        self.assertEqual(len(self._batches()), 1)
        body = json.loads(self._batches()[0].body)
        self.assertEqual(len(body["update"]), 5)
        self.assertTrue(all(u["manage_stock"] is True for u in body["update"]))
        self.assertEqual({u["stock_quantity"] for u in body["update"]}, {50})
        self.assertEqual(
            {p["stock_quantity"] for p in self.server.products.values() if p["id"] != 200}, {50}
        )
        self.server.requests.clear()
        self.backend._export_stock()
        self.assertEqual(self._batches(), [], "nothing changed: nothing sent")
        self.env["stock.quant"]._update_available_quantity(
            self.products["THE-SENCHA"], self.warehouse.lot_stock_id, -20
        )
        self.backend._export_stock()
        self.assertEqual(len(self._batches()), 1)
        self.assertEqual(
            json.loads(self._batches()[0].body)["update"],
            [
                {
                    "id": self.products["THE-SENCHA"].ecom_binding_ids.external_id
                    and int(self.products["THE-SENCHA"].ecom_binding_ids.external_id),
                    "manage_stock": True,
                    "stock_quantity": 30,
                }
            ],
        )
        self.assertEqual(self.products["THE-SENCHA"].ecom_binding_ids.last_qty_sent, 30)

    def test_never_negative_and_safety_stock(self):
        self.backend._link_products()
        self.backend.safety_stock = 5
        binding = self.products["REVUE-THE"].ecom_binding_ids
        binding.write({"safety_stock_override": True, "safety_stock": 60})
        self.backend._export_stock()
        quantities = {
            u["id"]: u["stock_quantity"] for u in json.loads(self._batches()[0].body)["update"]
        }
        self.assertEqual(quantities[int(binding.external_id)], 0)
        self.assertEqual(set(quantities.values()), {0, 45})

    def test_order_imported_a_second_ago_is_deducted(self):
        self.backend._link_products()
        self.backend._export_stock()
        self.server.requests.clear()
        order = self.import_order()
        self.assertEqual(order.state, "sale")
        self.backend._export_stock()
        sent = {u["id"]: u["stock_quantity"] for u in json.loads(self._batches()[0].body)["update"]}
        sencha = int(self.products["THE-SENCHA"].ecom_binding_ids.external_id)
        revue = int(self.products["REVUE-THE"].ecom_binding_ids.external_id)
        self.assertEqual(
            sent,
            {
                sencha: 48,
                revue: 47,
                int(self.products["THEIERE-FONTE"].ecom_binding_ids.external_id): 49,
            },
        )

    def test_dropship_supplier_stock_is_sellable(self):
        product = self.products["KIT-PLANT"]
        vendor = self.env["res.partner"].create({"name": "Jardins de Provence"})
        self.env["product.supplierinfo"].create(
            {
                "partner_id": vendor.id,
                "product_tmpl_id": product.product_tmpl_id.id,
                "ecom_stock_qty": 12,
                "ecom_stock_date": fields.Datetime.now(),
            }
        )
        binding = self.bind(product, external_id="103")
        self.assertEqual(binding._get_sellable_quantities()[binding.id], 50)
        product.ecom_procurement_mode = "dropship"
        self.assertEqual(binding._get_sellable_quantities()[binding.id], 62)
        product.ecom_procurement_mode = "flux_tendu"
        self.assertEqual(binding._get_sellable_quantities()[binding.id], 50)
        self.backend.sell_supplier_stock = True
        self.assertEqual(binding._get_sellable_quantities()[binding.id], 62)

    def test_burst_of_moves_makes_one_job(self):
        self.bind(self.products["THE-SENCHA"], external_id="101")
        with trap_jobs() as trap:
            for _index in range(200):
                move = self.env["stock.move"].create(
                    {
                        "name": "burst",
                        "product_id": self.products["THE-SENCHA"].id,
                        "product_uom_qty": 1,
                        "location_id": self.warehouse.lot_stock_id.id,
                        "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                    }
                )
                move._action_confirm()
        trap.assert_jobs_count(1)
        trap.assert_enqueued_job(
            self.backend._export_stock,
            kwargs={"full": False},
            properties={
                "channel": "root.ecom.stock",
                "identity_key": f"ecom_export_stock_{self.backend.id}",
            },
        )
        trap.perform_enqueued_jobs()
        self.assertEqual(self.products["THE-SENCHA"].ecom_binding_ids.last_qty_sent, 0)

    def test_batches_of_100_and_per_item_error(self):
        self.backend._link_products()
        bindings = self.backend.product_binding_ids
        # 230 more links to products the shop knows, one it does not
        extra = self.env["product.product"].create(
            [
                {"name": f"Bougie {i}", "default_code": f"BOUGIE-{i}", "is_storable": True}
                for i in range(231)
            ]
        )
        for index, product in enumerate(extra):
            self.server.products[5000 + index] = {
                "id": 5000 + index,
                "sku": product.default_code,
                "type": "simple",
                "manage_stock": False,
                "stock_quantity": None,
            }
        self.bind(extra[-1], external_id="999999")
        del self.server.products[5230]
        self.backend._link_products()
        self.backend._export_stock()
        batches = self._batches()
        self.assertEqual([len(json.loads(b.body)["update"]) for b in batches], [100, 100, 36])
        unknown = extra[-1].ecom_binding_ids
        self.assertIn("woocommerce_rest_product_invalid_id", unknown.last_error)
        self.assertFalse(unknown.stock_sent_at)
        self.assertTrue(all(b.stock_sent_at for b in bindings))
        self.assertEqual(self.backend.product_binding_error_count, 1)

    def test_shop_error_keeps_last_quantity_and_queues_a_retry(self):
        self.backend._link_products()
        self.backend._export_stock()
        self.env["stock.quant"]._update_available_quantity(
            self.products["THE-SENCHA"], self.warehouse.lot_stock_id, -10
        )
        self.server.faults.append(503)
        with trap_jobs() as trap:
            self.backend._export_stock()
        binding = self.products["THE-SENCHA"].ecom_binding_ids
        self.assertEqual(binding.last_qty_sent, 50)
        self.assertIn("HTTP 503", binding.last_error)
        trap.assert_jobs_count(1)
        trap.perform_enqueued_jobs()
        self.assertEqual(binding.last_qty_sent, 40)
        self.assertFalse(binding.last_error)

    def test_full_resync_button(self):
        self.backend._link_products()
        self.backend._export_stock()
        with trap_jobs() as trap:
            self.backend.with_user(self.ecom_manager).action_export_stock()
        trap.assert_enqueued_job(
            self.backend._export_stock,
            kwargs={"full": True},
            properties={"identity_key": f"ecom_export_stock_{self.backend.id}_full"},
        )
        self.server.requests.clear()
        trap.perform_enqueued_jobs()
        self.assertEqual(len(json.loads(self._batches()[0].body)["update"]), 5)

    def test_prices_off_by_default_then_sent(self):
        self.backend._link_products()
        self.assertFalse(self.backend.price_export)
        self.backend._export_prices()
        self.assertEqual(self._batches(), [])
        self.backend.write({"price_export": True})
        self.backend._export_prices()
        body = json.loads(self._batches()[0].body)
        self.assertTrue(all("regular_price" in u for u in body["update"]))
        self.server.requests.clear()
        self.backend._export_prices()
        self.assertEqual(self._batches(), [], "prices unchanged: nothing sent")


class TestStockShopify(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_shopify()
        variants = {}
        for index, sku in enumerate(sorted(cls.products), start=1):
            variants[f"gid://shopify/ProductVariant/{index}"] = {
                "id": f"gid://shopify/ProductVariant/{index}",
                "sku": sku,
                "barcode": "",
                "product": {"id": f"gid://shopify/Product/{index}"},
                "inventoryItem": {"id": f"gid://shopify/InventoryItem/{index}"},
            }
        cls.server = cls.start(ShopifyOutServer(variants=variants))

    def setUp(self):
        super().setUp()
        self.server.inventory.clear()
        self.server.idempotency.clear()
        self.server.set_calls.clear()
        self.server.throttle_next = 0

    def _sets(self):
        return [
            json.loads(r.body) for r in self.server.requests if b"inventorySetQuantities" in r.body
        ]

    def test_idempotency_key_and_change_from_quantity(self):
        self.backend._link_products()
        self.assertEqual(len(self.backend.product_binding_ids.filtered("inventory_item_id")), 5)
        self.backend._export_stock()
        (call,) = self._sets()
        self.assertIn("@idempotent(key: $key)", call["query"])
        quantities = call["variables"]["input"]["quantities"]
        self.assertTrue(all("changeFromQuantity" in q for q in quantities))
        self.assertTrue(all(q["changeFromQuantity"] is None for q in quantities))
        self.assertEqual(set(self.server.inventory.values()), {50})
        # the next change says what the shop had
        self.env["stock.quant"]._update_available_quantity(
            self.products["THE-SENCHA"], self.warehouse.lot_stock_id, -8
        )
        self.backend._export_stock()
        quantities = self._sets()[-1]["variables"]["input"]["quantities"]
        self.assertEqual([(q["quantity"], q["changeFromQuantity"]) for q in quantities], [(42, 50)])
        self.assertIn("/2026-04/", self.server.requests[-1].path)

    def test_stale_quantity_read_then_set(self):
        self.backend._link_products()
        self.backend._export_stock()
        item = self.products["THE-SENCHA"].ecom_binding_ids.inventory_item_id
        self.server.inventory[(item, "gid://shopify/Location/1")] = 47  # sold at the shop
        self.env["stock.quant"]._update_available_quantity(
            self.products["THE-SENCHA"], self.warehouse.lot_stock_id, -5
        )
        self.backend._export_stock()
        self.assertEqual(self.server.inventory[(item, "gid://shopify/Location/1")], 45)
        last = self._sets()[-1]["variables"]["input"]["quantities"]
        self.assertEqual(last[0]["changeFromQuantity"], 47)
        self.assertFalse(self.products["THE-SENCHA"].ecom_binding_ids.last_error)

    def test_timeout_retry_applies_once(self):
        self.backend._link_products()
        self.server.faults.append(("slow", 1.5))
        with trap_jobs() as trap:
            self.backend._export_stock()
        self.assertIn("does not answer", self.products["THE-SENCHA"].ecom_binding_ids.last_error)
        trap.perform_enqueued_jobs()
        applied = [c for c in self.server.set_calls if not c[2]]
        self.assertEqual(len({c[0] for c in self._sets_keys()}), 1, "the retry reuses the key")
        self.assertEqual(len(applied), 1, "applied once")
        self.assertEqual(self.products["THE-SENCHA"].ecom_binding_ids.last_qty_sent, 50)

    def _sets_keys(self):
        return [(s["variables"]["key"],) for s in self._sets()]

    def test_throttled_queues_a_retry(self):
        self.backend._link_products()
        self.server.throttle_next = 1
        with trap_jobs() as trap:
            self.backend._export_stock()
        self.assertIn("throttling", self.products["THE-SENCHA"].ecom_binding_ids.last_error)
        trap.assert_jobs_count(1)
        trap.perform_enqueued_jobs()
        self.assertEqual(set(self.server.inventory.values()), {50})

    def test_unknown_location_is_a_user_error(self):
        self.backend._link_products()
        self.backend.shopify_location_id = "gid://shopify/Location/9"
        self.backend._export_stock()
        binding = self.products["THE-SENCHA"].ecom_binding_ids
        self.assertIn("location could not be found", binding.last_error)
        self.assertFalse(binding.stock_sent_at)


class TestStockMagentoPrestaShop(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.magento = cls.env["ecom.backend"].create(
            {
                "name": "Magento",
                "platform": "magento2",
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "api_key": MAGENTO_TOKEN,
            }
        )
        cls.presta = cls.env["ecom.backend"].create(
            {
                "name": "PrestaShop",
                "platform": "prestashop",
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "api_key": WS_KEY,
            }
        )
        cls.magento_server = cls.start(
            Magento2OutServer(
                products={
                    sku: {"id": 10 + i, "sku": sku, "qty": 0}
                    for i, sku in enumerate(sorted(cls.products))
                }
            ),
            backend=cls.magento,
        )
        cls.presta_server = cls.start(PrestaShopOutServer(), backend=cls.presta)
        cls.presta_server.add_product(1, "THE-SENCHA")
        cls.presta_server.add_product(
            2, "", combinations=[("7", "THEIERE-FONTE"), ("8", "KIT-PLANT")], price="40.000000"
        )

    def setUp(self):
        super().setUp()
        self.presta_server.puts.clear()
        self.magento_server.price_calls.clear()
        for product in self.magento_server.products.values():
            product.pop("prices", None)

    def _set_prices(self):
        """Sales prices tax excluded, 20 % VAT: {sku: (tax excluded, included)}."""
        for sku in ("THE-SENCHA", "THEIERE-FONTE", "KIT-PLANT"):
            self.products[sku].taxes_id = self.tax_sale_20
        return {
            "THE-SENCHA": (12.00, 14.40),
            "THEIERE-FONTE": (45.90, 55.08),
            "KIT-PLANT": (18.50, 22.20),
        }

    def _binding(self, backend, sku):
        return self.products[sku].ecom_binding_ids.filtered(lambda b: b.backend_id == backend)

    def test_magento_base_prices_in_batches(self):
        prices = self._set_prices()
        self.magento._link_products()
        self.assertFalse(self.magento.price_export, "off by default")
        self.magento._export_prices()
        self.assertEqual(self.magento_server.price_calls, [])
        self.magento.price_export = True
        with patch.object(magento_exporter, "BASE_PRICES_LIMIT", 2):
            result = self.magento._export_prices()
        self.assertEqual([len(c) for c in self.magento_server.price_calls], [2, 2, 1], result)
        rows = {r["sku"]: r for call in self.magento_server.price_calls for r in call}
        # Magento's catalogue prices are tax excluded (the shop's setting)
        for sku, (excluded, _included) in prices.items():
            self.assertEqual(rows[sku], {"price": excluded, "store_id": 0, "sku": sku})
            self.assertEqual(self.magento_server.products[sku]["prices"], {0: excluded})
            self.assertEqual(self._binding(self.magento, sku).last_price_sent, excluded)
        # delta only: one price changes, one row is sent
        self.magento_server.price_calls.clear()
        self.products["KIT-PLANT"].list_price = 19.50
        self.magento._export_prices()
        self.assertEqual(
            self.magento_server.price_calls, [[{"price": 19.5, "store_id": 0, "sku": "KIT-PLANT"}]]
        )
        # a shop whose catalogue prices include the VAT gets them so
        self.magento.write({"prices_include_tax": True, "magento_store_id": 1})
        result = self.magento._export_prices()
        self.assertEqual(
            self.magento_server.products["THE-SENCHA"]["prices"],
            {0: 12.0, 1: 14.4},
            result,
        )

    def test_magento_refused_rows_keep_their_error(self):
        self._set_prices()
        self.magento._link_products()
        self.magento.price_export = True
        kit = self.magento_server.products.pop("KIT-PLANT")
        self.addCleanup(self.magento_server.products.__setitem__, "KIT-PLANT", kit)
        self.magento._export_prices()
        refused = self._binding(self.magento, "KIT-PLANT")
        self.assertEqual(refused.last_error, "Invalid attribute SKU = KIT-PLANT.")
        self.assertFalse(refused.price_sent_at)
        sent = self._binding(self.magento, "THE-SENCHA")
        self.assertTrue(sent.price_sent_at)
        self.assertFalse(sent.last_error)
        self.assertEqual(self.magento_server.products["THE-SENCHA"]["prices"], {0: 12.0})
        # the next run sends the refused row again, and only it
        self.magento_server.price_calls.clear()
        self.magento._export_prices()
        self.assertEqual([r["sku"] for r in self.magento_server.price_calls[0]], ["KIT-PLANT"])
        # an unknown store view: every row refused, in Magento's words
        self.magento.magento_store_id = 7
        self.magento._export_prices(full=True)
        self.assertEqual(
            sent.last_error, "Requested store is not found. Row ID: SKU = THE-SENCHA, Store ID: 7."
        )
        self.assertEqual(sent.last_price_sent, 12.0, "the last price sent is kept")

    def test_prestashop_product_price_and_combination_impacts(self):
        prices = self._set_prices()
        self.presta._link_products()
        self.assertTrue(self.presta.prices_include_tax, "the shop shows prices tax included")
        self.presta.price_export = True
        self.presta._export_prices()
        self.assertEqual(
            sorted(self.presta_server.puts),
            [("combination", "7"), ("combination", "8"), ("product", "1")],
        )
        # PrestaShop's product price is tax excluded, whatever the shop shows
        self.assertEqual(self.presta_server.products["1"]["price"], "12.000000")
        self.assertEqual(self.presta_server.products["2"]["price"], "40.000000", "not touched")
        combinations = self.presta_server.combinations
        self.assertEqual(combinations["7"]["price"], f"{prices['THEIERE-FONTE'][0] - 40:.6f}")
        self.assertEqual(combinations["8"]["price"], f"{prices['KIT-PLANT'][0] - 40:.6f}")
        self.assertEqual(combinations["8"]["price"], "-21.500000")
        self.assertEqual(self._binding(self.presta, "KIT-PLANT").last_price_sent, 18.5)
        # nothing changed: nothing sent
        self.presta_server.requests.clear()
        self.presta._export_prices()
        self.assertEqual(self.presta_server.requests, [])

    def test_prestashop_refused_price_shown_as_written(self):
        self._set_prices()
        self.presta._link_products()
        self.presta.price_export = True
        rewrite = self.presta_server.products["1"]["link_rewrite"]
        self.presta_server.products["1"]["link_rewrite"] = ""
        self.addCleanup(self.presta_server.products["1"].__setitem__, "link_rewrite", rewrite)
        self.presta._export_prices()
        refused = self._binding(self.presta, "THE-SENCHA")
        self.assertIn("Property Product->link_rewrite is not valid", refused.last_error)
        self.assertFalse(refused.price_sent_at)
        self.assertTrue(self._binding(self.presta, "KIT-PLANT").price_sent_at, "the others go")

    def test_magento_msi_source_items(self):
        self.magento._link_products()
        self.magento._export_stock()
        (call,) = self.magento_server.source_calls
        self.assertEqual(len(call), 5)
        self.assertEqual({i["source_code"] for i in call}, {"default"})
        self.assertEqual({p["qty"] for p in self.magento_server.products.values()}, {50})

    def test_magento_unknown_source_shows_magento_message(self):
        self.magento._link_products()
        self.magento.magento_source_code = "entrepot-lyon"
        self.magento._export_stock()
        self.assertIn(
            'Source "entrepot-lyon" does not exist',
            self.products["THE-SENCHA"]
            .ecom_binding_ids.filtered(lambda b: b.backend_id == self.magento)
            .last_error,
        )

    def test_magento_legacy_stock_items(self):
        self.magento._link_products()
        self.magento.magento_stock_api = "legacy"
        self.magento._export_stock()
        puts = [r for r in self.magento_server.requests if r.method == "PUT"]
        self.assertEqual(len(puts), 5)
        self.assertIn("/stockItems/", puts[0].path)

    def test_prestashop_stock_availables_full_xml(self):
        result = self.presta._link_products()
        bindings = self.presta.product_binding_ids
        self.assertEqual(len(bindings), 3, result)
        self.assertTrue(all(bindings.mapped("stock_available_id")))
        self.presta._export_stock()
        self.assertEqual(len(self.presta_server.puts), 3)
        self.assertEqual(
            {s["quantity"] for s in self.presta_server.stock_availables.values()}, {"50"}
        )
        # the ids are cached on the links: no list read on the next run
        self.presta_server.requests.clear()
        self.env["stock.quant"]._update_available_quantity(
            self.products["KIT-PLANT"], self.warehouse.lot_stock_id, -1
        )
        self.presta._export_stock()
        self.assertEqual([r.method for r in self.presta_server.requests], ["GET", "PUT"])
