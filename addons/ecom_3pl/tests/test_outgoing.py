# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import Ecom3plCase


class TestOutgoing(Ecom3plCase):
    def test_run_is_queued(self):
        """The button and the cron queue one run per provider."""
        with trap_jobs() as trap:
            self.provider.with_user(self.ecom_manager).action_run()
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                self.provider._job_run,
                properties={
                    "channel": "root.ecom",
                    "identity_key": f"ecom_3pl_run_{self.provider.id}",
                },
            )
        self.provider.write({"scheduled": True, "interval_minutes": 15, "next_run_date": False})
        with trap_jobs() as trap:
            self.env["ecom.3pl.provider"]._cron_run_providers()
            trap.assert_jobs_count(1, only=self.provider._job_run)
        self.assertGreater(
            self.provider.next_run_date, fields.Datetime.now() + timedelta(minutes=14)
        )
        with trap_jobs() as trap:
            self.env["ecom.3pl.provider"]._cron_run_providers()  # not due yet
            trap.assert_jobs_count(0)

    def test_one_file_per_run_each_picking_once_and_cancellations(self):
        first = self._create_delivery([(self.product_a, 1)])
        second = self._create_delivery([(self.product_b, 2)])
        no_stock = self.env["product.product"].create(
            {"name": "Bâche", "default_code": "SKU-D", "is_storable": True}
        )
        waiting = self._create_delivery([(no_stock, 1)])  # not ready: not sent
        self.assertEqual(waiting.state, "confirmed")
        self._run()
        file = self._files(direction="out", flow="order")
        self.assertEqual(len(file), 1)
        self.assertEqual(file.picking_ids, first | second)
        self.assertEqual(file.line_count, 2)
        self.assertFalse(waiting.ecom_3pl_state)
        self._run()
        self.assertEqual(len(self._files(direction="out")), 1)  # nothing new: no file
        second.action_cancel()
        self._run()
        cancel_file = self._files(direction="out")[1:]
        self.assertEqual(second.ecom_3pl_state, "cancel_sent")
        self.assertEqual(second.ecom_3pl_cancel_file_id, cancel_file)
        self._sync()
        content = open(f"{self.sftp_root}/out/{cancel_file.name}", encoding="utf-8").read()
        self.assertEqual(content.splitlines()[1].split(";")[:2], ["CANCEL", second.name])
        self.assertEqual(len(content.splitlines()), 2)

    def test_asn_only_for_confirmed_purchases(self):
        draft = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "order_line": [
                    (0, 0, {"product_id": self.product_a.id, "product_qty": 1, "price_unit": 1})
                ],
            }
        )
        _order, receipt = self._create_purchase([(self.product_a, 4)])
        self._run()
        asn = self._files(flow="asn")
        self.assertEqual(asn.picking_ids, receipt)
        self.assertFalse(draft.picking_ids)

    def test_fixed_width_provider_layout(self):
        self.provider.order_format_id = self.env.ref("ecom_3pl.ecom_3pl_format_fixed_order")
        picking = self._create_delivery([(self.product_a, 2)])
        self._run()
        file = self._files(flow="order")
        self.assertTrue(file.name.startswith("CDE_"))
        self.assertTrue(file.name.endswith(".txt"))
        line = file._get_content().decode("cp1252").splitlines()[0]
        self.assertEqual(line[6:26].rstrip(), picking.name)

    def test_two_runs_never_overlap(self):
        """A second run while the first holds the provider's lock is retried."""
        cursor = self.registry.cursor()
        self.addCleanup(cursor.close)
        cursor.execute(
            "SELECT pg_advisory_lock(%s, %s)",
            (
                __import__(
                    "odoo.addons.ecom_3pl.models.ecom_3pl_provider", fromlist=["x"]
                ).LOCK_NAMESPACE,
                self.provider.id,
            ),
        )
        with self.assertRaises(RetryableJobError):
            self._provider()._job_run()
