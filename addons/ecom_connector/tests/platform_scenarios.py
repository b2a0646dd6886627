# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scenarios every platform's end-to-end test runs against its local server."""

from odoo.addons.queue_job.exception import RetryableJobError


class PlatformScenarios:
    """Mixed into a platform's test class, which provides ``shop`` (the
    backend), ``serve()`` (a started protocol server), ``assertAllImported``,
    ``_malformed_corpus()`` (``(label, payload)`` pairs), ``QUIET`` (loggers
    to mute) and ``UNTIL`` (the end of the import window)."""

    #: status the server answers when it keeps failing
    FAULT_STATUS = 500
    #: corpus labels whose order is kept in draft, with the shop total the
    #: error must quote
    WRONG_TOTALS = {"wrong total": "12.34"}

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

    def test_malformed_corpus_leaves_errors_and_no_order(self):
        corpus = self._malformed_corpus()
        self.assertGreaterEqual(len(corpus), 20)
        for label, payload in corpus:
            with self.subTest(label):
                entry = self.env["ecom.inbox"]._receive(
                    self.shop, payload, source="webhook", process=False
                )
                with self.QUIET:
                    entry._process()
                self.assertEqual(entry.state, "error", label)
                self.assertTrue(entry.error, label)
                if label in self.WRONG_TOTALS:
                    # kept in draft for a person to check, never confirmed
                    self.assertEqual(entry.sale_order_id.state, "draft")
                    self.assertIn(self.WRONG_TOTALS[label], entry.error)
                else:
                    self.assertFalse(entry.sale_order_id, label)
        orders = self.env["ecom.sale.order"].search([("backend_id", "=", self.shop.id)])
        self.assertEqual(len(orders), len(self.WRONG_TOTALS))
        self.assertEqual(set(orders.mapped("state")), {"draft"})
