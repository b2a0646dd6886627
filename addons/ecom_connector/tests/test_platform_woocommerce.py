# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce end to end: Odoo polls a local server speaking the REST API v3."""

import json
from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import EcomConnectorCase
from .servers.woocommerce import CONSUMER_KEY, CONSUMER_SECRET, WooCommerceServer, woo_order

UNTIL = datetime(2026, 11, 22, 0, 0, 0)
ORDER_COUNT = 130  # two pages of 100


class TestWooCommerce(EcomConnectorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = WooCommerceServer([woo_order(i) for i in range(ORDER_COUNT)])
        cls.server.__enter__()
        cls.addClassCleanup(cls.server.__exit__, None, None, None)
        params = cls.env["ir.config_parameter"]
        params.set_param("ecom_connector.http_backoff", "0.05")
        params.set_param("ecom_connector.http_timeout", "1")
        cls.backend.write(
            {
                "base_url": cls.server.url,
                "api_key": CONSUMER_KEY,
                "api_secret": CONSUMER_SECRET,
            }
        )

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.faults.clear()
        self.server.unexpected.clear()

    def tearDown(self):
        self.assertEqual(self.server.unexpected, [], "the shop got requests it does not know")
        super().tearDown()

    def _import(self):
        return self.backend._import_orders(until=UNTIL)

    def test_import_all_pages(self):
        self._import()
        orders = self.bound_orders()
        self.assertEqual(len(orders), ORDER_COUNT)
        list_calls = [r for r in self.server.requests if r.path.endswith("/orders")]
        self.assertEqual([r.param("page") for r in list_calls], ["1", "2"])
        self.assertEqual(list_calls[0].param("per_page"), "100")
        self.assertTrue(list_calls[0].param("modified_after"))
        entries = self.env["ecom.inbox"].search([("backend_id", "=", self.backend.id)])
        self.assertEqual(set(entries.mapped("state")), {"done"}, entries.mapped("error")[:3])
        bindings = self.env["ecom.sale.order"].search([("backend_id", "=", self.backend.id)])
        for binding in bindings:
            self.assertAlmostEqual(
                binding.amount_total, binding.shop_total, places=2, msg=binding.shop_reference
            )
            expected = "sale" if binding.shop_paid else "draft"
            self.assertEqual(binding.state, expected, binding.shop_reference)
        self.assertEqual(self.backend.import_from, UNTIL)
        # the catalogue's customers: a Belgian consumer, a German company
        belgian = bindings.filtered(lambda b: b.partner_id.country_id.code == "BE")[:1]
        self.assertEqual(belgian.fiscal_position_id.name, "EU private")
        self.assertIn(self.tax_be_21, belgian.order_line.tax_id)
        german = bindings.filtered(lambda b: b.partner_id.country_id.code == "DE")[:1]
        self.assertEqual(german.partner_id.vat, "DE129273398")
        self.assertEqual(german.fiscal_position_id.name, "Intra-EU B2B")
        self.assertFalse(german.order_line.tax_id)
        french = bindings.filtered(lambda b: b.partner_id.email == "elodie.martin@example.fr")
        self.assertEqual(len(french.partner_id), 1, "one customer, deduplicated")
        self.assertEqual(french[:1].fiscal_position_id.name, "Domestic - France")
        guests = bindings.filtered(lambda b: b.partner_id.email == "zoe.girard@example.fr")
        self.assertEqual(len(guests.partner_id), 1, "guest orders deduplicated by e-mail")

    def test_reimport_and_updates(self):
        self._import()
        count = len(self.bound_orders())
        self._import()  # the overlap reads again the last minutes: nothing doubles
        self.assertEqual(len(self.bound_orders()), count)
        # the shop cancels one order and gets another paid
        cancelled, paid = self.server.orders[0], self.server.orders[6]
        later = (UNTIL + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S")
        cancelled.update(status="cancelled", date_modified_gmt=later)
        paid.update(status="processing", date_paid_gmt=later, date_modified_gmt=later)
        self.backend._import_orders(until=UNTIL + timedelta(hours=2))
        self.assertEqual(len(self.bound_orders()), count)
        by_ref = {
            b.shop_reference: b
            for b in self.env["ecom.sale.order"].search([("backend_id", "=", self.backend.id)])
        }
        self.assertEqual(by_ref[cancelled["number"]].state, "cancel")
        self.assertEqual(by_ref[paid["number"]].state, "sale")
        # two pages, then one (nothing new since the watermark), then one (the two changes)
        self.assertEqual(len(self.server.requests), 2 + 1 + 1)

    def test_faults_then_recovery(self):
        self.server.faults[:] = [429, 500, ("slow", 2), 503]
        with mute_logger("odoo.addons.ecom_connector.platforms.base"):
            hints = self.run_like_job_queue(self.backend, "_import_orders", until=UNTIL)
        self.assertEqual(hints, [1, None, None, None])
        self.assertEqual(len(self.bound_orders()), ORDER_COUNT)
        self.assertEqual(
            len(
                self.env["ecom.sale.order"]
                .search([("backend_id", "=", self.backend.id)])
                .mapped("external_id")
            ),
            ORDER_COUNT,
        )

    def test_server_down_keeps_watermark(self):
        self.server.faults[:] = [500] * 10
        with (
            self.assertRaises(RetryableJobError),
            mute_logger("odoo.addons.ecom_connector.platforms.base"),
        ):
            self._import()
        self.assertFalse(self.backend.import_from)

    def test_fault_on_second_page_keeps_the_first(self):
        """A 429 on page 2: page 1 is kept, the watermark moves to its last
        order, and the import goes on in a new job after the shop's hint."""
        self.server.faults[:] = [None, 429]
        backend = self.backend.with_context(queue_job__no_delay=False)
        with trap_jobs() as trap, mute_logger("odoo.addons.ecom_connector.platforms.base"):
            backend._import_orders(until=UNTIL)
            methods = [job.method_name for job in trap.enqueued_jobs]
            self.assertEqual(methods.count("_import_orders"), 1)
            self.assertEqual(methods.count("_process"), 100)
            job = next(j for j in trap.enqueued_jobs if j.method_name == "_import_orders")
            self.assertEqual(job.channel, "root.ecom")
            self.assertEqual(job.identity_key, f"ecom_import_orders_{backend.id}")
            self.assertGreater(job.eta, datetime.now())
        self.assertTrue(self.backend.import_from)
        self.assertLess(self.backend.import_from, UNTIL)
        self.assertEqual(
            self.env["ecom.inbox"].search_count([("backend_id", "=", self.backend.id)]), 100
        )

    def test_connection_test_answers_at_once(self):
        """Test Connection: one short request, no retry, the shop's words."""
        self.server.faults[:] = [503, 503, 503]
        with (
            self.assertRaisesRegex(UserError, "503"),
            mute_logger("odoo.addons.ecom_connector.platforms.base"),
        ):
            self.backend.with_user(self.ecom_manager).action_test_connection()
        self.assertEqual(len(self.server.requests), 1)

    def test_wrong_credentials(self):
        self.backend.api_secret = "cs_wrong"
        with self.assertRaises(UserError) as error:
            self.backend.with_user(self.ecom_manager).action_test_connection()
        self.assertIn("401", str(error.exception))
        self.backend.api_secret = CONSUMER_SECRET
        result = self.backend.with_user(self.ecom_manager).action_test_connection()
        self.assertIn(str(ORDER_COUNT), result["params"]["message"])

    def test_malformed_woocommerce_payloads(self):
        good = woo_order(1)
        text = json.dumps(good)

        def variant(**changes):
            order = json.loads(text)
            order["id"] = 90000 + len(corpus)
            order.update(changes)
            return json.dumps(order)

        def item(**changes):
            order = json.loads(text)
            order["id"] = 90000 + len(corpus)
            order["line_items"][0].update(changes)
            return json.dumps(order)

        corpus = []
        for label, build in [
            ("bad json", lambda: "{oops"),
            ("truncated json", lambda: text[: len(text) // 3]),
            ("empty", lambda: ""),
            ("array", lambda: "[]"),
            ("null", lambda: "null"),
            ("no id", lambda: variant(id=None)),
            ("line items not a list", lambda: variant(line_items="x")),
            ("no line items", lambda: variant(line_items=[])),
            ("line item not an object", lambda: variant(line_items=[1])),
            ("negative quantity", lambda: item(quantity=-1)),
            ("zero quantity", lambda: item(quantity=0)),
            ("quantity text", lambda: item(quantity="two")),
            ("unknown sku", lambda: item(sku="NOT-SOLD-HERE")),
            ("no sku", lambda: item(sku="")),
            ("subtotal text", lambda: item(subtotal="abc")),
            ("wrong total", lambda: variant(total="1.00")),
            ("no total", lambda: variant(total=None)),
            (
                "missing country",
                lambda: variant(billing=dict(good["billing"], country=""), shipping={}),
            ),
            (
                "unknown country",
                lambda: variant(billing=dict(good["billing"], country="QQ"), shipping={}),
            ),
            ("no billing", lambda: variant(billing={}, shipping={})),
            ("unknown currency", lambda: variant(currency="XYZ")),
            (
                "unmapped carrier",
                lambda: variant(
                    shipping_lines=[
                        dict(good["shipping_lines"][0], method_id="dhl_express", method_title="DHL")
                    ]
                ),
            ),
            (
                "unmapped rate",
                lambda: variant(tax_lines=[dict(t, rate_percent=7.7) for t in good["tax_lines"]]),
            ),
            ("a 5 MB body", lambda: variant(customer_note="é" * (3 * 1024 * 1024))),
        ]:
            corpus.append((label, build()))
        self.assertGreaterEqual(len(corpus), 20)
        for label, payload in corpus:
            with self.subTest(label):
                entry = self.env["ecom.inbox"]._receive(
                    self.backend, payload, source="webhook", event_id=f"bad-{label}", process=False
                )
                entry._process()
                self.assertEqual(entry.state, "error", label)
                self.assertTrue(entry.error)
                if label != "wrong total":
                    self.assertFalse(entry.sale_order_id, label)
        self.assertEqual(len(self.bound_orders()), 1)  # the wrong total, kept as draft
        self.assertEqual(self.bound_orders().state, "draft")
