# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real Odoo server (two HTTP workers and queue_job's runner, its own
ports) on the test database, for what only real processes show: the server
killed mid-batch then restarted, and the same webhook delivery arriving
twenty times at once on two workers.  Fixtures are committed in their own
transaction and removed at the end."""

import base64
import hashlib
import hmac
import json
import signal
import threading
import time

import psycopg2
import requests

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from odoo.addons.ecom_connector.models.ecom_inbox import _job_lock_key

from .real_server import RealServer, stop_local_runner

ORDER = {
    "reference": "#CRASH",
    "paid": True,
    "payment_method": "card",
    "customer": {"email": "reprise@example.fr", "name": "Régis Reprise"},
    "billing_address": {
        "name": "Régis Reprise",
        "street": "2 rue du Redémarrage",
        "zip": "69001",
        "city": "Lyon",
        "country_code": "FR",
    },
    "lines": [{"sku": "CRASH-SKU", "quantity": 1, "price_unit": "10.00", "tax_rate": 0}],
    "total": "10.00",
}
ENTRIES = 30
KILL_ENTRIES = 12


@tagged("post_install", "-at_install")
class TestRealServer(TransactionCase):
    def setUp(self):
        super().setUp()
        restart = stop_local_runner()
        if restart:
            self.addCleanup(restart)

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    # ------------------------------------------------------- the server

    def _start_server(self):
        server = RealServer(self.env.cr.dbname, config.rcfile)
        self.addCleanup(server.stop)
        server.start()
        return server, server.url

    def _stop_server(self, server, sig=signal.SIGTERM):
        server.stop(sig)

    def _wait(self, query, args, predicate, timeout=90):
        """Poll ``query`` in committed data until ``predicate(row)``."""
        deadline = time.monotonic() + timeout
        while True:
            with self.registry.cursor() as cr:
                cr.execute(query, args)
                row = cr.fetchone()
            if predicate(row) or time.monotonic() > deadline:
                return row
            time.sleep(0.2)

    def _heal_until(self, query, args, predicate, timeout=180):
        """Run the watchdog's cron every few seconds (the servers under test
        run no cron thread) until ``predicate(row)`` of ``query``; racing the
        job runner a run may lose a row, as a cron run would."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self.registry.cursor() as cr:
                    self._env(cr)["ecom.inbox"]._cron_watchdog()
                    cr.commit()  # pylint: disable=invalid-commit
            except psycopg2.errors.SerializationFailure:
                pass
            row = self._wait(query, args, predicate, timeout=5)
            if predicate(row) or time.monotonic() > deadline:
                return row

    # ------------------------------------------------------ fixtures

    def _commit_fixtures(self, platform="file"):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            product = env["product.product"].search([("default_code", "=", "CRASH-SKU")])
            product = product or env["product.product"].create(
                {"name": "Article de reprise", "default_code": "CRASH-SKU", "type": "service"}
            )
            backend = env["ecom.backend"].create(
                {
                    "name": f"Reprise {platform} {time.time()}",
                    "platform": platform,
                    "company_id": company.id,
                    "prices_include_tax": True,
                    "default_payment_rule": "always",
                    "webhook_secret": "whsec_real",
                    "lang": "en_US",
                    "fiscal_position_domestic_id": False,
                    "fiscal_position_eu_b2c_id": False,
                    "fiscal_position_eu_b2b_id": False,
                    "fiscal_position_export_id": False,
                }
            )
            env["ir.config_parameter"].set_param("ecom_connector.watchdog_minutes", "0")
            # a job retried after a lost connection goes on after 1 s, not 60
            env["ir.config_parameter"].set_param("ecom_connector.retry_seconds", "1")
            cr.commit()  # pylint: disable=invalid-commit
            backend_id = backend.id
        self.addCleanup(self._cleanup, backend_id)
        return backend_id

    def _cleanup(self, backend_id):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            bindings = env["ecom.sale.order"].search([("backend_id", "=", backend_id)])
            orders = bindings.odoo_id
            partners = env["ecom.res.partner"].search([("backend_id", "=", backend_id)]).odoo_id
            entries = env["ecom.inbox"].search([("backend_id", "=", backend_id)])
            env["queue.job"].search(
                [("model_name", "=", "ecom.inbox"), ("channel", "=like", "root.ecom%")]
            ).filtered(lambda job: job.records & entries).unlink()
            orders.with_context(disable_cancel_warning=True).action_cancel()
            env.cr.execute("DELETE FROM ecom_inbox WHERE backend_id = %s", (backend_id,))
            bindings.unlink()
            orders.unlink()
            env["ecom.res.partner"].search([("backend_id", "=", backend_id)]).unlink()
            (partners | partners.child_ids).unlink()
            env["ecom.backend"].browse(backend_id).unlink()
            env["ir.config_parameter"].set_param("ecom_connector.watchdog_minutes", False)
            env["ir.config_parameter"].set_param("ecom_connector.retry_seconds", False)
            cr.commit()  # pylint: disable=invalid-commit

    # --------------------------------------------------------- tests

    def test_server_killed_mid_batch_heals_itself(self):
        """SIGKILL while the batch runs, restart: every entry is processed
        exactly once and the root.ecom channel (capacity 1) is not blocked by
        the job that died with the server."""
        backend_id = self._commit_fixtures()
        proc, _url = self._start_server()
        self._enqueue_entries(backend_id, ENTRIES, "CRASH")
        done_and_started = (
            "SELECT (SELECT count(*) FROM ecom_inbox WHERE backend_id = %s AND state = 'done'),"
            " (SELECT count(*) FROM queue_job WHERE channel = 'root.ecom' AND state = 'started')"
        )
        row = self._wait(done_and_started, (backend_id,), lambda r: r[0] >= 3 and r[1] >= 1)
        self._stop_server(proc, signal.SIGKILL)
        done_at_kill, started_at_kill = self._wait(done_and_started, (backend_id,), lambda r: True)
        self.assertLess(done_at_kill, ENTRIES, "the kill must land mid-batch")
        self.assertGreaterEqual(row[0], 3)
        proc, _url = self._start_server()
        done, started = self._heal_until(done_and_started, (backend_id,), lambda r: r[0] == ENTRIES)
        self.assertEqual(done, ENTRIES, f"{started_at_kill} job(s) were started at the kill")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT external_id) FROM ecom_sale_order "
                "WHERE backend_id = %s",
                (backend_id,),
            )
            self.assertEqual(cr.fetchone(), (ENTRIES, ENTRIES))
            cr.execute(
                "SELECT count(*) FROM queue_job WHERE channel = 'root.ecom' AND state = 'started'"
            )
            self.assertEqual(cr.fetchone()[0], 0)

    def _enqueue_entries(self, backend_id, count, prefix):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            backend = env["ecom.backend"].browse(backend_id)
            entries = env["ecom.inbox"]
            for index in range(count):
                order = dict(
                    ORDER,
                    external_id=f"{prefix}-{index}",
                    currency=backend.company_id.currency_id.name,
                )
                entries |= env["ecom.inbox"]._receive(
                    backend,
                    json.dumps(order),
                    source="push",
                    payload_format="canonical",
                    process=False,
                )
            entries._enqueue()
            cr.commit()  # pylint: disable=invalid-commit

    def test_job_connection_terminated_heals_itself(self):
        """``pg_terminate_backend`` on the connection of a running import job:
        the entry is processed exactly once after the job queue's retry or the
        watchdog, and every other entry too."""
        backend_id = self._commit_fixtures()
        _proc, _url = self._start_server()
        self._enqueue_entries(backend_id, KILL_ENTRIES, "KILL")
        # the backend holding the lock of a started job (see hold_job_lock)
        holder = (
            "SELECT l.pid FROM queue_job j JOIN pg_locks l ON l.locktype = 'advisory' "
            "AND l.objsubid = 1 AND l.granted "
            "AND ((l.classid::bigint << 32) | l.objid::bigint) = ANY(%s) "
            "WHERE j.channel = 'root.ecom' AND j.state = 'started' LIMIT 1"
        )
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and time.monotonic() < deadline:
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT uuid FROM queue_job WHERE channel = 'root.ecom' AND state = 'started'"
                )
                keys = [_job_lock_key(uuid) for (uuid,) in cr.fetchall()]
                if keys:
                    cr.execute(holder, (keys,))
                    row = cr.fetchone()
                    if row:
                        cr.execute("SELECT pg_terminate_backend(%s)", (row[0],))
                        killed = row[0] if cr.fetchone()[0] else None
            time.sleep(0.02)
        self.assertTrue(killed, "no running job's connection was found to terminate")
        done = (
            "SELECT (SELECT count(*) FROM ecom_inbox WHERE backend_id = %s AND state = 'done'),"
            " (SELECT count(*) FROM ecom_inbox WHERE backend_id = %s AND state = 'error')"
        )
        row = self._heal_until(
            done, (backend_id, backend_id), lambda r: sum(r) >= KILL_ENTRIES, timeout=300
        )
        self.assertEqual(row, (KILL_ENTRIES, 0))
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT external_id) FROM ecom_sale_order "
                "WHERE backend_id = %s",
                (backend_id,),
            )
            self.assertEqual(cr.fetchone(), (KILL_ENTRIES, KILL_ENTRIES))

    def test_twenty_identical_deliveries_on_two_workers(self):
        backend_id = self._commit_fixtures(platform="woocommerce")
        _proc, url = self._start_server()
        body = json.dumps(dict(ORDER, id=77, external_id="77")).encode()
        signature = base64.b64encode(
            hmac.new(b"whsec_real", body, hashlib.sha256).digest()
        ).decode()
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": "order.created",
            "X-WC-Webhook-Delivery-ID": "same-delivery",
            "X-WC-Webhook-Signature": signature,
        }
        barrier = threading.Barrier(20)
        statuses = []

        def deliver():
            barrier.wait(timeout=30)
            response = requests.post(
                f"{url}/ecom/webhook/{backend_id}", data=body, headers=headers, timeout=60
            )
            statuses.append(response.status_code)

        threads = [threading.Thread(target=deliver) for _copy in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
        self.assertEqual(statuses, [200] * 20)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM ecom_inbox WHERE backend_id = %s AND event_id = %s",
                (backend_id, "same-delivery"),
            )
            self.assertEqual(cr.fetchone()[0], 1)
