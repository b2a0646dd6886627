# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import zlib
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero

from odoo.addons.ecom_base.paths import check_folder_writer, resolve_folder

from ..feeds import parsers
from ..feeds.fetchers import FETCHERS

_logger = logging.getLogger(__name__)

# first key of the advisory locks taken on feeds (the second is the feed id)
FEED_LOCK_NAMESPACE = zlib.crc32(b"ecom.supplier.feed") & 0x7FFFFFFF


class EcomSupplierFeed(models.Model):
    _name = "ecom.supplier.feed"
    _description = "Supplier Price and Stock Feed"
    _inherit = "mail.thread"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        check_company=True,
        tracking=True,
        ondelete="cascade",
    )
    file_format = fields.Selection(
        [("csv", "CSV"), ("xml", "XML")], required=True, default="csv", tracking=True
    )
    source = fields.Selection(
        [
            ("upload", "Uploaded file"),
            ("folder", "Server folder"),
            ("url", "HTTP(S) URL"),
        ],
        required=True,
        default="upload",
        tracking=True,
    )
    feed_file = fields.Binary(string="File", attachment=True)
    feed_filename = fields.Char(string="File Name")
    folder_path = fields.Char(
        string="Folder",
        help="Server folder; the newest file matching the pattern is read.",
    )
    file_pattern = fields.Char(default="*.csv")
    url = fields.Char(string="URL")
    auth_user = fields.Char(string="Login", groups="ecom_base.ecom_base_group_manager")
    auth_password = fields.Char(string="Password", groups="ecom_base.ecom_base_group_manager")
    timeout = fields.Integer(string="Timeout (s)", default=30)
    csv_delimiter = fields.Char(string="Delimiter", default=";", size=1)
    csv_encoding = fields.Char(string="Encoding", default="utf-8")
    csv_ref_column = fields.Char(string="Reference Column", default="reference")
    csv_ean_column = fields.Char(string="EAN Column", default="ean")
    csv_price_column = fields.Char(string="Price Column", default="price")
    csv_qty_column = fields.Char(string="Stock Column", default="stock")
    xml_item_path = fields.Char(string="Product Path", default=".//product")
    xml_ref_path = fields.Char(string="Reference Path", default="reference")
    xml_ean_path = fields.Char(string="EAN Path", default="ean")
    xml_price_path = fields.Char(string="Price Path", default="price")
    xml_qty_path = fields.Char(string="Stock Path", default="stock")
    full_feed = fields.Boolean(
        default=True,
        help="The feed lists every product of the supplier: its products "
        "missing from the file are set to 0 in stock.",
    )
    max_age_hours = fields.Integer(
        string="Maximum Age (hours)",
        default=48,
        help="Stock older than this is not trusted when choosing a supplier, "
        "and a file older than this does not update the stock. 0: no limit.",
    )
    scheduled = fields.Boolean(help="Fetch the feed automatically (folder and URL sources).")
    interval_hours = fields.Integer(string="Every (hours)", default=24)
    next_run_date = fields.Datetime(string="Next Run", default=fields.Datetime.now)
    run_ids = fields.One2many("ecom.supplier.feed.run", "feed_id", string="Runs")
    last_run_id = fields.Many2one("ecom.supplier.feed.run", compute="_compute_last_run_id")
    last_run_state = fields.Selection(
        [("pending", "To Process"), ("done", "Done"), ("failed", "Failed")],
        compute="_compute_last_run_id",
    )
    supplierinfo_count = fields.Integer(
        compute="_compute_supplierinfo_count", string="Vendor Prices"
    )

    def _compute_last_run_id(self):
        for feed in self:
            feed.last_run_id = self.env["ecom.supplier.feed.run"].search(
                [("feed_id", "=", feed.id)], limit=1, order="id desc"
            )
            feed.last_run_state = feed.last_run_id.state

    def _compute_supplierinfo_count(self):
        groups = self.env["product.supplierinfo"]._read_group(
            [("ecom_feed_id", "in", self.ids)], ["ecom_feed_id"], ["__count"]
        )
        counts = {feed.id: count for feed, count in groups}
        for feed in self:
            feed.supplierinfo_count = counts.get(feed.id, 0)

    @api.constrains(
        "file_format",
        "csv_ref_column",
        "csv_ean_column",
        "xml_ref_path",
        "xml_ean_path",
    )
    def _check_matching_key(self):
        for feed in self:
            if feed.file_format == "csv" and not (feed.csv_ref_column or feed.csv_ean_column):
                raise ValidationError(
                    self.env._(
                        "Feed %s: map the reference column or the EAN column.",
                        feed.name,
                    )
                )
            if feed.file_format == "xml" and not (feed.xml_ref_path or feed.xml_ean_path):
                raise ValidationError(
                    self.env._("Feed %s: set the reference path or the EAN path.", feed.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("folder_path"):
                self._check_folder_path(vals["folder_path"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("folder_path"):
            self._check_folder_path(vals["folder_path"])
        return super().write(vals)

    @api.model
    def _check_folder_path(self, folder):
        # a folder field must not read the server's files: administrators only,
        # under the allowed root (issue 8)
        check_folder_writer(self.env)
        resolve_folder(self.env, folder)

    @api.constrains("source", "url")
    def _check_url(self):
        for feed in self.filtered(lambda f: f.source == "url"):
            if not (feed.url or "").lower().startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._(
                        "Feed %s: the URL must start with http:// or https://.",
                        feed.name,
                    )
                )

    def action_run(self):
        """Button: fetch and import the feed now, then show the run."""
        self.ensure_one()
        run = self._run_feed()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.supplier.feed.run",
            "res_id": run.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_supplierinfo(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "product.product_supplierinfo_type_action"
        )
        action["domain"] = [("ecom_feed_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def _cron_run_feeds(self):
        """Run the scheduled feeds that are due, each on its own."""
        now = fields.Datetime.now()
        feeds = self.search(
            [
                ("scheduled", "=", True),
                ("source", "in", ("folder", "url")),
                "|",
                ("next_run_date", "=", False),
                ("next_run_date", "<=", now),
            ]
        )
        for feed in feeds:
            feed = feed.with_company(feed.company_id)
            feed.next_run_date = now + timedelta(hours=feed.interval_hours or 24)
            try:
                with self.env.cr.savepoint():
                    feed._run_feed()
            except Exception as exc:  # one broken feed must not stop the others
                _logger.exception("Supplier feed %s failed", feed.id)
                feed.message_post(
                    body=self.env._("The scheduled import failed: %s", exc),
                    message_type="notification",
                )

    def _lock_feed(self):
        """Transaction lock on the feed: a scheduled and a manual import of
        the same feed must not write the same vendor prices at once."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", FEED_LOCK_NAMESPACE, self.id)
        )
        if not self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._(
                    "Feed %s is being imported right now; try again in a moment.",
                    self.name,
                )
            )

    def _run_feed(self):
        """Fetch the payload, store it on a new run, then process it."""
        self.ensure_one()
        self._lock_feed()
        Run = self.env["ecom.supplier.feed.run"]
        feed = self.sudo()  # credentials are only readable by managers
        try:
            payload, filename, feed_date = FETCHERS[self.source](feed)
        except UserError as exc:
            return Run.create(
                {
                    "feed_id": self.id,
                    "state": "failed",
                    "error_message": str(exc),
                }
            )
        run = Run.create(
            {
                "feed_id": self.id,
                "payload": base64.b64encode(payload),
                "payload_filename": filename,
                "feed_date": feed_date,
            }
        )
        run._process()
        return run

    def _is_stock_date_trusted(self, feed_date, now=None):
        self.ensure_one()
        if not self.max_age_hours:
            return True
        now = now or fields.Datetime.now()
        return feed_date >= now - timedelta(hours=self.max_age_hours)

    def _parse_payload(self, payload):
        """Return (rows, line errors, lines read) of the payload; raise UserError when
        the file as a whole cannot be read."""
        self.ensure_one()
        if self.file_format == "csv":
            return parsers.parse_csv(
                self.env,
                payload,
                self.csv_delimiter,
                self.csv_encoding,
                {
                    "ref": self.csv_ref_column,
                    "ean": self.csv_ean_column,
                    "price": self.csv_price_column,
                    "qty": self.csv_qty_column,
                },
            )
        return parsers.parse_xml(
            self.env,
            payload,
            self.xml_item_path,
            {
                "ref": self.xml_ref_path,
                "ean": self.xml_ean_path,
                "price": self.xml_price_path,
                "qty": self.xml_qty_path,
            },
        )

    def _get_supplierinfo_index(self):
        """Vendor prices of the supplier in one search, indexed by supplier
        reference and by EAN (barcode of the variant, or of the template's
        only variant)."""
        self.ensure_one()
        supplierinfos = (
            self.env["product.supplierinfo"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("company_id", "in", (False, self.company_id.id)),
                ]
            )
        )
        by_ref = defaultdict(lambda: supplierinfos.browse())
        by_ean = defaultdict(lambda: supplierinfos.browse())
        for info in supplierinfos:
            if info.product_code:
                by_ref[info.product_code.strip().upper()] |= info
            variants = info.product_id or info.product_tmpl_id.product_variant_ids
            if len(variants) == 1 and variants.barcode:
                by_ean[variants.barcode.strip()] |= info
        return supplierinfos, by_ref, by_ean

    def _apply_rows(self, rows, feed_date, stock_trusted):
        """Write prices and stock of the parsed rows on the vendor prices.

        :return: dict of counters and texts for the run report
        """
        self.ensure_one()
        supplierinfos, by_ref, by_ean = self._get_supplierinfo_index()
        seen_ids = set()
        unknown = []
        updates = {}
        matched_lines = 0
        for row in rows:
            infos = (row["ref"] and by_ref.get(row["ref"].upper())) or (
                row["ean"] and by_ean.get(row["ean"])
            )
            if not infos:
                unknown.append(row["ref"] or row["ean"])
                continue
            seen_ids.update(infos.ids)
            if row.get("invalid"):
                continue
            matched_lines += 1
            # the feed price is the base price: the smallest minimum quantity
            base_infos = infos
            if len(infos) > 1:
                base_by_product = {}
                for info in infos.sorted("min_qty", reverse=True):
                    base_by_product[info.product_id.id or info.product_tmpl_id.id] = info.id
                base_infos = infos.browse(base_by_product.values())
            for info in infos:
                vals = {"ecom_feed_id": self.id}
                if row["price"] is not None and info in base_infos:
                    vals["price"] = row["price"]
                if stock_trusted and row["qty"] is not None:
                    vals["ecom_stock_qty"] = row["qty"]
                    vals["ecom_stock_date"] = feed_date
                updates.setdefault(info, {}).update(vals)
        zeroed_ids = []
        if self.full_feed and stock_trusted:
            for info in supplierinfos.filtered(lambda i: i.id not in seen_ids):
                updates[info] = {
                    "ecom_feed_id": self.id,
                    "ecom_stock_qty": 0.0,
                    "ecom_stock_date": feed_date,
                }
                if info.ecom_stock_qty or not info.ecom_stock_date:
                    zeroed_ids.append(info.id)
        dropped_ids = []
        # group the records by identical values: one write() per group, the
        # flush then updates them in batches
        ids_by_values = defaultdict(list)
        for info, vals in updates.items():
            if (
                "ecom_stock_qty" in vals
                and float_is_zero(
                    vals["ecom_stock_qty"],
                    precision_rounding=info.product_uom.rounding or 0.01,
                )
                and (not info.ecom_stock_date or info.ecom_stock_qty > 0)
            ):
                dropped_ids.append(info.id)
            for fname, value in vals.items():
                if not self._same_value(info, fname, value):
                    key = tuple(sorted((k, v) for k, v in vals.items() if k != "price"))
                    if fname == "price":
                        ids_by_values[(("price", value),)].append(info.id)
                    else:
                        ids_by_values[key].append(info.id)
        for key, ids in ids_by_values.items():
            supplierinfos.browse(sorted(set(ids))).write(dict(key))
        self._report_dropped_stock(supplierinfos.browse(dropped_ids))
        return {
            "lines_updated": matched_lines,
            "lines_unknown": len(unknown),
            "lines_zeroed": len(zeroed_ids),
            "unknown_refs": "\n".join(unknown[:1000]),
        }

    @api.model
    def _same_value(self, record, fname, value):
        current = record[fname]
        if fname == "ecom_feed_id":
            return current.id == value
        if isinstance(value, float):
            return float_compare(current, value, precision_digits=6) == 0
        return current == value

    def _report_dropped_stock(self, supplierinfos):
        """The feed says the supplier has nothing left: the open purchase
        lines of these products waiting for customer orders cannot be
        delivered."""
        if not supplierinfos:
            return
        products = supplierinfos.product_id | supplierinfos.product_tmpl_id.product_variant_ids
        lines = (
            self.env["purchase.order.line"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("product_id", "in", products.ids),
                    ("state", "in", ("draft", "sent", "to approve", "purchase")),
                ]
            )
        )
        for line in lines:
            if (
                float_compare(
                    line.qty_received,
                    line.product_qty,
                    precision_rounding=line.product_uom.rounding,
                )
                >= 0
            ):
                continue
            line._ecom_report_supplier_shortage(
                self.env._(
                    "Feed %(feed)s reports no stock left of %(product)s at %(supplier)s "
                    "(purchase %(order)s).",
                    feed=self.name,
                    product=line.product_id.display_name,
                    supplier=self.partner_id.display_name,
                    order=line.order_id.name,
                )
            )
