# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import os
import tempfile
import threading
from datetime import timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo import fields
from odoo.tests import tagged

from .common import EcomDropshipCase


class FeedHandler(BaseHTTPRequestHandler):
    """Serves ``server.files[path] = (body, last_modified)`` behind Basic
    auth ``server.auth`` (base64 of login:password); anything else is a 404
    that fails the test through ``server.unexpected``."""

    def do_GET(self):
        expected = "Basic " + self.server.auth
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.end_headers()
            return
        if self.path not in self.server.files:
            self.server.unexpected.append(self.path)
            self.send_response(404)
            self.end_headers()
            return
        body, last_modified = self.server.files[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        if last_modified:
            self.send_header("Last-Modified", format_datetime(last_modified, usegmt=True))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestSupplierFeed(EcomDropshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls._create_product(
            "Bureau", sellers=[(cls.supplier_a, 100.0, {"product_code": "A-DESK"})]
        )
        cls.stool = cls._create_product(
            "Tabouret", sellers=[(cls.supplier_a, 30.0, {})], barcode="3760000000017"
        )
        cls.shelf = cls._create_product(
            "Étagère", sellers=[(cls.supplier_a, 45.0, {"product_code": "A-SHELF"})]
        )
        cls.feed = cls.env_manager["ecom.supplier.feed"].create(
            {
                "name": "Fournisseur A stock",
                "partner_id": cls.supplier_a.id,
                "file_format": "csv",
                "source": "upload",
                "csv_delimiter": ";",
                "csv_ref_column": "ref",
                "csv_ean_column": "ean",
                "csv_price_column": "prix",
                "csv_qty_column": "stock",
                "full_feed": True,
                "max_age_hours": 48,
            }
        )

    def _seller(self, product):
        return product.seller_ids.filtered(lambda s: s.partner_id == self.supplier_a)

    def _upload(self, content, encoding="utf-8"):
        self.feed.feed_file = base64.b64encode(content.encode(encoding))
        self.feed.feed_filename = "stock.csv"
        action = self.feed.action_run()
        return self.env["ecom.supplier.feed.run"].browse(action["res_id"])

    def test_csv_feed(self):
        run = self._upload(
            "ref;ean;prix;stock\n"
            "A-DESK;;95,50;12\n"
            ";3760000000017;28.00;0\n"
            "A-UNKNOWN;;10;5\n"
            "A-SHELF;;abc;3\n"
        )
        self.assertEqual(run.state, "done", run.error_message)
        self.assertTrue(run.stock_trusted)
        self.assertEqual(
            (run.lines_read, run.lines_updated, run.lines_unknown, run.lines_error),
            (4, 2, 1, 1),
        )
        self.assertEqual(run.unknown_refs, "A-UNKNOWN")
        self.assertIn("abc", run.error_log)
        desk, stool, shelf = (
            self._seller(self.desk),
            self._seller(self.stool),
            self._seller(self.shelf),
        )
        self.assertEqual((desk.price, desk.ecom_stock_qty), (95.5, 12))
        self.assertEqual(desk.ecom_feed_id, self.feed)
        self.assertEqual((stool.price, stool.ecom_stock_qty), (28.0, 0))
        self.assertTrue(stool.ecom_stock_date, "matched by EAN")
        # a line in error is neither updated nor zeroed as missing
        self.assertEqual((shelf.price, shelf.ecom_stock_qty), (45.0, 0))
        self.assertFalse(shelf.ecom_stock_date)
        self.assertEqual(run.lines_zeroed, 0)

    def test_full_feed_zeroes_missing_products(self):
        self._seller(self.shelf).write(
            {"ecom_stock_qty": 7, "ecom_stock_date": fields.Datetime.now()}
        )
        run = self._upload("ref;ean;prix;stock\nA-DESK;;95;12\n")
        self.assertEqual(run.state, "done")
        self.assertEqual(self._seller(self.shelf).ecom_stock_qty, 0)
        self.assertEqual(self._seller(self.shelf).ecom_feed_id, self.feed)
        self.assertEqual(run.lines_zeroed, 2, "shelf and stool were missing")
        self.feed.full_feed = False
        self._seller(self.shelf).ecom_stock_qty = 7
        self._upload("ref;ean;prix;stock\nA-DESK;;95;12\n")
        self.assertEqual(self._seller(self.shelf).ecom_stock_qty, 7)

    def test_malformed_files_change_nothing(self):
        before = self._seller(self.desk).read(["price", "ecom_stock_qty", "ecom_stock_date"])
        cases = [
            (
                "ref,ean,prix,stock\nA-DESK,,1,1\n",
                "utf-8",
                "not found in the file header",
            ),
            ('ref;ean;prix;stock\nA-DESK;;"1;1\n', "utf-8", "malformed"),
            ("ref;ean;prix;stock\nA-DESK;;1;1\n", "utf-16", "encoding"),
            ("\n\n", "utf-8", "empty"),
        ]
        for content, encoding, message in cases:
            with self.subTest(message=message):
                run = self._upload(content, encoding)
                self.assertEqual(run.state, "failed")
                self.assertIn(message, run.error_message)
                self.assertEqual(
                    self._seller(self.desk).read(["price", "ecom_stock_qty", "ecom_stock_date"]),
                    before,
                )
        # the stored file can be processed again once the mapping is fixed
        run = self._upload("ref,ean,prix,stock\nA-DESK,,99,4\n")
        self.assertEqual(run.state, "failed")
        self.feed.csv_delimiter = ","
        run.with_user(self.ecom_manager).action_replay()
        self.assertEqual(run.state, "done")
        self.assertEqual(self._seller(self.desk).price, 99.0)

    def test_xml_feed(self):
        self.feed.write(
            {
                "file_format": "xml",
                "xml_item_path": "./items/item",
                "xml_ref_path": "@sku",
                "xml_ean_path": "ean",
                "xml_price_path": "price",
                "xml_qty_path": "stock/@available",
            }
        )
        payload = (
            "<?xml version='1.0' encoding='utf-8'?><catalog><items>"
            "<item sku='A-DESK'><price>97.10</price><stock available='6'/></item>"
            "<item><ean>3760000000017</ean><price>29</price><stock available='2'/></item>"
            "<item sku='NOPE'><price>1</price></item>"
            "</items></catalog>"
        )
        self.feed.feed_file = base64.b64encode(payload.encode())
        run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "done", run.error_message)
        self.assertEqual((run.lines_read, run.lines_updated, run.lines_unknown), (3, 2, 1))
        self.assertEqual(self._seller(self.desk).price, 97.1)
        self.assertEqual(self._seller(self.desk).ecom_stock_qty, 6)
        self.assertEqual(self._seller(self.stool).ecom_stock_qty, 2)
        before = self._seller(self.desk).price
        for bad, message in (
            (b"<catalog><items><item sku='A-DESK'>", "malformed"),
            (
                b"<!DOCTYPE x [<!ENTITY e 'boom'>]>"
                b"<catalog><items><item sku='&e;'/></items></catalog>",
                "malformed",
            ),
            (b"<catalog><other/></catalog>", "No product found"),
        ):
            with self.subTest(message=message):
                self.feed.feed_file = base64.b64encode(bad)
                run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
                self.assertEqual(run.state, "failed")
                self.assertIn(message, run.error_message)
                self.assertEqual(self._seller(self.desk).price, before)

    def test_folder_feed_stale_file(self):
        root = os.path.realpath(tempfile.gettempdir())
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", root)
        with tempfile.TemporaryDirectory(dir=root) as folder:
            path = os.path.join(folder, "stock-20261122.csv")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("ref;ean;prix;stock\nA-DESK;;90;40\n")
            old = fields.Datetime.now() - timedelta(hours=72)
            os.utime(path, (old.timestamp(), old.timestamp()))
            # a server folder is set by a system administrator
            self.feed.sudo().write(
                {"source": "folder", "folder_path": folder, "file_pattern": "*.csv"}
            )
            run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "done")
        self.assertFalse(run.stock_trusted)
        self.assertIn("older than", run.error_message)
        desk = self._seller(self.desk)
        self.assertEqual(desk.price, 90.0, "prices are still updated")
        self.assertFalse(desk.ecom_stock_date, "stock of a stale file is not trusted")
        self.assertEqual(self._seller(self.shelf).ecom_stock_qty, 0)
        self.assertEqual(run.lines_zeroed, 0)
        # a stock date older than the maximum age no longer counts
        desk.write(
            {
                "ecom_stock_qty": 40,
                "ecom_stock_date": fields.Datetime.now() - timedelta(hours=49),
            }
        )
        self.assertIsNone(desk._ecom_get_trusted_stock_qty())
        desk.ecom_stock_date = fields.Datetime.now()
        self.assertEqual(desk._ecom_get_trusted_stock_qty(), 40)

    def test_missing_folder(self):
        root = os.path.realpath(tempfile.mkdtemp())
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", root)
        self.feed.sudo().write({"source": "folder", "folder_path": os.path.join(root, "absent")})
        run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "failed")
        self.assertIn("does not exist", run.error_message)

    def test_folder_and_url_rules(self):
        """A feed folder: administrators only, under the allowed root, no
        symbolic link, a pattern cannot leave it; a feed URL: no private or
        local address (issue 8)."""
        from odoo.exceptions import AccessError, UserError

        root = os.path.realpath(tempfile.mkdtemp())
        outside = os.path.realpath(tempfile.mkdtemp())
        with open(os.path.join(outside, "secret.csv"), "w", encoding="utf-8") as handle:
            handle.write("ref;ean;prix;stock\nA-DESK;;1;1\n")
        admin_feed = self.feed.sudo()
        with self.assertRaisesRegex(UserError, "allowed root"):
            admin_feed.folder_path = root
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", root)
        with self.assertRaises(AccessError):
            self.feed.with_user(self.ecom_manager).write({"folder_path": root})
        with self.assertRaisesRegex(UserError, "not under"):
            admin_feed.folder_path = outside
        os.symlink(outside, os.path.join(root, "lien"))
        with self.assertRaisesRegex(UserError, "symbolic link"):
            admin_feed.folder_path = os.path.join(root, "lien")
        inside = os.path.join(root, "flux")
        os.mkdir(inside)
        rel = os.path.relpath(outside, inside)
        admin_feed.write(
            {"source": "folder", "folder_path": inside, "file_pattern": f"{rel}/*.csv"}
        )
        run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "failed")
        self.assertEqual(self._seller(self.desk).price, 100.0)
        # no private host allowed on this database (demo data allow the demo shop's)
        self.env["ir.config_parameter"].set_param("ecom_base.allowed_private_hosts", "")
        self.feed.write({"source": "url", "url": "http://127.0.0.1:9/stock.csv"})
        run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "failed")
        self.assertIn("private or local network", run.error_message)

    def test_http_feed_with_auth(self):
        # the local server listens on the loopback, allowed by an administrator
        self.env["ir.config_parameter"].set_param("ecom_base.allowed_private_hosts", "127.0.0.1")
        server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
        server.auth = base64.b64encode(b"boutique:s3cret").decode()
        server.unexpected = []
        last_modified = (fields.Datetime.now() - timedelta(hours=1)).replace(microsecond=0)
        server.files = {
            "/feeds/stock.csv": (
                b"ref;ean;prix;stock\nA-DESK;;88;9\n",
                last_modified.replace(tzinfo=timezone.utc),
            )
        }
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        self.feed.write(
            {
                "source": "url",
                "url": f"{base}/feeds/stock.csv",
                "auth_user": "boutique",
                "auth_password": "s3cret",
                "timeout": 5,
                "scheduled": True,
                "next_run_date": fields.Datetime.now() - timedelta(minutes=1),
            }
        )
        self.env["ecom.supplier.feed"]._cron_run_feeds()
        run = self.feed.last_run_id
        self.assertEqual(run.state, "done", run.error_message)
        self.assertEqual(run.feed_date, last_modified)
        self.assertEqual(self._seller(self.desk).ecom_stock_qty, 9)
        self.assertEqual(self._seller(self.desk).ecom_stock_date, last_modified)
        self.assertGreater(self.feed.next_run_date, fields.Datetime.now())
        # wrong password: a clear error, nothing changed
        self.feed.auth_password = "wrong"
        run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "failed")
        self.assertIn("401", run.error_message)
        self.assertNotIn("wrong", run.error_message)
        self.feed.write({"auth_password": "s3cret", "url": f"{base}/feeds/missing.csv"})
        run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "failed")
        self.assertIn("404", run.error_message)
        self.assertEqual(server.unexpected, ["/feeds/missing.csv"])
        self.assertEqual(self._seller(self.desk).ecom_stock_qty, 9)

    def test_concurrent_import_refused(self):
        from odoo.exceptions import UserError

        from ..models.ecom_supplier_feed import FEED_LOCK_NAMESPACE

        self.feed.feed_file = base64.b64encode(b"ref;ean;prix;stock\nA-DESK;;1;1\n")
        with self.env.registry.cursor() as other_cr:
            other_cr.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                (FEED_LOCK_NAMESPACE, self.feed.id),
            )
            with self.assertRaisesRegex(UserError, "being imported right now"):
                self.feed.action_run()
            other_cr.rollback()
        self.assertEqual(self._seller(self.desk).price, 100.0)
        run = self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])
        self.assertEqual(run.state, "done")

    def test_user_cannot_configure_feeds(self):
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.env_user["ecom.supplier.feed"].create(
                {"name": "x", "partner_id": self.supplier_b.id}
            )
        self.assertEqual(self.env_user["ecom.supplier.feed"].search([]), self.feed)
