# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import psycopg2

from odoo.addons.queue_job.exception import RetryableJobError

from .common import EcomConnectorCase


class TestWatchdogConnectionLost(EcomConnectorCase):
    """A job whose database connection was lost where it could not turn
    that into a retry ends ``failed`` in queue_job; the watchdog runs it
    again within its tries instead of putting its order in error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("ecom_connector.watchdog_minutes", "0")

    def _failed_entry(self, exc_name, retry=1, max_retries=5):
        """An inbox entry still new whose processing job failed with ``exc_name``."""
        env = self.env(context=dict(self.env.context, queue_job__no_delay=False))
        entry = env["ecom.inbox"]._receive(
            self.backend,
            '{"external_id": "LOST-1"}',
            source="push",
            payload_format="canonical",
            process=False,
        )
        entry._enqueue()
        job = env["queue.job"].search([("identity_key", "=", f"ecom_inbox_{entry.id}_0")])
        self.assertEqual(len(job), 1)
        job.write(
            {
                "state": "failed",
                "exc_name": exc_name,
                "exc_message": "server closed the connection unexpectedly",
                "retry": retry,
                "max_retries": max_retries,
            }
        )
        return entry, job

    def test_connection_lost_job_runs_again(self):
        entry, job = self._failed_entry("psycopg2.OperationalError")
        self.env["ecom.inbox"]._cron_watchdog()
        self.assertEqual(job.state, "pending")
        self.assertEqual(job.retry, 1, "the lost run still counts as a try")
        self.assertEqual(entry.state, "new", "the order is not put in error")

    def test_connection_lost_too_often_ends_in_error(self):
        entry, job = self._failed_entry("psycopg2.InterfaceError", retry=5, max_retries=5)
        self.env["ecom.inbox"]._cron_watchdog()
        self.assertEqual(job.state, "failed")
        self.assertEqual(entry.state, "error")
        self.assertIn("server closed the connection unexpectedly", entry.error)

    def test_other_failure_is_not_run_again(self):
        entry, job = self._failed_entry("odoo.exceptions.UserError")
        self.env["ecom.inbox"]._cron_watchdog()
        self.assertEqual(job.state, "failed")
        self.assertEqual(entry.state, "error")

    def test_connection_lost_before_the_savepoint_is_retried(self):
        """Lost while reading the entry, before the processing's own error
        handling: a retry of the job, not a failure."""
        entry = self.env["ecom.inbox"]._receive(
            self.backend, '{"external_id": "LOST-2"}', source="push", process=False
        )
        lost = psycopg2.OperationalError("server closed the connection unexpectedly")
        with patch.object(type(entry), "_process_entry", side_effect=lost):
            with self.assertRaises(RetryableJobError):
                entry._process()
        self.assertEqual(entry.state, "new")
