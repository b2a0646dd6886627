# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError


class EcomSupplierFeedRun(models.Model):
    _name = "ecom.supplier.feed.run"
    _description = "Supplier Feed Run"
    _order = "id desc"

    feed_id = fields.Many2one(
        "ecom.supplier.feed",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(related="feed_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="feed_id.partner_id", string="Supplier")
    state = fields.Selection(
        [("pending", "To Process"), ("done", "Done"), ("failed", "Failed")],
        default="pending",
        required=True,
        readonly=True,
    )
    payload = fields.Binary(string="File", attachment=True, readonly=True)
    payload_filename = fields.Char(string="File Name", readonly=True)
    feed_date = fields.Datetime(
        string="File Date",
        readonly=True,
        help="Date of the file (server file or HTTP Last-Modified).",
    )
    stock_trusted = fields.Boolean(
        string="Stock Updated",
        readonly=True,
        help="False when the file was older than the feed's maximum age: only prices were updated.",
    )
    lines_read = fields.Integer(readonly=True)
    lines_updated = fields.Integer(readonly=True)
    lines_unknown = fields.Integer(string="Unknown References", readonly=True)
    lines_error = fields.Integer(string="Lines in Error", readonly=True)
    lines_zeroed = fields.Integer(
        string="Set to 0",
        readonly=True,
        help="Products missing from a full feed, set to 0 in stock.",
    )
    unknown_refs = fields.Text(string="Unknown References List", readonly=True)
    error_log = fields.Text(string="Line Errors", readonly=True)
    error_message = fields.Text(string="Error", readonly=True)

    def _compute_display_name(self):
        for run in self:
            run.display_name = f"{run.feed_id.name} — {fields.Datetime.to_string(run.create_date)}"

    def action_replay(self):
        """Button: process the stored file again (after fixing the mapping)."""
        for run in self:
            if not run.payload:
                raise UserError(self.env._("This run has no file to process again."))
        self.write({"state": "pending", "error_message": False})
        self._process()
        return True

    def _process(self):
        """Parse the stored payload, then apply it; a file that cannot be read
        leaves the run failed and every vendor price unchanged."""
        for run in self:
            feed = run.feed_id.with_company(run.company_id)
            now = fields.Datetime.now()
            feed_date = run.feed_date or now
            stock_trusted = feed._is_stock_date_trusted(feed_date, now)
            try:
                with self.env.cr.savepoint():
                    rows, errors, lines_read = feed._parse_payload(
                        base64.b64decode(run.payload or b"")
                    )
                    stats = feed._apply_rows(rows, feed_date, stock_trusted)
            except UserError as exc:
                run.write({"state": "failed", "error_message": str(exc)})
                continue
            vals = dict(
                stats,
                state="done",
                stock_trusted=stock_trusted,
                lines_read=lines_read,
                lines_error=lines_read - len([r for r in rows if not r.get("invalid")]),
                error_log="\n".join(errors[:1000]),
                error_message=False
                if stock_trusted
                else self.env._(
                    "The file dates from %(date)s, older than the %(hours)s-hour maximum: "
                    "prices updated, stock not trusted.",
                    date=fields.Datetime.to_string(feed_date),
                    hours=feed.max_age_hours,
                ),
            )
            run.write(vals)
