# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce end to end: Odoo polls a local server speaking the REST API v3."""

import json
from datetime import datetime, timedelta

from odoo.exceptions import UserError

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import EcomConnectorCase
from .platform_scenarios import (
    CHANGED_AT,
    JSON_ERROR_WORDS,
    PagedPlatformScenarios,
    basic_auth_user,
)
from .servers.woocommerce import CONSUMER_KEY, CONSUMER_SECRET, WooCommerceServer, woo_order

UNTIL = datetime(2026, 11, 22, 0, 0, 0)
ORDER_COUNT = 130  # two pages of 100


class TestWooCommerce(PagedPlatformScenarios, EcomConnectorCase):
    PLATFORM = "woocommerce"
    SHOP_NAME = "Boutique WooCommerce (REST)"
    API_KEY = CONSUMER_KEY
    API_SECRET = CONSUMER_SECRET
    ORDER_COUNT = ORDER_COUNT
    UNTIL = UNTIL
    CONNECTED_WORDS = f"{ORDER_COUNT} orders"
    WRONG_TOTALS = {"wrong total": "1.00"}
    ERROR_WORDS = JSON_ERROR_WORDS

    def _new_server(self, orders=None):
        return WooCommerceServer(
            [woo_order(i) for i in range(ORDER_COUNT)] if orders is None else orders
        )

    def _order_index(self, external_id):
        return int(external_id) - 5000

    def _credentials_of(self, request):
        return basic_auth_user(request)

    def _change_order(self, server, index, change):
        order = woo_order(index, modified=CHANGED_AT)
        moment = CHANGED_AT.strftime("%Y-%m-%dT%H:%M:%S")
        if change == "paid":
            order.update(status="processing", date_paid_gmt=moment)
        else:
            order.update(status="cancelled")
        server.orders[index] = order
        return order["id"]

    def test_import_all_pages(self):
        server = self.serve()
        self.shop._import_orders(until=UNTIL)
        by_index = self.assertAllImported(server)
        list_calls = [r for r in server.requests if r.path.endswith("/orders")]
        self.assertEqual([r.param("page") for r in list_calls], ["1", "2"])
        self.assertEqual(list_calls[0].param("per_page"), "100")
        self.assertTrue(list_calls[0].param("modified_after"))
        self.assertCatalogueCustomers(by_index)
        french = [s for i, s in by_index.items() if i % 5 == 0]
        self.assertEqual(len({s.partner_id for s in french}), 1, "one customer, deduplicated")
        guests = [s for i, s in by_index.items() if i % 5 == 4]
        self.assertEqual(len({s.partner_id for s in guests}), 1, "guests deduplicated by e-mail")

    def test_reimport_and_updates(self):
        server = self.serve()
        self.shop._import_orders(until=UNTIL)
        count = len(self.bound_orders(self.shop))
        # the overlap reads again the last minutes: nothing doubles
        self.shop._import_orders(until=UNTIL)
        self.assertEqual(len(self.bound_orders(self.shop)), count)
        # the shop cancels one order and gets another paid
        cancelled, paid = server.orders[0], server.orders[6]
        later = (UNTIL + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S")
        cancelled.update(status="cancelled", date_modified_gmt=later)
        paid.update(status="processing", date_paid_gmt=later, date_modified_gmt=later)
        self.shop._import_orders(until=UNTIL + timedelta(hours=2))
        self.assertEqual(len(self.bound_orders(self.shop)), count)
        self.assertEqual(self.binding_of(cancelled["id"]).state, "cancel")
        self.assertEqual(self.binding_of(paid["id"]).state, "sale")
        # two pages, then one (nothing new since the watermark), then one (the two changes)
        self.assertEqual(len(server.requests), 2 + 1 + 1)

    def test_fault_on_second_page_keeps_the_first(self):
        """A 429 on page 2: page 1 is kept, the watermark moves to its last
        order, and the import goes on in a new job after the shop's hint."""
        server = self.serve()
        server.faults[:] = [None, 429]
        shop = self.shop.with_context(queue_job__no_delay=False)
        with trap_jobs() as trap, self.QUIET:
            shop._import_orders(until=UNTIL)
            methods = [job.method_name for job in trap.enqueued_jobs]
            self.assertEqual(methods.count("_import_orders"), 1)
            self.assertEqual(methods.count("_process"), 100)
            job = next(j for j in trap.enqueued_jobs if j.method_name == "_import_orders")
            self.assertEqual(job.channel, "root.ecom")
            self.assertEqual(job.identity_key, f"ecom_import_orders_{shop.id}")
            self.assertGreater(job.eta, datetime.now())
        self.assertTrue(self.shop.import_from)
        self.assertLess(self.shop.import_from, UNTIL)
        self.assertEqual(
            self.env["ecom.inbox"].search_count([("backend_id", "=", self.shop.id)]), 100
        )

    def test_connection_test_answers_at_once(self):
        """Test Connection: one short request, no retry, the shop's words."""
        server = self.serve()
        server.faults[:] = [503, 503, 503]
        with self.assertRaisesRegex(UserError, "503"), self.QUIET:
            self.shop.with_user(self.ecom_manager).action_test_connection()
        self.assertEqual(len(server.requests), 1)

    def _malformed_corpus(self):
        """(label, payload) of WooCommerce orders that must all fail."""
        good = woo_order(1)
        text = json.dumps(good)
        counter = iter(range(100))

        def variant(**changes):
            order = json.loads(text)
            order["id"] = 90000 + next(counter)
            order.update(changes)
            return json.dumps(order)

        def item(**changes):
            order = json.loads(text)
            order["id"] = 90000 + next(counter)
            order["line_items"][0].update(changes)
            return json.dumps(order)

        return [
            ("bad json", "{oops"),
            ("truncated json", text[: len(text) // 3]),
            ("empty", ""),
            ("array", "[]"),
            ("null", "null"),
            ("no id", variant(id=None)),
            ("line items not a list", variant(line_items="x")),
            ("no line items", variant(line_items=[])),
            ("line item not an object", variant(line_items=[1])),
            ("negative quantity", item(quantity=-1)),
            ("zero quantity", item(quantity=0)),
            ("quantity text", item(quantity="two")),
            ("unknown sku", item(sku="INCONNU-42")),
            ("no sku", item(sku="")),
            ("subtotal text", item(subtotal="abc")),
            ("wrong total", variant(total="1.00")),
            ("no total", variant(total=None)),
            ("missing country", variant(billing=dict(good["billing"], country=""), shipping={})),
            ("unknown country", variant(billing=dict(good["billing"], country="XX"), shipping={})),
            ("no billing", variant(billing={}, shipping={})),
            ("unknown currency", variant(currency="XYZ")),
            (
                "unmapped carrier",
                variant(
                    shipping_lines=[
                        dict(good["shipping_lines"][0], method_id="dhl_express", method_title="DHL")
                    ]
                ),
            ),
            (
                "unmapped tax rate",
                variant(tax_lines=[dict(t, rate_percent=8) for t in good["tax_lines"]]),
            ),
            ("a 5 MB body", variant(customer_note="é" * (3 * 1024 * 1024))),
        ]
