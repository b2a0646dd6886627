# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
from collections import defaultdict

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare

from odoo.addons.queue_job.exception import RetryableJobError

from ..formats import codec
from .ecom_3pl_format import FLOWS

_logger = logging.getLogger(__name__)


class Ecom3plFile(models.Model):
    _name = "ecom.3pl.file"
    _description = "Logistics Provider File"
    _inherit = ["ecom.stored.file.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _ecom_file_field = "content"

    name = fields.Char(string="File Name", required=True, readonly=True)
    provider_id = fields.Many2one(
        "ecom.3pl.provider",
        required=True,
        readonly=True,
        ondelete="cascade",
        check_company=True,
        index=True,
    )
    company_id = fields.Many2one(related="provider_id.company_id", store=True, index=True)
    direction = fields.Selection(
        [("in", "Incoming"), ("out", "Outgoing")], required=True, readonly=True
    )
    flow = fields.Selection(FLOWS, required=True, readonly=True)
    format_id = fields.Many2one(
        "ecom.3pl.format",
        required=True,
        check_company=True,
        help="Format the file is read with; change it (e.g. its encoding) and "
        "process the file again.",
    )
    content = fields.Binary(attachment=True, readonly=True)
    checksum = fields.Char(string="SHA-256")
    state = fields.Selection(
        [
            ("to_send", "To Send"),
            ("sent", "Sent"),
            ("received", "Received"),
            ("done", "Applied"),
            ("partial", "Partly Applied"),
            ("error", "Error"),
            ("duplicate", "Duplicate"),
        ],
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    remote_done = fields.Boolean(
        string="Moved on the Server",
        readonly=True,
        help="Outgoing: uploaded. Incoming: moved to the archive or error folder.",
    )
    remote_folder = fields.Char(string="Server Folder", readonly=True)
    duplicate_of_id = fields.Many2one("ecom.3pl.file", readonly=True)
    message = fields.Text(readonly=True)
    processed_date = fields.Datetime(string="Processed On", readonly=True)
    line_ids = fields.One2many("ecom.3pl.file.line", "file_id", string="Lines", readonly=True)
    line_count = fields.Integer(string="Records", readonly=True)
    line_ok_count = fields.Integer(compute="_compute_line_counts", string="Lines OK")
    line_error_count = fields.Integer(compute="_compute_line_counts", string="Lines in Error")
    picking_ids = fields.One2many("stock.picking", "ecom_3pl_file_id", string="Transfers Sent")
    discrepancy_ids = fields.One2many(
        "ecom.3pl.stock.discrepancy", "file_id", string="Stock Discrepancies"
    )
    open_discrepancy_count = fields.Integer(compute="_compute_open_discrepancy_count")

    @api.depends("line_ids.state")
    def _compute_line_counts(self):
        for file in self:
            states = file.line_ids.mapped("state")
            file.line_ok_count = states.count("done")
            file.line_error_count = states.count("error")

    @api.depends("discrepancy_ids.state")
    def _compute_open_discrepancy_count(self):
        for file in self:
            file.open_discrepancy_count = len(
                file.discrepancy_ids.filtered(lambda d: d.state == "open")
            )

    def init(self):
        # the last guard of "never applied twice", behind the provider lock
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS ecom_3pl_file_checksum_uniq "
                "ON ecom_3pl_file (provider_id, checksum) "
                "WHERE direction = 'in' AND state != 'duplicate'"
            )
        )

    # ------------------------------------------------------------ actions

    def action_reprocess(self):
        """Button: apply again the records in error (after a fix in Odoo or
        in the format); records already applied are kept as they are."""
        files = self.filtered(lambda f: f.direction == "in" and f.state in ("partial", "error"))
        if not files:
            raise UserError(self.env._("Only incoming files in error can be processed again."))
        files._process()
        return True

    def action_apply_stock_discrepancies(self):
        """Button: one inventory adjustment with the open discrepancies."""
        self.ensure_one()
        self.discrepancy_ids.filtered(lambda d: d.state == "open").action_apply()
        return True

    def action_view_discrepancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_3pl.ecom_3pl_stock_discrepancy_action"
        )
        action["domain"] = [("file_id", "=", self.id)]
        return action

    # ------------------------------------------------------------ intake

    @api.model
    def _receive(self, provider, fmt, name, content):
        """Store an incoming file as it came; a content or a name already
        stored is kept as a duplicate, never applied."""
        checksum = self._ecom_file_checksum(content)
        vals = {
            "provider_id": provider.id,
            "direction": "in",
            "flow": fmt.flow,
            "format_id": fmt.id,
            "name": name,
            "content": base64.b64encode(content),
            "checksum": checksum,
            "state": "received",
        }
        previous = self.search(
            [
                ("provider_id", "=", provider.id),
                ("direction", "=", "in"),
                ("state", "!=", "duplicate"),
                "|",
                ("checksum", "=", checksum),
                ("name", "=", name),
            ],
            limit=1,
        )
        if previous:
            vals.update(
                state="duplicate",
                duplicate_of_id=previous.id,
                message=self.env._(
                    "Already received as %(file)s on %(date)s: not applied again.",
                    file=previous.name,
                    date=previous.create_date,
                ),
            )
        return self.create(vals)

    def _get_content(self):
        return self._ecom_get_file_bytes()

    def _sync_remote(self, transport):
        """Upload an outgoing file, or move an applied incoming file to the
        archive folder (to the error folder when not fully applied)."""
        self.ensure_one()
        provider = self.provider_id
        if self.direction == "out":
            transport.put(provider.dir_out, self.name, self._get_content())
            self.write({"state": "sent", "remote_done": True, "remote_folder": provider.dir_out})
            return
        if self.state == "received":
            return
        target = provider.dir_archive if self.state == "done" else provider.dir_errors
        transport.move(provider.dir_in, self.name, target)
        self.write({"remote_done": True, "remote_folder": target})

    # ------------------------------------------------------------ processing

    def _process(self):
        """Read each incoming file with its format and apply its records.

        Records are applied per transfer (shipments, receipts) in a
        savepoint: a transfer with a bad line is not applied at all and its
        lines get the reason; the others are.  A file that cannot be read as
        a whole (encoding, truncated line, broken XML) applies nothing.
        """
        for file in self.filtered(
            lambda f: f.direction == "in" and f.state in ("received", "partial", "error")
        ):
            try:
                with self.env.cr.savepoint():
                    file._process_one()
            except (RetryableJobError, psycopg2.OperationalError):
                raise
            except Exception as exc:  # pylint: disable=broad-except
                # an unexpected failure must not lose the stored file: keep it for replay
                _logger.exception("ecom_3pl file %s: unexpected error", file.id)
                file.write(
                    {
                        "state": "error",
                        "processed_date": fields.Datetime.now(),
                        "message": self.env._(
                            "Unexpected error, nothing was applied: %s", repr(exc)[:500]
                        ),
                    }
                )

    def _process_one(self):
        done_refs = set(
            self.line_ids.filtered(lambda line: line.state == "done").mapped("reference")
        )
        self.line_ids.filtered(lambda line: line.state != "done").unlink()
        layout = self.format_id._get_layout()
        now = fields.Datetime.now()
        try:
            rows, errors = codec.parse(layout, self._get_content())
        except codec.FormatError as exc:
            self.write(
                {"state": "error", "message": self._format_error_text(exc), "processed_date": now}
            )
            return
        if errors:
            line_no, exc = errors[0]
            self.write(
                {
                    "state": "error",
                    "processed_date": now,
                    "message": self.env._(
                        "Line %(line)s: %(error)s Nothing was applied.",
                        line=line_no,
                        error=self._format_error_text(exc),
                    ),
                }
            )
            return
        if not rows:
            self.write(
                {
                    "state": "error",
                    "processed_date": now,
                    "message": self.env._("The file holds no record."),
                }
            )
            return
        self.line_count = len(rows)
        line_vals = getattr(self, f"_apply_{self.flow}")(layout, rows, done_refs)
        lines = self.env["ecom.3pl.file.line"].create(line_vals)
        lines = self.line_ids | lines
        error_count = len(lines.filtered(lambda line: line.state == "error"))
        if not error_count:
            state, message = "done", False
        else:
            state = "partial" if error_count < len(lines) else "error"
            message = self.env._(
                "%(errors)s line(s) in error out of %(lines)s: see the lines; fix "
                "and process the file again.",
                errors=error_count,
                lines=len(lines),
            )
        self.write({"state": state, "message": message, "processed_date": now})

    def _format_error_text(self, exc):
        params = exc.params
        messages = {
            "empty": lambda: self.env._("The file is empty."),
            "encoding": lambda: self.env._(
                "The file is not %(encoding)s text (invalid byte at position "
                "%(position)s): check the encoding of the format.",
                encoding=params.get("encoding"),
                position=params.get("position"),
            ),
            "xml": lambda: self.env._("The XML cannot be read: %s", params.get("detail")),
            "header": lambda: self.env._(
                "Columns missing from the header line: %s.", params.get("columns")
            ),
            "truncated": lambda: self.env._(
                "the line is shorter than the format (truncated file?)."
            ),
            "number": lambda: self.env._("%s is not a number.", repr(params.get("value"))),
        }
        return messages[exc.code]()

    # ------------------------------------------------------------ helpers

    def _group_rows(self, rows, key):
        groups = {}
        for line_no, row in rows:
            groups.setdefault(row.get(key) or "", []).append((line_no, row))
        return groups.items()

    def _find_product(self, row, candidates=None):
        """Product of a row by internal reference, else barcode (among
        ``candidates`` first: the products of the transfer)."""
        code = row.get("product_code") or ""
        barcode = row.get("barcode") or ""
        for product in candidates or ():
            if code and product.default_code == code or barcode and product.barcode == barcode:
                return product
        domain = [("default_code", "=", code)] if code else [("barcode", "=", barcode)]
        if not (code or barcode):
            return self.env["product.product"]
        return self.env["product.product"].search(
            domain + [("company_id", "in", (False, self.company_id.id))], limit=1
        )

    def _read_quantity(self, layout, row):
        """``(quantity, error message)`` of a row: numbers >= 0 only."""
        try:
            quantity = codec.parse_number(layout, row.get("quantity"))
        except codec.FormatError as exc:
            return 0.0, self.env._("Quantity: %s", self._format_error_text(exc))
        if quantity < 0:
            return 0.0, self.env._("Negative quantity %s.", row.get("quantity"))
        return quantity, None

    def _find_picking(self, reference, picking_type):
        return self.env["stock.picking"].search(
            [
                ("name", "=", reference),
                ("picking_type_id", "=", picking_type.id),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )

    def _read_transfer_rows(self, layout, rows, picking):
        """Check the rows of one transfer: ``(lines, errors)`` with lines the
        dicts given to the picking and errors ``{line_no: message}``."""
        products = picking.move_ids.product_id
        lines, errors = [], {}
        for line_no, row in rows:
            product = self._find_product(row, products)
            code = row.get("product_code") or row.get("barcode")
            if not product:
                errors[line_no] = self.env._("Unknown product %s.", code or "?")
                continue
            if product not in products:
                errors[line_no] = self.env._(
                    "Product %(product)s is not in %(picking)s.",
                    product=code,
                    picking=picking.name,
                )
                continue
            quantity, error = self._read_quantity(layout, row)
            if error:
                errors[line_no] = error
                continue
            weight = 0.0
            if row.get("weight"):
                try:
                    weight = codec.parse_number(layout, row["weight"])
                except codec.FormatError as exc:
                    errors[line_no] = self.env._("Weight: %s", self._format_error_text(exc))
                    continue
            if product.tracking != "none" and quantity and not row.get("lot"):
                errors[line_no] = self.env._(
                    "Product %s is tracked by lot or serial number: the lot is missing.",
                    code,
                )
                continue
            lines.append(
                {
                    "line_no": line_no,
                    "product": product,
                    "quantity": quantity,
                    "lot": row.get("lot") or "",
                    "tracking_ref": row.get("tracking_ref") or "",
                    "carrier": row.get("carrier") or "",
                    "weight": weight,
                }
            )
        return lines, errors

    def _apply_transfers(self, layout, rows, done_refs, key, picking_type, apply_method):
        vals_list = []
        for reference, group in self._group_rows(rows, key):
            if reference in done_refs:
                continue
            picking = self._find_picking(reference, picking_type)
            errors = {}
            lines = []
            if not picking:
                errors = dict.fromkeys(
                    (line_no for line_no, _row in group),
                    self.env._("Unknown transfer reference %s.", reference or "?"),
                )
            elif picking.state in ("done", "cancel", "draft"):
                errors = dict.fromkeys(
                    (line_no for line_no, _row in group),
                    self.env._(
                        "%(picking)s is %(state)s: it cannot be validated.",
                        picking=picking.name,
                        state=dict(picking._fields["state"]._description_selection(self.env))[
                            picking.state
                        ],
                    ),
                )
            else:
                lines, errors = self._read_transfer_rows(layout, group, picking)
                if not errors:
                    errors = getattr(picking, f"{apply_method}_check")(lines)
            if not errors:
                try:
                    with self.env.cr.savepoint():
                        results = getattr(picking, apply_method)(lines)
                except (UserError, ValidationError) as exc:
                    errors = dict.fromkeys((line_no for line_no, _row in group), exc.args[0])
            if errors:
                for line_no, row in group:
                    vals_list.append(
                        self._prepare_line_vals(
                            line_no,
                            row,
                            reference,
                            picking,
                            state="error",
                            message=errors.get(line_no)
                            or self.env._(
                                "Not applied: another line of %s is in error.", reference
                            ),
                        )
                    )
                continue
            for line in lines:
                row = dict(group)[line["line_no"]]
                vals = self._prepare_line_vals(
                    line["line_no"], row, reference, picking, state="done", product=line["product"]
                )
                vals.update(results.get(line["line_no"], {}))
                vals_list.append(vals)
        return vals_list

    def _prepare_line_vals(
        self, line_no, row, reference, picking, state, message=False, product=None
    ):
        return {
            "file_id": self.id,
            "line_no": line_no,
            "reference": reference,
            "product_code": row.get("product_code") or row.get("barcode"),
            "product_id": product.id if product else False,
            "quantity_text": row.get("quantity"),
            "lot": row.get("lot"),
            "tracking_ref": row.get("tracking_ref"),
            "picking_id": picking.id if picking else False,
            "state": state,
            "message": message,
        }

    # ------------------------------------------------------------ flows

    def _apply_shipment(self, layout, rows, done_refs):
        return self._apply_transfers(
            layout,
            rows,
            done_refs,
            "order_ref",
            self.provider_id.warehouse_id.out_type_id,
            "_ecom_3pl_apply_shipment",
        )

    def _apply_receipt(self, layout, rows, done_refs):
        return self._apply_transfers(
            layout,
            rows,
            done_refs,
            "asn_ref",
            self.provider_id.warehouse_id.in_type_id,
            "_ecom_3pl_apply_receipt",
        )

    def _apply_stock(self, layout, rows, done_refs):
        """Compare the provider's stock with Odoo's in the warehouse: one
        discrepancy per product that differs (products in stock in Odoo and
        missing from the snapshot count 0 at the provider)."""
        self.discrepancy_ids.filtered(lambda d: d.state == "open").unlink()
        vals_list = []
        counted = defaultdict(float)
        in_error = set()
        for line_no, row in rows:
            code = row.get("product_code") or row.get("barcode")
            product = self._find_product(row)
            quantity, error = self._read_quantity(layout, row)
            if not product:
                error = self.env._("Unknown product %s.", code or "?")
            if error:
                in_error.add(code)
                vals_list.append(
                    self._prepare_line_vals(line_no, row, code, None, state="error", message=error)
                )
                continue
            counted[product] += quantity
            vals_list.append(
                self._prepare_line_vals(line_no, row, code, None, state="done", product=product)
            )
        location = self.provider_id.warehouse_id.lot_stock_id
        in_odoo = dict(
            self.env["stock.quant"]._read_group(
                [("location_id", "child_of", location.id), ("product_id.is_storable", "=", True)],
                ["product_id"],
                ["quantity:sum"],
            )
        )
        products = set(counted) | {p for p, qty in in_odoo.items() if qty}
        discrepancies = []
        for product in products:
            if product.default_code in in_error or product.barcode in in_error:
                continue
            if not product.is_storable:
                continue
            odoo_qty = in_odoo.get(product, 0.0)
            provider_qty = counted.get(product, 0.0)
            if float_compare(odoo_qty, provider_qty, precision_rounding=product.uom_id.rounding):
                discrepancies.append(
                    {
                        "file_id": self.id,
                        "product_id": product.id,
                        "location_id": location.id,
                        "odoo_quantity": odoo_qty,
                        "provider_quantity": provider_qty,
                    }
                )
        self.env["ecom.3pl.stock.discrepancy"].create(
            sorted(discrepancies, key=lambda vals: vals["product_id"])
        )
        return vals_list

    def _check_inventory_rights(self):
        if not self.env.user.has_group("stock.group_stock_manager"):
            raise AccessError(
                self.env._("Only inventory administrators can apply a stock adjustment.")
            )
