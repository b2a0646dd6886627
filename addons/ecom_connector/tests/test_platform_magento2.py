# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders in from Magento 2 end to end: the adapter talks REST to a local
server speaking ``/rest/V1``, the inbox stores and processes each order."""

import json
from datetime import datetime
from decimal import Decimal

from odoo.addons.ecom_connector.platforms.canonical import nearest_rate
from odoo.addons.ecom_connector.platforms.magento2 import Magento2Client

from .common import EcomConnectorCase
from .platform_scenarios import CHANGED_AT, JSON_ERROR_WORDS, PagedPlatformScenarios
from .servers.magento2 import ACCESS_TOKEN, Magento2Server, magento_order

UNTIL = datetime(2026, 11, 21, 0, 0, 0)
ORDER_COUNT = 13


def _orders():
    return [magento_order(i) for i in range(ORDER_COUNT)]


class TestPlatformMagento2(PagedPlatformScenarios, EcomConnectorCase):
    PLATFORM = "magento2"
    SHOP_NAME = "Boutique Magento"
    API_KEY = ACCESS_TOKEN
    CLIENT_CLASS = Magento2Client
    ORDER_COUNT = ORDER_COUNT
    UNTIL = UNTIL
    FAULT_STATUS = 503
    CONNECTED_WORDS = "13 orders"
    ERROR_WORDS = dict(JSON_ERROR_WORDS, **{"unmapped carrier": "dhl"})

    def _new_server(self, orders=None, **kwargs):
        return Magento2Server(_orders() if orders is None else orders, **kwargs)

    def _order_index(self, external_id):
        return int(external_id) - 300

    def _credentials_of(self, request):
        return request.headers["Authorization"].removeprefix("Bearer ")

    def _change_order(self, server, index, change):
        order = magento_order(index, updated=CHANGED_AT)
        if change == "paid":
            # invoiced at the shop
            order.update(state="processing", status="processing", total_paid=order["grand_total"])
        else:
            order.update(state="canceled", status="canceled")
        server.orders[index] = order
        return order["entity_id"]

    def _list_requests(self, server):
        return [r for r in server.requests if r.path == "/rest/V1/orders"]

    # ------------------------------------------------------------ import

    def test_import_end_to_end(self):
        server = self.serve()
        self.shop._import_orders(until=UNTIL)
        by_index = self.assertAllImported(server)
        requests = self._list_requests(server)
        self.assertGreaterEqual(len(requests), 3)
        first = requests[0]
        self.assertEqual(
            first.param("searchCriteria[filterGroups][0][filters][0][value]"), "2026-11-13 23:50:00"
        )
        self.assertEqual(
            first.param("searchCriteria[filterGroups][0][filters][0][conditionType]"), "gteq"
        )
        self.assertEqual(
            first.param("searchCriteria[filterGroups][1][filters][0][value]"), "2026-11-21 00:00:00"
        )
        self.assertEqual(first.param("searchCriteria[sortOrders][0][field]"), "updated_at")
        self.assertEqual(first.param("searchCriteria[pageSize]"), "5")
        self.assertEqual(by_index[0].client_order_ref, "000000300")
        # the configurable kit is one line: its child row is skipped
        kit_orders = [
            s for s in by_index.values() if self.products["KIT-PLANT"] in s.order_line.product_id
        ]
        self.assertTrue(kit_orders)
        for sale in kit_orders:
            self.assertEqual(
                len(
                    sale.order_line.filtered(
                        lambda line: line.product_id == self.products["KIT-PLANT"]
                    )
                ),
                1,
            )
        self.assertCatalogueCustomers(by_index)
        self.assertEqual(by_index[2].order_line.filtered("is_delivery").tax_id, self.tax_be_21)

    def test_order_updated_while_paging_is_not_missed(self):
        """An order of the first page updated at the shop during the import
        leaves the window: the next pages must not skip an order for it."""
        server = self.serve()

        def touch(page):
            if server.on_page and len(self._list_requests(server)) == 1:
                server.orders[1] = magento_order(1, updated=datetime(2026, 11, 21, 0, 5))

        server.on_page = touch
        self.shop._import_orders(until=UNTIL)
        self.assertAllImported(server)

    # ----------------------------------------------------------- mapping

    def test_tax_excluded_store(self):
        """A store with catalogue prices excluding tax gets the tax-excluded
        prices in the canonical order."""
        self.shop.prices_include_tax = False
        order = self.shop._get_adapter().map_order(json.dumps(magento_order(1)))
        self.assertFalse(order["prices_include_tax"])
        self.assertEqual(order["lines"][0]["price_unit"], Decimal("38.25"))  # 45.90 / 1.2
        self.assertEqual(order["shipping"]["amount"], Decimal("4.08"))
        self.assertEqual(order["shipping"]["tax_rate"], Decimal(20))

    def test_bundle_with_dynamic_price(self):
        """A bundle priced by its children is imported as its children; the
        child rows of a configurable product are skipped."""
        order = magento_order(0)
        sencha, theiere = order["items"][0], order["items"][1]
        bundle = dict(
            sencha,
            item_id=1,
            product_type="bundle",
            sku="COFFRET-THE",
            name="Coffret découverte",
            price=0,
            price_incl_tax=0,
            tax_percent=0,
            discount_amount=0,
        )
        sencha["parent_item_id"], theiere["parent_item_id"] = 1, 1
        order["items"].insert(0, bundle)
        lines = self.shop._get_adapter().map_order(json.dumps(order))["lines"]
        self.assertEqual(
            [line["sku"] for line in lines], ["THE-SENCHA", "THEIERE-FONTE", "KIT-PLANT"]
        )
        self.assertEqual(len([i for i in order["items"] if i["sku"] == "KIT-PLANT"]), 2)

    def test_paid_or_not(self):
        adapter = self.shop._get_adapter()
        paid, unpaid = magento_order(0), magento_order(6)
        self.assertTrue(adapter.map_order(json.dumps(paid))["paid"])
        self.assertFalse(adapter.map_order(json.dumps(unpaid))["paid"])
        free = dict(
            paid, grand_total=0, total_paid=0, state="processing", payment={"method": "free"}
        )
        self.assertTrue(adapter.map_order(json.dumps(free))["paid"])
        self.assertFalse(adapter.map_order(json.dumps(dict(free, state="new")))["paid"])

    def test_nearest_rate(self):
        self.assertEqual(nearest_rate(Decimal("0.85"), Decimal("4.05")), Decimal(21))
        self.assertEqual(nearest_rate(Decimal("0.82"), Decimal("4.08")), Decimal(20))
        self.assertEqual(nearest_rate(Decimal("0.26"), Decimal("4.64")), Decimal("5.5"))
        self.assertEqual(nearest_rate(0, Decimal("4.08")), Decimal(0))
        self.assertEqual(nearest_rate(Decimal("1.11"), Decimal("10.00")), Decimal("11.10"))

    def test_split_pushed_payload(self):
        adapter = self.shop._get_adapter()
        result = {"items": [magento_order(0), magento_order(1)], "total_count": 2}
        parts = adapter.split_payload(json.dumps(result), "application/json")
        self.assertEqual([p[0] for p in parts], ["300", "301"])
        single = adapter.split_payload(json.dumps(magento_order(2)), "application/json")
        self.assertEqual(single[0][0], "302")

    # -------------------------------------------------------- malformed

    def _malformed_corpus(self):
        """(label, payload) of Magento orders that must all fail."""
        counter = iter(range(100))

        def order(change=None, **fields):
            data = magento_order(0)
            data["entity_id"] = 9000 + next(counter)
            data.update(fields)
            if change:
                change(data)
            return json.dumps(data)

        def item(**fields):
            return order(lambda o: o["items"][0].update(fields))

        def addresses(**fields):
            def change(o):
                o["billing_address"].update(fields)
                o["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"].update(
                    fields
                )

            return order(change)

        text = json.dumps(magento_order(0))
        return [
            ("bad json", "{entity_id: 1}"),
            ("truncated json", text[: len(text) // 3]),
            ("empty body", ""),
            ("a number", "3.14"),
            ("a list", "[1, 2]"),
            ("not an order", json.dumps({"message": "Internal Error", "parameters": []})),
            ("no id", order(entity_id=None)),
            ("no items", order(items=[])),
            ("items not a list", order(items={"sku": "THE-SENCHA"})),
            ("item not an object", order(items=["THE-SENCHA"])),
            ("negative quantity", item(qty_ordered=-1)),
            ("zero quantity", item(qty_ordered=0)),
            ("quantity not a number", item(qty_ordered="un")),
            ("negative price", item(price_incl_tax=-12.0)),
            ("discount above the line", item(discount_amount=500.0)),
            ("unknown sku", item(sku="INCONNU-42")),
            ("no sku", item(sku=None)),
            ("unmapped tax rate", item(tax_percent=8)),
            ("missing country", addresses(country_id=None)),
            ("unknown country", addresses(country_id="XX")),
            ("missing street", addresses(street=[])),
            ("street not a list", addresses(street={"line": 1})),
            (
                "no billing address",
                order(
                    lambda o: (
                        o.update(billing_address=None)
                        or o["extension_attributes"]["shipping_assignments"][0]["shipping"].update(
                            address=None
                        )
                    )
                ),
            ),
            ("wrong total", order(grand_total=12.34)),
            ("no total", order(grand_total=None)),
            ("unknown currency", order(order_currency_code="ZZZ")),
            (
                "shipping assignments not a list",
                order(extension_attributes={"shipping_assignments": "colissimo"}),
            ),
            (
                "unmapped carrier",
                order(
                    lambda o: o["extension_attributes"]["shipping_assignments"][0][
                        "shipping"
                    ].update(method="dhl_express")
                ),
            ),
            ("payment not an object", order(payment="stripe")),
            ("a 5 MB body", order(customer_note="x" * (5 * 1024 * 1024))),
        ]
