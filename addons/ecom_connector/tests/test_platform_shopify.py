# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders in from Shopify end to end: the adapter talks GraphQL to a local
server speaking the Admin API, the inbox stores and processes each order."""

import base64
import copy
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from decimal import Decimal

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.ecom_connector.platforms.canonical import normalize
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import EcomConnectorCase
from .platform_scenarios import CHANGED_AT, JSON_ERROR_WORDS, PagedPlatformScenarios
from .servers.catalogue import order_plan
from .servers.shopify import (
    ACCESS_TOKEN,
    ShopifyServer,
    _money,
    shopify_order,
    shopify_rest_order,
)

UNTIL = datetime(2026, 11, 21, 0, 0, 0)
#: twelve orders of three lines and one of fourteen lines (read in two queries)
ORDER_COUNT = 13
LONG_ORDER = 12
QUIET = mute_logger(
    "odoo.addons.ecom_connector.platforms.base",
    "odoo.addons.ecom_connector.platforms.shopify.client",
)


def _orders():
    return [
        shopify_order(i, lines_per_order=14 if i == LONG_ORDER else 3) for i in range(ORDER_COUNT)
    ]


class TestPlatformShopify(PagedPlatformScenarios, EcomConnectorCase):
    PLATFORM = "shopify"
    SHOP_NAME = "Boutique Shopify"
    API_KEY = ACCESS_TOKEN
    ORDER_COUNT = ORDER_COUNT
    QUIET = QUIET
    UNTIL = UNTIL
    WRONG_TOTALS = {"wrong total": "12.34", "rest: wrong total": "1.00"}
    ERROR_WORDS = dict(JSON_ERROR_WORDS, **{"lines cut off": "part of its lines"})

    def _new_server(self, orders=None, **kwargs):
        return ShopifyServer(_orders() if orders is None else orders, **kwargs)

    def _order_index(self, external_id):
        return int(external_id) - 820982911946154500

    def _lines_of(self, index):
        return 14 if index == LONG_ORDER else 3

    def _credentials_of(self, request):
        return request.headers["X-Shopify-Access-Token"]

    def _change_order(self, server, index, change):
        order = shopify_order(index, updated=CHANGED_AT)
        if change == "paid":
            order["displayFinancialStatus"] = "PAID"
        else:
            order["cancelledAt"] = "2026-11-20T09:30:00Z"
        server.orders[index] = order
        return order["legacyResourceId"]

    def _orders_queries(self, server):
        return [r for r in server.requests if b"orders(" in r.body]

    # ------------------------------------------------------------ import

    def test_import_end_to_end(self):
        server = self.serve()
        self.shop._import_orders(until=UNTIL)
        by_index = self.assertAllImported(server)
        # five orders a page: three pages, and the long order's lines in a query of its own
        queries = self._orders_queries(server)
        self.assertEqual(len(queries), 3)
        first = json.loads(queries[0].body)["variables"]
        self.assertEqual(
            first["query"],
            "updated_at:>='2026-11-13T23:50:00Z' AND updated_at:<='2026-11-21T00:00:00Z'",
        )
        self.assertIsNone(first["after"])
        self.assertTrue(json.loads(queries[1].body)["variables"]["after"])
        self.assertEqual(server.too_costly, 0)
        self.assertEqual(server.throttled, 0)
        long_order = by_index[LONG_ORDER]
        self.assertEqual(
            len(
                long_order.order_line.filtered(
                    lambda line: (
                        line.product_id.default_code
                        and not line.is_delivery
                        and line.product_id != self.shop.discount_product_id
                    )
                )
            ),
            14,
        )
        self.assertEqual(by_index[0].client_order_ref, "#1000")
        self.assertCatalogueCustomers(by_index)

    def test_unreadable_order_fails_alone(self):
        """The follow-up query of the long order's lines answers 404: that
        order's entry fails with its id and the reason, the others are
        imported and the watermark moves on."""
        server = self.serve()
        # three order pages, then the long order's lines
        server.faults = [None, None, None, 404]
        with self.QUIET:
            self.shop._import_orders(until=UNTIL)
        self.assertEqual(server.unexpected, [])
        self.assertEqual(self.shop.import_from, UNTIL)
        entries = self.env["ecom.inbox"].search([("backend_id", "=", self.shop.id)])
        failed = entries.filtered(lambda e: e.state == "error")
        long_id = str(820982911946154500 + LONG_ORDER)
        self.assertEqual(failed.external_id, long_id)
        self.assertIn(f"order {long_id} cannot be read", failed.error)
        self.assertIn("HTTP 404", failed.error)
        self.assertEqual(len(self.bound_orders(self.shop)), ORDER_COUNT - 1)

    def _with_charges(self, rest=False):
        """Order 0 with a duty on its first line (VAT 20 %), an additional
        fee (VAT 20 %, listed by GraphQL only) and a tip, as Shopify sends
        them; returns the order and its new total."""
        plan = order_plan(0)
        if rest:
            order = shopify_rest_order(0)
            order["line_items"][0]["duties"] = [
                {
                    "id": "2",
                    "harmonized_system_code": "090210",
                    "country_code_of_origin": "JP",
                    "price_set": {
                        "shop_money": {"amount": "3.50", "currency_code": "EUR"},
                        "presentment_money": {"amount": "3.50", "currency_code": "EUR"},
                    },
                    "tax_lines": [
                        {"title": "TVA", "price": "0.58", "rate": 0.2, "channel_liable": False}
                    ],
                    "admin_graphql_api_id": "gid://shopify/Duty/2",
                }
            ]
            order["total_tip_received"] = "2.00"
            order["original_total_additional_fees_set"] = {
                "shop_money": {"amount": "0.50", "currency_code": "EUR"},
                "presentment_money": {"amount": "0.50", "currency_code": "EUR"},
            }
            total = plan["total"] + Decimal("6.00")
            order["total_price"] = f"{total:.2f}"
            return order, total
        order = shopify_order(0)
        tax = {"title": "TVA", "rate": 0.2, "ratePercentage": 20.0}
        order["lineItems"]["nodes"][0]["duties"] = [
            {"price": _money("3.50"), "taxLines": [dict(tax, priceSet=_money("0.58"))]}
        ]
        order["additionalFees"] = [
            {
                "name": "Éco-contribution",
                "price": _money("0.50"),
                "taxLines": [dict(tax, priceSet=_money("0.08"))],
            }
        ]
        order["totalTipReceivedSet"] = _money("2.00")
        order["originalTotalAdditionalFeesSet"] = _money("0.50")
        total = plan["total"] + Decimal("6.00")
        order["totalPriceSet"] = _money(total)
        return order, total

    def test_duties_fees_and_tip_are_lines_of_their_own(self):
        duty = self.env.ref("ecom_connector.product_ecom_duty")
        fee = self.env.ref("ecom_connector.product_ecom_fee")
        tip = self.env.ref("ecom_connector.product_ecom_tip")
        zero = self.env["account.tax"].create(
            {"name": "TVA 0 %", "amount": 0, "type_tax_use": "sale", "company_id": self.company.id}
        )
        self.shop.tax_map_ids = [Command.create({"rate": 0, "tax_id": zero.id})]
        # polled (GraphQL): the fee is listed with its VAT
        order, total = self._with_charges()
        server = self.serve([order])
        self.shop._import_orders(until=UNTIL)
        self.assertEqual(server.unexpected, [])
        query = json.loads(self._orders_queries(server)[0].body)["query"]
        for field in ("duties", "additionalFees", "totalTipReceivedSet"):
            self.assertIn(field, query)
        entry = self.env["ecom.inbox"].search([("backend_id", "=", self.shop.id)])
        self.assertEqual(entry.state, "done", entry.error)
        sale = entry.sale_order_id
        self.assertAlmostEqual(sale.amount_total, float(total), places=2)
        self.assertEqual(sale.state, "sale")
        lines = {line.product_id: line for line in sale.order_line}
        self.assertEqual(lines[duty].price_unit, 3.5)
        self.assertEqual(lines[duty].tax_id, self.tax_sale_20_ttc)
        self.assertEqual(lines[fee].name, "Éco-contribution")
        self.assertEqual(lines[fee].tax_id, self.tax_sale_20_ttc)
        # a tip is outside the scope of VAT, even with a 0 % rate mapped
        self.assertEqual(lines[tip].price_unit, 2.0)
        self.assertFalse(lines[tip].tax_id)
        # the same charges in a REST webhook order of another shop order
        rest, total = self._with_charges(rest=True)
        rest["id"] = 4242
        entry = self.env["ecom.inbox"]._receive(
            self.shop, json.dumps(rest), source="webhook", process=False
        )
        entry._process()
        self.assertEqual(entry.state, "done", entry.error)
        self.assertAlmostEqual(entry.sale_order_id.amount_total, float(total), places=2)
        products = entry.sale_order_id.order_line.product_id
        self.assertTrue({duty, fee, tip} <= set(products))

    def test_missing_scope_is_explained(self):
        server = self.serve()
        server.scopes = {"read_orders"}
        message = self.shop._import_orders(until=UNTIL)
        self.assertIn("read_customers", message)
        self.assertIn("read_customers", self.shop.poll_error)
        self.assertEqual(self.shop.poll_failure_count, 1)
        self.assertFalse(self.shop.import_from)
        self.assertEqual(server.unexpected, [])

    def test_test_orders_skipped_by_state_mapping(self):
        self.env["ecom.state.map"].create(
            {"backend_id": self.shop.id, "shop_state": "test", "action": "skip"}
        )
        orders = _orders()
        orders[0]["test"] = True
        orders[0]["paymentGatewayNames"] = ["bogus"]
        server = self.serve(orders)
        self.shop._import_orders(until=UNTIL)
        self.assertEqual(server.unexpected, [])
        entry = self.env["ecom.inbox"].search(
            [
                ("backend_id", "=", self.shop.id),
                ("external_id", "=", orders[0]["legacyResourceId"]),
            ]
        )
        self.assertEqual(entry.state, "skipped")
        self.assertEqual(
            self.env["ecom.sale.order"].search_count([("backend_id", "=", self.shop.id)]),
            ORDER_COUNT - 1,
        )

    def test_throttle_status_honoured(self):
        """A bucket too low for the next page: the import keeps what it read,
        moves the watermark to it and queues the rest after the seconds the
        bucket needs to refill; it never sleeps and is never refused."""
        server = self.serve(bucket_size=1000, restore_rate=50)
        shop = self.shop.with_context(queue_job__no_delay=False)
        with trap_jobs() as trap:
            shop._import_orders(until=UNTIL)
            import_jobs = [j for j in trap.enqueued_jobs if j.method_name == "_import_orders"]
            self.assertEqual(len(import_jobs), 1)
            import_job = import_jobs[0]
            self.assertEqual(import_job.channel, "root.ecom")
            self.assertEqual(import_job.identity_key, f"ecom_import_orders_{shop.id}")
            self.assertGreaterEqual(import_job.eta, datetime.now() + timedelta(seconds=1))
            self.assertTrue(shop.import_from)
            self.assertLess(shop.import_from, UNTIL)
        self.assertEqual(server.throttled, 0)
        server.restore_rate = 100000.0
        hints = self.run_like_job_queue(self.shop, "_import_orders", until=UNTIL)
        self.assertEqual(hints, [])
        self.assertEqual(server.throttled, 0)
        self.assertAllImported(server)

    def test_throttled_answer_retried(self):
        """THROTTLED answers are retried by the job queue after the seconds the
        bucket needs (``throttleStatus``)."""
        server = self.serve()
        server.throttle_next = 2
        with QUIET:
            hints = self.run_like_job_queue(self.shop, "_import_orders", until=UNTIL)
        self.assertEqual(server.throttled, 2)
        self.assertEqual(len(hints), 2)
        self.assertAllImported(server)

    def test_query_too_costly_shrinks_the_page(self):
        # a bucket far above the single-query limit: this test is about that
        # limit, not about throttling (a page of 930 points would otherwise
        # leave the bucket short for the next query, depending on timing)
        server = self.serve(line_cost=20, bucket_size=20000)
        with QUIET:
            self.shop._import_orders(until=UNTIL)
        self.assertEqual(server.throttled, 0)
        self.assertEqual(server.too_costly, 1)
        pages = [json.loads(r.body)["variables"]["first"] for r in self._orders_queries(server)]
        self.assertEqual(pages[0], 5)
        self.assertEqual(set(pages[1:]), {4})
        self.assertAllImported(server)

    # ----------------------------------------------------------- webhook

    def test_rest_webhook_and_poll_make_one_order(self):
        adapter = self.shop._get_adapter()
        for index in range(ORDER_COUNT):
            lines = 14 if index == LONG_ORDER else 3
            graphql = normalize(adapter.map_order(json.dumps(shopify_order(index, lines))))
            rest = normalize(
                adapter.map_order(json.dumps({"order": shopify_rest_order(index, lines)}))
            )
            for key in (
                "external_id",
                "reference",
                "lines",
                "shipping",
                "total",
                "customer",
                "billing_address",
                "shipping_address",
                "paid",
                "payment_method",
            ):
                if key == "lines":
                    for line in graphql["lines"] + rest["lines"]:
                        line.pop("external_id")
                        line.pop("barcode")
                self.assertEqual(graphql[key], rest[key], f"{index} {key}")
        entry = self.env["ecom.inbox"]._receive(
            self.shop,
            json.dumps(shopify_rest_order(0)),
            source="webhook",
            event_id="b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
            process=False,
        )
        entry._process()
        self.assertEqual(entry.state, "done", entry.error)
        self.assertEqual(entry.sale_order_id.state, "sale")
        server = self.serve()
        self.shop._import_orders(until=UNTIL)
        self.assertAllImported(server)

    # -------------------------------------------------------- malformed

    def _malformed_corpus(self):
        """(label, payload) of Shopify orders that must all fail."""
        counter = iter(range(100))

        def node(change=None, **fields):
            order = shopify_order(0)
            number = next(counter)
            order["id"] = f"gid://shopify/Order/{990000 + number}"
            order["legacyResourceId"] = str(990000 + number)
            order.update(fields)
            if change:
                change(order)
            return json.dumps(order)

        def line(**fields):
            return node(lambda o: o["lineItems"]["nodes"][0].update(fields))

        def money(amount):
            return {"shopMoney": {"amount": amount, "currencyCode": "EUR"}}

        def both_addresses(**fields):
            return node(
                lambda o: (o["billingAddress"].update(fields), o["shippingAddress"].update(fields))
            )

        def rest(change):
            order = shopify_rest_order(1)
            order["id"] = 980000 + next(counter)
            change(order)
            return json.dumps(order)

        text = json.dumps(shopify_order(0))
        return [
            ("bad json", "{'id': 1,}"),
            ("truncated json", text[: len(text) // 2]),
            ("empty body", ""),
            ("a number", "42"),
            ("a list of strings", '["order"]'),
            ("not an order", json.dumps({"product": {"id": 1}})),
            ("no id", node(id=None, legacyResourceId=None)),
            ("no lines", node(lineItems={"pageInfo": {"hasNextPage": False}, "nodes": []})),
            ("lines not a list", node(lineItems={"nodes": "THE-SENCHA"})),
            ("line not an object", node(lineItems={"nodes": ["THE-SENCHA"]})),
            ("lines cut off", node(lambda o: o["lineItems"]["pageInfo"].update(hasNextPage=True))),
            ("negative quantity", line(quantity=-2)),
            ("zero quantity", line(quantity=0)),
            ("quantity not a number", line(quantity="deux")),
            ("negative price", line(originalUnitPriceSet=money("-12.00"))),
            ("price not a number", line(originalUnitPriceSet=money("douze"))),
            (
                "discount above the line",
                line(discountAllocations=[{"allocatedAmountSet": money("999.00")}]),
            ),
            ("unknown sku", line(sku="INCONNU-42", variant={"barcode": "0000000000000"})),
            (
                "unmapped tax rate",
                line(taxLines=[{"rate": 0.08, "ratePercentage": 8.0, "priceSet": money("1.78")}]),
            ),
            ("missing country", both_addresses(countryCodeV2=None)),
            ("unknown country", both_addresses(countryCodeV2="XX")),
            ("no address", node(billingAddress=None, shippingAddress=None)),
            ("wrong total", node(totalPriceSet=money("12.34"))),
            ("no total", node(totalPriceSet=None)),
            ("unknown currency", node(currencyCode="ZZZ")),
            ("taxes excluded for a tax-included shop", node(taxesIncluded=False)),
            ("shipping not a list", node(shippingLines={"nodes": "colissimo"})),
            (
                "unmapped carrier",
                node(
                    lambda o: o["shippingLines"]["nodes"][0].update(
                        code="ups_express", title="UPS Express"
                    )
                ),
            ),
            ("customer not an object", node(customer="Élodie")),
            ("rest: negative quantity", rest(lambda o: o["line_items"][0].update(quantity=-1))),
            ("rest: line items not a list", rest(lambda o: o.update(line_items="x"))),
            (
                "rest: missing country",
                rest(
                    lambda o: (
                        o["billing_address"].update(country_code=""),
                        o["shipping_address"].update(country_code=""),
                    )
                ),
            ),
            ("rest: wrong total", rest(lambda o: o.update(total_price="1.00"))),
            ("a 5 MB body", node(note="x" * (5 * 1024 * 1024))),
        ]

    def test_split_pushed_payload(self):
        adapter = self.shop._get_adapter()
        orders = [shopify_rest_order(0), shopify_order(1)]
        parts = adapter.split_payload(json.dumps({"orders": orders}), "application/json")
        self.assertEqual([p[0] for p in parts], [str(820982911946154500), str(820982911946154501)])
        single = adapter.split_payload(
            json.dumps({"order": copy.deepcopy(orders[0])}), "application/json"
        )
        self.assertEqual(json.loads(single[0][1])["name"], "#1000")
        self.assertEqual(
            adapter.map_order(parts[1][1])["total"],
            adapter.map_order(json.dumps(orders[1]))["total"],
        )


@tagged("post_install", "-at_install")
class TestShopifyWebhook(EcomConnectorCase, HttpCase):
    """Shopify's ``orders/create`` and ``orders/paid`` webhooks through the
    controller, then the poll: one sale order."""

    SECRET = "shpss_5f0e9d8c7b6a5f4e3d2c1b0a"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("ecom_connector.http_timeout", "1")
        cls.shop = cls.backend.copy(
            {
                "name": "Boutique Shopify (webhooks)",
                "platform": "shopify",
                "api_key": ACCESS_TOKEN,
                "api_secret": False,
                "webhook_secret": cls.SECRET,
                "prices_include_tax": True,
            }
        )

    def _deliver(self, order, topic, webhook_id, secret=None):
        body = json.dumps(order).encode()
        digest = hmac.new((secret or self.SECRET).encode(), body, hashlib.sha256).digest()
        return self.url_open(
            f"/ecom/webhook/{self.shop.id}",
            data=body,
            timeout=30,
            headers={
                "Content-Type": "application/json",
                "X-Shopify-Topic": topic,
                "X-Shopify-Shop-Domain": "maison-du-the.myshopify.com",
                "X-Shopify-API-Version": "2024-10",
                "X-Shopify-Webhook-Id": webhook_id,
                "X-Shopify-Hmac-Sha256": base64.b64encode(digest).decode(),
            },
        )

    def _process_new(self):
        entries = self.env["ecom.inbox"].search(
            [("backend_id", "=", self.shop.id), ("state", "=", "new")]
        )
        for entry in entries:
            entry._process()
        return entries

    def test_webhooks_then_poll_make_one_order(self):
        unpaid = shopify_rest_order(6)
        created = self._deliver(unpaid, "orders/create", "6b1b0f0e-create")
        self.assertEqual(created.status_code, 200, created.text)
        entry = self._process_new()
        self.assertEqual(entry.state, "done", entry.error)
        sale = entry.sale_order_id
        self.assertEqual(sale.state, "draft")
        # a re-delivery of the same webhook is dropped, a forged one refused
        again = self._deliver(unpaid, "orders/create", "6b1b0f0e-create")
        self.assertEqual(again.json()["inbox_id"], entry.id)
        with mute_logger("odoo.addons.ecom_connector.controllers.main"):
            forged = self._deliver(unpaid, "orders/create", "forged-1", secret="not-it")
        self.assertEqual(forged.status_code, 401)
        paid = dict(unpaid, financial_status="paid", payment_gateway_names=["shopify_payments"])
        self.assertEqual(self._deliver(paid, "orders/paid", "6b1b0f0e-paid").status_code, 200)
        self._process_new()
        self.assertEqual(sale.state, "sale")
        # the scheduled poll reads the same order: still one sale order
        orders = _orders()
        orders[6]["displayFinancialStatus"] = "PAID"
        orders[6]["paymentGatewayNames"] = ["shopify_payments"]
        with ShopifyServer(orders) as server:
            self.shop.base_url = server.url
            self.shop._import_orders(until=UNTIL)
            self._process_new()
            self.assertEqual(server.unexpected, [])
        bindings = self.env["ecom.sale.order"].search([("backend_id", "=", self.shop.id)])
        self.assertEqual(len(bindings), ORDER_COUNT)
        self.assertEqual(
            bindings.filtered(lambda b: b.external_id == str(unpaid["id"])).odoo_id, sale
        )
