# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import os
from unittest.mock import patch

from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError

from .common import Ecom3plCase


class TestIdempotence(Ecom3plCase):
    def _shipment(self, picking, tracking="TRK-1", quantity="1"):
        return self._csv(
            self._ship_rows_header(),
            [(picking.name, "SKU-A", quantity, "", tracking, "GLS", "1")],
        )

    def test_duplicate_file(self):
        """The same content under another name is stored as a duplicate and
        never applied; so is a new file with an already used name."""
        picking = self._create_delivery([(self.product_a, 3)])
        self._run()
        content = self._shipment(picking)
        self._drop("SHIP_A.csv", content)
        self._run()
        self._sync()
        self.assertEqual(picking.state, "done")
        backorder = picking.backorder_ids
        backorder.action_assign()
        self._drop("SHIP_B.csv", content)
        self._run()
        dup = self._files(name="SHIP_B.csv")
        self.assertEqual(dup.state, "duplicate")
        self.assertEqual(dup.duplicate_of_id, self._files(name="SHIP_A.csv"))
        self.assertEqual(backorder.state, "assigned")
        self._drop("SHIP_A.csv", self._shipment(backorder))
        self._run()
        self.assertEqual(self._files(name="SHIP_A.csv")[1].state, "duplicate")
        self.assertEqual(backorder.state, "assigned")
        self._sync()
        self.assertEqual(self._remote("errors"), ["SHIP_A.csv", "SHIP_B.csv"])
        self.assertEqual(self._remote("archive"), ["SHIP_A.csv"])

    def test_crash_between_apply_and_archive(self):
        """Processing committed, the move to archive fails: the next run
        sees the stored file name and only archives it."""
        picking = self._create_delivery([(self.product_a, 3)])
        self._run()
        self._drop("SHIP_C.csv", self._shipment(picking, quantity="2"))
        self._run()
        self.assertEqual(picking.state, "done")
        self.sftp.refuse_moves_to = {"archive"}
        with self.assertRaises(RetryableJobError), self.env.cr.savepoint():
            self._sync()
        self.assertEqual(self._remote("in"), ["SHIP_C.csv"])
        file = self._files(direction="in")
        self.assertFalse(file.remote_done)
        self.sftp.refuse_moves_to = set()
        self._run()
        self.assertEqual(self._files(direction="in"), file)  # not read again
        self.assertEqual(picking.move_ids.quantity, 2)
        self.assertEqual(len(picking.backorder_ids), 1)
        self._sync()
        self.assertEqual(self._remote("archive"), ["SHIP_C.csv"])
        self.assertTrue(file.remote_done)

    def test_server_down_then_back(self):
        """Server down: the run is retried by the queue (nothing written,
        no file marked sent); back up: the files go."""
        picking = self._create_delivery([(self.product_b, 1)])
        self.sftp.stop()
        try:
            with self.assertRaises(RetryableJobError) as caught, self.env.cr.savepoint():
                self._run(expect_sync=False)
        finally:
            self.sftp.start()
        self.assertIn("Logistique Rhône", str(caught.exception))
        self.assertFalse(picking.ecom_3pl_state)
        self.assertFalse(self._files())
        self._run()
        self._sync()
        self.assertEqual(picking.ecom_3pl_state, "sent")
        self.assertEqual(len(self._remote("out")), 1)

    def test_wrong_key_and_wrong_host_key(self):
        """A refused key or an unexpected host key: a clear message on the
        provider, no retry loop, the outgoing file waits."""
        picking = self._create_delivery([(self.product_b, 1)])
        other = type(self.client_key).generate()
        text = io.StringIO()
        other.write_private_key(text)
        self.provider.sftp_private_key = text.getvalue()
        self.assertIn("Logistique", self._run(expect_sync=False))
        self.assertTrue(self.provider.last_error)
        out = self._files(direction="out")
        self.assertEqual(out.state, "to_send")
        self.assertEqual(picking.ecom_3pl_file_id, out)
        self.provider.sftp_private_key = self.client_key_text
        self.provider.sftp_host_key = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY="
        self._run(expect_sync=False)
        self.assertIn("SHA256:", self.provider.last_error)
        self.provider.sftp_host_key = self.sftp.host_key_line
        self._run()
        self.assertFalse(self.provider.last_error)
        self._sync()
        self.assertEqual(out.state, "sent")
        self.assertEqual(self._remote("out"), [out.name])

    def test_unexpected_error_keeps_the_file(self):
        """A bug while applying a file leaves it stored in error, for replay."""
        picking = self._create_delivery([(self.product_a, 1)])
        self._run()
        self._drop("SHIP_X.csv", self._shipment(picking))
        File = type(self.env["ecom.3pl.file"])
        with (
            patch.object(File, "_apply_shipment", side_effect=KeyError("boom"), autospec=True),
            mute_logger("odoo.addons.ecom_3pl.models.ecom_3pl_file"),
        ):
            self._run()
        file = self._files(name="SHIP_X.csv")
        self.assertEqual(file.state, "error")
        self.assertIn("boom", file.message)
        self.assertEqual(picking.state, "assigned")
        file.action_reprocess()
        self.assertEqual(file.state, "done")
        self.assertEqual(picking.state, "done")

    def test_file_removed_on_the_server_does_not_block_the_others(self):
        picking = self._create_delivery([(self.product_a, 2)])
        self._run()
        self._drop("SHIP_1.csv", self._shipment(picking, quantity="1"))
        self._drop("SHIP_2.csv", self._shipment(picking.browse(), quantity="1"))
        self._run()
        os.remove(os.path.join(self.sftp_root, "in", "SHIP_1.csv"))
        result = self._sync()
        self.assertIn("SHIP_1.csv", result)
        first, second = self._files(direction="in")
        self.assertFalse(first.remote_done)
        self.assertTrue(second.remote_done)
        self.assertEqual(self._remote("errors"), ["SHIP_2.csv"])
        self.assertEqual(len(self._remote("out")), 1)
