# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scenarios every platform's end-to-end test runs against its local server."""

import base64
from datetime import datetime
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError

from .servers.catalogue import order_plan

#: when an order changes at the shop in the update scenarios, and the
#: watermark the next import starts from
CHANGED_AT = datetime(2026, 11, 20, 9, 30)
IMPORTED_UP_TO = datetime(2026, 11, 20, 9, 0)


#: corpus label → what the entry's error says, for every platform's corpus
COMMON_ERROR_WORDS = {
    "unknown sku": "INCONNU-42",
    "unknown country": "XX",
    "negative quantity": "must be positive",
    "unmapped tax rate": "no tax mapped to the shop rate 8",
}
#: the same, for the platforms that send JSON
JSON_ERROR_WORDS = dict(
    COMMON_ERROR_WORDS, **{"truncated json": "not valid JSON", "a 5 MB body": "bytes"}
)


def basic_auth_user(request):
    """The user of a request's HTTP Basic credentials."""
    auth = request.headers.get("Authorization", "")
    return base64.b64decode(auth.removeprefix("Basic ")).decode().partition(":")[0]


class PlatformScenarios:
    """Mixed into a platform's test class (before ``EcomConnectorCase``).

    Fixtures: ``shop``, a copy of the test base's backend on ``PLATFORM``
    named ``SHOP_NAME`` with ``API_KEY`` and ``API_SECRET`` (prices tax
    included); short HTTP
    time-outs; ``CLIENT_CLASS.page_size`` lowered to ``PAGE_SIZE`` during each
    test (several pages of ``ORDER_COUNT`` orders).

    The platform provides ``_new_server(data, **kwargs)`` (its protocol
    server, serving ``ORDER_COUNT`` catalogue orders when ``data`` is None),
    ``_order_index(external_id)`` (the catalogue index of a shop order),
    ``_credentials_of(request)`` (the key a request carried) and
    ``_malformed_corpus()`` (``(label, payload)`` pairs); ``QUIET`` (loggers
    to mute) and ``UNTIL`` (the end of the import window).
    """

    PLATFORM = None
    SHOP_NAME = None
    API_KEY = None
    API_SECRET = False
    CLIENT_CLASS = None
    PAGE_SIZE = 5
    ORDER_COUNT = 13
    QUIET = mute_logger("odoo.addons.ecom_connector.platforms.base")
    #: what Test Connection says of the local shop
    CONNECTED_WORDS = "Maison du Thé"
    #: status the server answers when it keeps failing
    FAULT_STATUS = 500
    #: corpus labels whose order is kept in draft, with the shop total the
    #: error must quote
    WRONG_TOTALS = {"wrong total": "12.34"}
    #: corpus label → what the entry's error must say
    ERROR_WORDS = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("ecom_connector.http_backoff", "0.05")
        params.set_param("ecom_connector.http_timeout", "1")
        cls.shop = cls.backend.copy(
            {
                "name": cls.SHOP_NAME,
                "platform": cls.PLATFORM,
                "api_key": cls.API_KEY,
                "api_secret": cls.API_SECRET,
            }
        )
        cls.shop.prices_include_tax = True

    def setUp(self):
        super().setUp()
        if self.CLIENT_CLASS:
            page_size = patch.object(self.CLIENT_CLASS, "page_size", self.PAGE_SIZE)
            page_size.start()
            self.addCleanup(page_size.stop)

    # ------------------------------------------------------- helpers

    def serve(self, data=None, **kwargs):
        """Start the platform's server (stopped at the end of the test) and
        point the shop at it."""
        server = self._new_server(data, **kwargs)
        server.__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        self.shop.base_url = server.url
        return server

    def _lines_of(self, index):
        """Lines of catalogue order ``index`` as the server serves it."""
        return 3

    def binding_of(self, external_id):
        return self.env["ecom.sale.order"].search(
            [("backend_id", "=", self.shop.id), ("external_id", "=", str(external_id))]
        )

    def assertAllImported(self, server, count=None):
        """Every served order imported once, at the shop's total, confirmed
        when paid, every entry done; returns ``{catalogue index: sale}``."""
        count = self.ORDER_COUNT if count is None else count
        self.assertEqual(server.unexpected, [])
        bindings = self.env["ecom.sale.order"].search([("backend_id", "=", self.shop.id)])
        self.assertEqual(len(bindings), count)
        self.assertEqual(len(set(bindings.mapped("external_id"))), count)
        by_index = {}
        for binding in bindings:
            index = self._order_index(binding.external_id)
            plan = order_plan(index, self._lines_of(index))
            sale = binding.odoo_id
            self.assertAlmostEqual(
                sale.amount_total, float(plan["total"]), places=2, msg=binding.external_id
            )
            self.assertEqual(sale.state, "sale" if plan["paid"] else "draft")
            by_index[index] = sale
        entries = self.env["ecom.inbox"].search([("backend_id", "=", self.shop.id)])
        self.assertEqual(set(entries.mapped("state")), {"done"}, entries.mapped("error")[:3])
        return by_index

    def assertCatalogueCustomers(self, by_index):
        """The catalogue's customers as imported (``by_index`` as
        :meth:`assertAllImported` returns it): a French consumer, a Belgian
        one (OSS VAT), a German company (intra-EU, no VAT), a guest."""
        elodie = by_index[0]
        self.assertEqual(elodie.partner_id.name, "Élodie Martin")
        self.assertEqual(elodie.carrier_id, self.carrier)
        self.assertEqual(elodie.fiscal_position_id.name, "Domestic - France")
        belgian = by_index[2]
        self.assertEqual(belgian.fiscal_position_id.name, "EU private")
        self.assertIn(self.tax_be_21, belgian.order_line.tax_id)
        german = by_index[3]
        self.assertEqual(german.fiscal_position_id.name, "Intra-EU B2B")
        self.assertTrue(german.partner_id.is_company)
        self.assertEqual(german.partner_id.vat, "DE129273398")
        self.assertFalse(german.order_line.tax_id)
        self.assertEqual(by_index[4].partner_id.email, "zoe.girard@example.fr")
        self.assertEqual(self.shop.import_from, self.UNTIL)

    # ------------------------------------------------------ scenarios

    def test_connection(self):
        """Test Connection names the shop; a wrong key is refused in words."""
        server = self.serve()
        action = self.shop.action_test_connection()
        self.assertIn(self.CONNECTED_WORDS, action["params"]["message"])
        self.shop.api_key = "wrong-key"
        with self.assertRaisesRegex(UserError, "refused the credentials"):
            self.shop.action_test_connection()
        self.assertEqual(self._credentials_of(server.requests[-1]), "wrong-key")
        self.assertEqual(server.unexpected, [])

    def test_faults_then_recovery(self):
        """429 (Retry-After: 1), 500 and a time-out are retried by the job
        queue: the 429 with the shop's hint, the others with the job's retry
        pattern; no sleeping in the client."""
        server = self.serve()
        server.faults = [429, 500, ("slow", 2)]
        with self.QUIET:
            hints = self.run_like_job_queue(self.shop, "_import_orders", until=self.UNTIL)
        self.assertEqual(hints, [1, None, None])
        self.assertEqual(server.faults, [])
        self.assertAllImported(server)

    def test_faults_beyond_retries_keep_watermark(self):
        server = self.serve()
        server.faults = [self.FAULT_STATUS] * 5
        for _attempt in range(5):
            with (
                self.QUIET,
                self.assertRaisesRegex(RetryableJobError, f"HTTP {self.FAULT_STATUS}"),
                self.env.cr.savepoint(),
            ):
                self.shop._import_orders(until=self.UNTIL)
        self.assertFalse(self.shop.import_from)
        self.shop._import_orders(until=self.UNTIL)
        self.assertAllImported(server)

    def _process_corpus(self):
        """Each payload of the malformed corpus received and processed:
        ``{label: entry}``."""
        entries = {}
        for label, payload in self._malformed_corpus():
            entry = self.env["ecom.inbox"]._receive(
                self.shop, payload, source="webhook", process=False
            )
            with self.QUIET:
                entry._process()
            entries[label] = entry
        return entries

    def test_malformed_corpus_leaves_errors_and_no_order(self):
        entries = self._process_corpus()
        self.assertGreaterEqual(len(entries), 20)
        for label, entry in entries.items():
            with self.subTest(label):
                self.assertEqual(entry.state, "error", label)
                self.assertTrue(entry.error, label)
                if label in self.WRONG_TOTALS:
                    # kept in draft for a person to check, never confirmed
                    self.assertEqual(entry.sale_order_id.state, "draft")
                    self.assertIn(self.WRONG_TOTALS[label], entry.error)
                else:
                    self.assertFalse(entry.sale_order_id, label)
                if label in self.ERROR_WORDS:
                    # the error speaks to the merchant
                    self.assertIn(self.ERROR_WORDS[label], entry.error, label)
        orders = self.env["ecom.sale.order"].search([("backend_id", "=", self.shop.id)])
        self.assertEqual(len(orders), len(self.WRONG_TOTALS))
        self.assertEqual(set(orders.mapped("state")), {"draft"})


class PagedPlatformScenarios(PlatformScenarios):
    """With the update scenarios of a shop whose orders change: the platform
    also provides ``_change_order(server, index, change)``, which makes
    catalogue order ``index`` "paid" or "cancelled" at the shop at
    ``CHANGED_AT`` and returns its shop id."""

    def test_reimport_makes_no_duplicate(self):
        server = self.serve()
        self.shop._import_orders(until=self.UNTIL)
        self.assertAllImported(server)
        # the same window again, then the unpaid order paid at the shop
        self.shop.import_from = False
        self.shop._import_orders(until=self.UNTIL)
        paid = self._change_order(server, 6, "paid")
        self.shop.import_from = IMPORTED_UP_TO
        self.shop._import_orders(until=self.UNTIL)
        bindings = self.env["ecom.sale.order"].search([("backend_id", "=", self.shop.id)])
        self.assertEqual(len(bindings), self.ORDER_COUNT)
        self.assertEqual(self.binding_of(paid).state, "sale")
        self.assertEqual(server.unexpected, [])

    def test_cancelled_at_the_shop(self):
        server = self.serve()
        self.shop._import_orders(until=self.UNTIL)
        cancelled = self._change_order(server, 6, "cancelled")
        self.shop.import_from = IMPORTED_UP_TO
        self.shop._import_orders(until=self.UNTIL)
        self.assertEqual(self.binding_of(cancelled).state, "cancel")
        self.assertEqual(server.unexpected, [])
