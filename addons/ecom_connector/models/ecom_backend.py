# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import json
import logging
import os
import secrets
import shutil
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, config

from odoo.addons.ecom_base.paths import (
    FILE_ROOT_PARAM,
    check_folder_writer,
    file_root,
    resolve_folder,
)
from odoo.addons.queue_job.exception import RetryableJobError

from ..platforms import PlatformError, UnreadableOrder, get_adapter_class
from .ecom_inbox import hold_job_lock

_logger = logging.getLogger(__name__)

MANAGER = "ecom_base.ecom_base_group_manager"
#: days read back by the first import of a shop without a start date
FIRST_IMPORT_DAYS = 7
#: seconds before a new job after a failure the remote system gave no delay for
RETRY_SECONDS = 60


class EcomBackend(models.Model):
    """A shop or marketplace that orders come from."""

    _name = "ecom.backend"
    _check_company_auto = True
    _description = "E-commerce Backend"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    platform = fields.Selection(
        selection=[
            ("prestashop", "PrestaShop"),
            ("woocommerce", "WooCommerce"),
            ("shopify", "Shopify"),
            ("magento2", "Magento 2"),
            ("file", "Files (CSV / XML)"),
        ],
        required=True,
        tracking=True,
    )
    base_url = fields.Char(
        string="Shop URL", help="Root URL of the shop, e.g. https://shop.example.fr"
    )
    api_key = fields.Char(
        string="API Key",
        groups=MANAGER,
        help="PrestaShop webservice key, WooCommerce consumer key, "
        "Shopify access token or Magento integration token.",
    )
    api_secret = fields.Char(
        string="API Secret", groups=MANAGER, help="WooCommerce consumer secret."
    )
    webhook_secret = fields.Char(
        groups=MANAGER,
        help="Secret the shop signs its webhooks with (Shopify app secret, "
        "WooCommerce webhook secret).",
    )
    push_api_key_hash = fields.Char(
        string="Push API Key (hashed)", groups=MANAGER, copy=False, readonly=True
    )
    push_api_key_set = fields.Boolean(compute="_compute_push_api_key_set")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", check_company=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", help="Salesperson of the imported orders."
    )
    pricelist_id = fields.Many2one(
        "product.pricelist", check_company=True, help="Pricelist of the imported orders."
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        help="Currency the shop sells in.",
    )
    prices_include_tax = fields.Boolean(
        compute="_compute_prices_include_tax",
        store=True,
        readonly=False,
        help="The shop's prices include VAT (usual for a shop selling to consumers).",
    )
    lang = fields.Selection(
        selection="_get_lang_selection",
        string="Language of the Messages",
        compute="_compute_lang",
        store=True,
        readonly=False,
        help="Language the inbox writes its results and errors in, whoever runs the "
        "import (scheduled job, webhook, API).",
    )
    default_payment_rule = fields.Selection(
        selection=[
            ("always", "Confirm at once"),
            ("paid", "Confirm when paid"),
            ("authorized", "Confirm when paid or authorized"),
            ("never", "Do not import"),
        ],
        default="paid",
        required=True,
        help="Import rule of the payment methods that have no mapping.",
    )
    discount_product_id = fields.Many2one(
        "product.product",
        check_company=True,
        default=lambda self: self.env.ref(
            "ecom_connector.product_ecom_discount", raise_if_not_found=False
        ),
        help="Product of the discount lines (coupons, line discounts).",
    )
    wrapping_product_id = fields.Many2one(
        "product.product",
        string="Gift Wrapping Product",
        check_company=True,
        default=lambda self: self._default_product("ecom_connector.product_ecom_gift_wrapping"),
        help="Product of the gift wrapping lines (PrestaShop gift wrapping).",
    )
    duty_product_id = fields.Many2one(
        "product.product",
        string="Duties Product",
        check_company=True,
        default=lambda self: self._default_product("ecom_connector.product_ecom_duty"),
        help="Product of the import duties the shop collected (Shopify duties).",
    )
    tip_product_id = fields.Many2one(
        "product.product",
        check_company=True,
        default=lambda self: self._default_product("ecom_connector.product_ecom_tip"),
        help="Product of the tips customers gave (outside the scope of VAT unless the shop "
        "taxed them).",
    )
    fee_product_id = fields.Many2one(
        "product.product",
        string="Additional Fees Product",
        check_company=True,
        default=lambda self: self._default_product("ecom_connector.product_ecom_fee"),
        help="Product of the additional fees the shop charged (Shopify additional fees).",
    )
    default_carrier_id = fields.Many2one(
        "delivery.carrier",
        check_company=True,
        help="Shipping method of the orders whose carrier has no mapping.",
    )
    fiscal_position_domestic_id = fields.Many2one(
        "account.fiscal.position",
        string="Domestic Fiscal Position",
        compute="_compute_fiscal_positions",
        store=True,
        readonly=False,
        check_company=True,
        help="Orders shipped in the company's country.",
    )
    fiscal_position_eu_b2c_id = fields.Many2one(
        "account.fiscal.position",
        string="EU Consumers Fiscal Position",
        compute="_compute_fiscal_positions",
        store=True,
        readonly=False,
        check_company=True,
        help="Orders of consumers shipped to another EU country (OSS).",
    )
    fiscal_position_eu_b2b_id = fields.Many2one(
        "account.fiscal.position",
        string="EU Businesses Fiscal Position",
        compute="_compute_fiscal_positions",
        store=True,
        readonly=False,
        check_company=True,
        help="Orders of companies with a valid VAT number shipped to another EU country "
        "(intra-community deliveries).",
    )
    fiscal_position_export_id = fields.Many2one(
        "account.fiscal.position",
        string="Export Fiscal Position",
        compute="_compute_fiscal_positions",
        store=True,
        readonly=False,
        check_company=True,
        help="Orders shipped outside the EU.",
    )
    tax_map_ids = fields.One2many("ecom.tax.map", "backend_id", string="Tax Mapping", copy=True)
    payment_map_ids = fields.One2many(
        "ecom.payment.map", "backend_id", string="Payment Methods", copy=True
    )
    carrier_map_ids = fields.One2many(
        "ecom.carrier.map", "backend_id", string="Carriers", copy=True
    )
    state_map_ids = fields.One2many(
        "ecom.state.map", "backend_id", string="Order States", copy=True
    )
    # intake
    import_from = fields.Datetime(
        string="Import Orders Updated Since",
        help="Watermark: orders updated at the shop since this moment are imported "
        "by the next run. Empty: the first run imports the orders of the last "
        f"{FIRST_IMPORT_DAYS} days, not the shop's whole history.",
        copy=False,
    )
    sync_overlap = fields.Integer(
        string="Overlap (minutes)",
        default=10,
        help="Each run reads again this many minutes before the watermark, so that an "
        "order created while the previous run was reading is not missed.",
    )
    sync_interval = fields.Integer(
        string="Run Every (minutes)",
        default=15,
        help="How often the scheduled intake polls the shop (0: never).",
    )
    last_sync_at = fields.Datetime(readonly=True, copy=False)
    poll_failure_count = fields.Integer(
        string="Failures in a Row",
        readonly=True,
        copy=False,
        help="Polls of the shop that failed since the last one that worked.",
    )
    poll_error = fields.Text(string="Last Error", readonly=True, copy=False)
    poll_error_at = fields.Datetime(string="Last Failure", readonly=True, copy=False)
    next_sync_at = fields.Datetime(copy=False)
    shop_version = fields.Char(
        readonly=True,
        copy=False,
        help="Version the shop reports (PrestaShop's PSWS-Version header), kept from the "
        "last Test Connection or import; it tells which resources the shop has.",
    )
    share_customers = fields.Boolean(
        string="Customers Shared Between Companies",
        help="Customers imported for this shop are found among and created as customers of "
        "every company; by default they belong to the shop's company only.",
    )
    file_folder = fields.Char(
        help="Server folder where order files (CSV or XML) are dropped; processed "
        "files move to its 'done' sub-folder."
    )
    inbox_ids = fields.One2many("ecom.inbox", "backend_id")
    inbox_count = fields.Integer(compute="_compute_inbox_count")
    inbox_error_count = fields.Integer(compute="_compute_inbox_count")
    order_count = fields.Integer(compute="_compute_order_count")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A shop with this name already exists."),
    ]

    @api.depends("name", "platform")
    def _compute_display_name(self):
        labels = dict(self._fields["platform"]._description_selection(self.env))
        for backend in self:
            # a shop being created has no name yet: its platform alone
            name, platform = backend.name, labels.get(backend.platform)
            if name and platform:
                backend.display_name = f"{name} ({platform})"
            else:
                backend.display_name = name or platform or ""

    @api.model
    def _get_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.depends("company_id")
    def _compute_lang(self):
        for backend in self:
            backend.lang = backend.lang or backend.company_id.partner_id.lang or self.env.lang

    @api.depends("company_id", "pricelist_id")
    def _compute_currency_id(self):
        for backend in self:
            backend.currency_id = backend.pricelist_id.currency_id or backend.company_id.currency_id

    @api.depends("company_id")
    def _compute_fiscal_positions(self):
        for backend in self:
            chart = self.env["account.chart.template"].with_company(backend.company_id)
            for field, xmlid in (
                ("fiscal_position_domestic_id", "fiscal_position_template_domestic"),
                ("fiscal_position_eu_b2c_id", "fiscal_position_template_intraeub2c"),
                ("fiscal_position_eu_b2b_id", "fiscal_position_template_intraeub2b"),
                ("fiscal_position_export_id", "fiscal_position_template_import_export"),
            ):
                fpos = chart.ref(xmlid, raise_if_not_found=False)
                backend[field] = fpos if fpos and fpos.company_id == backend.company_id else False

    @api.depends("platform")
    def _compute_prices_include_tax(self):
        for backend in self:
            # B2C platforms show prices tax included by default; Magento stores
            # its catalogue prices tax excluded by default.
            backend.prices_include_tax = backend.platform != "magento2"

    @api.depends("push_api_key_hash")
    def _compute_push_api_key_set(self):
        for backend in self.sudo():
            backend.push_api_key_set = bool(backend.push_api_key_hash)

    def _compute_inbox_count(self):
        groups = self.env["ecom.inbox"]._read_group(
            [("backend_id", "in", self.ids)], ["backend_id", "state"], ["__count"]
        )
        counts = {}
        for backend, state, count in groups:
            counts.setdefault(backend.id, {})[state] = count
        for backend in self:
            by_state = counts.get(backend.id, {})
            backend.inbox_count = sum(by_state.values())
            backend.inbox_error_count = by_state.get("error", 0)

    def _compute_order_count(self):
        groups = self.env["ecom.sale.order"]._read_group(
            [("backend_id", "in", self.ids)], ["backend_id"], ["__count"]
        )
        counts = {backend.id: count for backend, count in groups}
        for backend in self:
            backend.order_count = counts.get(backend.id, 0)

    @api.constrains("base_url")
    def _check_base_url(self):
        for backend in self.filtered("base_url"):
            if not backend.base_url.lower().startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._("The shop URL must start with http:// or https://.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("file_folder"):
                vals["file_folder"] = self._check_file_folder(vals["file_folder"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("file_folder"):
            vals = dict(vals, file_folder=self._check_file_folder(vals["file_folder"]))
        return super().write(vals)

    # ------------------------------------------------------------ actions

    def action_test_connection(self):
        self.ensure_one()
        try:
            # the merchant waits: short timeout, no retry, the platform's words
            message = self._get_adapter(interactive=True).test_connection()
        except PlatformError as exc:
            raise UserError(self._error_text(exc)) from exc
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Connection OK"),
                "message": self._error_text(message),
                "type": "success",
                "sticky": False,
            },
        }

    def action_import_orders(self):
        """Queue an import of the orders updated since the watermark."""
        for backend in self:
            backend._delay_import()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Import queued"),
                "message": self.env._("The orders will appear in the inbox in a moment."),
                "type": "info",
                "sticky": False,
            },
        }

    def action_view_inbox(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ecom_connector.ecom_inbox_action")
        action["domain"] = [("backend_id", "=", self.id)]
        action["context"] = {"default_backend_id": self.id, "search_default_error": 0}
        return action

    def action_view_inbox_errors(self):
        action = self.action_view_inbox()
        action["context"] = {"default_backend_id": self.id, "search_default_error": 1}
        return action

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        orders = self.env["ecom.sale.order"].search([("backend_id", "=", self.id)]).odoo_id
        action["domain"] = [("id", "in", orders.ids)]
        action["context"] = {}
        return action

    def action_generate_push_api_key(self):
        """Create a new push API key, store only its hash, show it once."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only an E-commerce manager can create API keys."))
        key = secrets.token_urlsafe(32)
        self.sudo().push_api_key_hash = self._hash_api_key(key)
        # logged, not sent: works for a manager without an e-mail address
        self._message_log(
            body=self.env._("A new push API key was created; the previous one no longer works.")
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.backend.api.key",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Push API Key"),
            "context": {"default_backend_id": self.id, "ecom_push_api_key": key},
        }

    # ------------------------------------------------------- business

    @api.model
    def _default_product(self, xmlid):
        """Default of the shop's product fields: the module's product."""
        return self.env.ref(xmlid, raise_if_not_found=False)

    @api.model
    def _hash_api_key(self, key):
        return hashlib.sha256(key.encode()).hexdigest()

    def _check_push_api_key(self, key):
        """True when ``key`` is the backend's push API key (constant time)."""
        self.ensure_one()
        stored = self.sudo().push_api_key_hash
        if not stored or not key:
            return False
        return hmac.compare_digest(stored, self._hash_api_key(key))

    def _get_adapter(self, interactive=False):
        """The platform adapter of this backend (HTTP client + mapper): the
        one factory of the platform classes.  ``interactive``: a person waits
        for the answer (short timeout, errors instead of job retries)."""
        self.ensure_one()
        return get_adapter_class(self.platform)(self.sudo(), interactive=interactive)

    def _error_text(self, message):
        """Text of a (lazily translated) platform message in the user's language."""
        if isinstance(message, PlatformError):
            message = message.args[0] if message.args else ""
        if isinstance(message, str):
            return message
        return self.env._(message)

    def _import_orders(self, until=None):
        """Job: read the orders updated since the watermark, store each one in
        the inbox, queue its processing, then move the watermark.

        The watermark moves back by ``sync_overlap`` minutes at each run so that
        an order created while the previous run was reading is read again;
        the inbox and the binding make a second read harmless.

        The shop being unreachable, failing (5xx) or throttling (429) raises
        a retryable job error: the job queue runs the import again after the
        platform's hint or the job's retry pattern.  When that happens after
        whole pages were read, they are kept: the watermark moves to the last
        order read and a new import job goes on after the hint.
        """
        self.ensure_one()
        hold_job_lock(self.env)
        self._lock_import()
        if self.platform == "file":
            return self._import_folder()
        until = until or fields.Datetime.now()
        start = self.import_from or until - timedelta(days=FIRST_IMPORT_DAYS)
        since = start - timedelta(minutes=self.sync_overlap)
        adapter = self._get_adapter()
        entries = self.env["ecom.inbox"]
        try:
            for external_id, payload in adapter.fetch_orders(since, until):
                unreadable = isinstance(payload, UnreadableOrder)
                entry = self.env["ecom.inbox"]._receive(
                    self,
                    payload.payload if unreadable else payload,
                    source="poll",
                    external_id=external_id,
                    content_type=adapter.content_type,
                    process=False,
                    known_error=unreadable,
                )
                if not unreadable:
                    entries |= entry
                elif entry.state == "new":
                    # that order fails alone, with the reason; the rest goes on
                    entry._set_error(self._error_text(payload.error(external_id)))
        except PlatformError as exc:
            # refused (credentials, a page the connector cannot read): the
            # merchant sees it on the shop; the job ends with the same words
            message = self._error_text(exc)
            self._record_poll_failure(message)
            return message
        except RetryableJobError as exc:
            checkpoint = adapter.client.checkpoint
            if not entries or not checkpoint or checkpoint <= since:
                self._record_poll_failure(str(exc), separately=True)
                raise
            self.write(
                {"import_from": min(checkpoint, until), "last_sync_at": fields.Datetime.now()}
            )
            entries._enqueue()
            self._delay_import(eta=self._retry_seconds(exc))
            return self.env._(
                "%(orders)s read; the shop asked to wait (%(reason)s): the import goes on in "
                "a new job.",
                orders=self._count_orders(len(entries)),
                reason=str(exc),
            )
        self.write(
            {"import_from": until, "last_sync_at": fields.Datetime.now(), "poll_failure_count": 0}
        )
        entries._enqueue()
        return self.env._(
            "%(orders)s read in %(requests)s HTTP requests",
            orders=self._count_orders(len(entries)),
            requests=adapter.request_count,
        )

    def _import_folder(self):
        """Import of a file shop: store each file of its folder in the inbox
        (its orders are then processed by their own jobs)."""
        self.ensure_one()
        if not self.file_folder:
            return self.env._(
                "No folder is set on %s: upload its files instead.", self.display_name
            )
        entries = self.env["ecom.inbox"]._receive_folder(self)
        self.last_sync_at = fields.Datetime.now()
        return self.env._(
            "%(count)s files read from %(folder)s", count=len(entries), folder=self.file_folder
        )

    def _ecom_demo_fill_folder(self):
        """Demo data: give the file shop a folder of its own beside the
        database's filestore, holding the sample files of ``demo/files``
        (files already there, or already imported into ``done/``, are kept)."""
        samples = os.path.join(os.path.dirname(os.path.dirname(__file__)), "demo", "files")
        demo_root = os.path.join(config["data_dir"], "ecom_demo_files")
        if not file_root(self.env):
            # server folders are refused outside an allowed root
            os.makedirs(demo_root, exist_ok=True)
            self.env["ir.config_parameter"].sudo().set_param(FILE_ROOT_PARAM, demo_root)
        for backend in self:
            folder = backend.file_folder or os.path.join(
                demo_root, self.env.cr.dbname, str(backend.id)
            )
            os.makedirs(folder, exist_ok=True)
            done = os.path.join(folder, "done")
            for name in sorted(os.listdir(samples)):
                if not any(os.path.exists(os.path.join(d, name)) for d in (folder, done)):
                    shutil.copy(os.path.join(samples, name), folder)
            backend.file_folder = folder
        return True

    @api.model
    def _count_orders(self, count):
        """ "1 order" / "3 orders" in the current language."""
        if count == 1:
            return self.env._("1 order")
        return self.env._("%s orders", count)

    def _record_poll_failure(self, message, separately=False):
        """Count a failed poll on the shop; at the third in a row the
        E-commerce managers get an activity.  ``separately``: the job's
        transaction is about to be rolled back (the job queue retries it),
        so the failure is written in a transaction of its own."""
        self.ensure_one()
        if separately:
            with self.env.registry.cursor() as cr:
                cr.execute(
                    SQL(
                        "UPDATE ecom_backend SET poll_failure_count = "
                        "COALESCE(poll_failure_count, 0) + 1, poll_error = %s, "
                        "poll_error_at = now() AT TIME ZONE 'UTC' WHERE id = %s "
                        "RETURNING poll_failure_count",
                        message,
                        self.id,
                    )
                )
                row = cr.fetchone()
                if row and row[0] == 3:
                    self.with_env(self.env(cr=cr))._notify_poll_failures(message)
            self.invalidate_recordset(["poll_failure_count", "poll_error", "poll_error_at"])
            return
        backend = self.sudo()
        count = backend.poll_failure_count + 1
        backend.write(
            {
                "poll_failure_count": count,
                "poll_error": message,
                "poll_error_at": fields.Datetime.now(),
            }
        )
        if count == 3:
            self._notify_poll_failures(message)

    def _notify_poll_failures(self, message):
        """An activity to each E-commerce manager of the shop's company."""
        backend = self.sudo()
        managers = (
            self.env.ref(MANAGER)
            .sudo()
            .users.filtered(lambda user: backend.company_id in user.company_ids and not user.share)
        )
        for user in managers:
            backend.activity_schedule(
                "mail.mail_activity_data_warning",
                summary=self.env._("The shop cannot be read"),
                note=self.env._(
                    "The last three imports of %(shop)s failed: %(error)s",
                    shop=backend.display_name,
                    error=message,
                ),
                user_id=user.id,
            )

    def _lock_import(self):
        """One import of a shop at a time: a second one waits for the first
        without spending its retries (advisory lock of the transaction)."""
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s))", f"ecom.backend.import:{self.id}")
        )
        if not self.env.cr.fetchone()[0]:
            raise RetryableJobError(
                f"orders of backend {self.id} are being imported", seconds=10, ignore_retry=True
            )

    @api.model
    def _retry_seconds(self, exc):
        """Seconds before a new job goes on after a retryable failure: the
        remote system's hint (Retry-After), else the system parameter
        ``ecom_connector.retry_seconds`` (default 60)."""
        if exc.seconds:
            return exc.seconds
        param = self.env["ir.config_parameter"].sudo().get_param("ecom_connector.retry_seconds")
        return int(param or RETRY_SECONDS)

    def _delay_import(self, eta=None):
        """Queue an import job of this shop (one pending at a time), named in
        the shop's language."""
        self.ensure_one()
        if self.lang and self.env.context.get("lang") != self.lang:
            return self.with_context(lang=self.lang)._delay_import(eta=eta)
        return self.with_delay(
            channel="root.ecom",
            eta=eta,
            description=self.env._("Import orders of %s", self.display_name),
            identity_key=f"ecom_import_orders_{self.id}",
        )._import_orders()

    def _get_state_action(self, shop_state):
        """import / skip / cancel for an order in the shop's state ``shop_state``."""
        self.ensure_one()
        line = self.state_map_ids.filtered(lambda m: m.shop_state == shop_state)[:1]
        return line.action or "import"

    def _get_payment_rule(self, method):
        self.ensure_one()
        line = self.payment_map_ids.filtered(lambda m: m.code == method)[:1]
        return line.rule or self.default_payment_rule

    def _get_carrier(self, shipping):
        """The delivery.carrier of the shop's carrier code, or the default one."""
        self.ensure_one()
        if not shipping:
            return self.env["delivery.carrier"]
        line = self.carrier_map_ids.filtered(
            lambda m: m.code in (shipping["code"], shipping["name"])
        )[:1]
        return line.carrier_id or self.default_carrier_id

    def _get_tax(self, rate, country):
        """The tax mapped to the shop's ``rate`` for ``country`` (a mapping for
        the country first, then one for any country); None when unmapped.
        A 0 % rate without a mapping means no tax."""
        self.ensure_one()
        rate = float(rate)
        lines = self.tax_map_ids.filtered(lambda m: abs(m.rate - rate) < 0.00005)
        line = (
            lines.filtered(lambda m: m.country_id == country)[:1]
            or lines.filtered(lambda m: not m.country_id)[:1]
        )
        if line:
            return line.tax_id
        if not rate:
            return self.env["account.tax"]
        return None

    def _get_destination(self, customer, shipping):
        """domestic / eu_b2c / eu_b2b / export, from where the goods go and
        whether the customer is a company with a VAT number."""
        self.ensure_one()
        country = shipping.country_id
        home = self.company_id.account_fiscal_country_id or self.company_id.country_id
        if country == home or (home.code == "FR" and country.code == "MC"):
            return "domestic"
        if country in self.env.ref("base.europe").country_ids:
            commercial = customer.commercial_partner_id
            return "eu_b2b" if commercial.is_company and commercial.vat else "eu_b2c"
        return "export"

    def _get_fiscal_position(self, customer, shipping):
        """The backend's fiscal position for the destination, else Odoo's own
        choice (auto-applied fiscal positions)."""
        self.ensure_one()
        # the suite's one geography rule (ecom_base): Monaco, DOM, OSS threshold
        geography = self.company_id._ecom_get_vat_geography(customer, shipping)
        fpos = self[f"fiscal_position_{geography.fiscal_position}_id"]
        return fpos or self.env["account.fiscal.position"].with_company(
            self.company_id
        )._get_fiscal_position(customer, delivery=shipping)

    def _get_pricelist(self, currency_code):
        """The pricelist of the orders: the shop's, or one in the order's currency."""
        self.ensure_one()
        currency = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "=", currency_code)], limit=1)
        )
        if not currency:
            raise UserError(self.env._("Unknown currency %s.", currency_code))
        if self.pricelist_id and self.pricelist_id.currency_id == currency:
            return self.pricelist_id
        pricelist = self.env["product.pricelist"].search(
            [
                ("currency_id", "=", currency.id),
                ("company_id", "in", (False, self.company_id.id)),
            ],
            limit=1,
        )
        if not pricelist:
            if currency == self.company_id.currency_id and not self.pricelist_id:
                return pricelist
            raise UserError(
                self.env._(
                    "The order is in %(currency)s and no pricelist uses this currency: create one "
                    "(Sales > Products > Pricelists), then retry.",
                    currency=currency.name,
                )
            )
        return pricelist

    def _find_products(self, lines):
        """``{line index: product.product}`` by SKU (internal reference), then
        barcode, in two queries for the whole order."""
        self.ensure_one()
        Product = self.env["product.product"]
        company = [("company_id", "in", (False, self.company_id.id))]
        skus = {line["sku"] for line in lines if line["sku"]}
        barcodes = {line["barcode"] for line in lines if line["barcode"]}
        by_sku = (
            {
                p.default_code: p
                for p in Product.search([("default_code", "in", list(skus))] + company)
            }
            if skus
            else {}
        )
        by_barcode = (
            {p.barcode: p for p in Product.search([("barcode", "in", list(barcodes))] + company)}
            if barcodes
            else {}
        )
        result = {}
        for index, line in enumerate(lines, start=1):
            product = (
                by_sku.get(line["sku"])
                or by_barcode.get(line["barcode"])
                or (by_barcode.get(line["sku"]) if line["sku"] else None)
            )
            if product:
                result[index] = product
        return result

    @api.model
    def _cron_import_orders(self):
        """Scheduled intake: queue an import for each backend that is due."""
        now = fields.Datetime.now()
        backends = self.search(
            [
                ("sync_interval", ">", 0),
                ("platform", "!=", "file"),
                "|",
                ("next_sync_at", "=", False),
                ("next_sync_at", "<=", now),
            ]
        )
        for backend in backends:
            backend.next_sync_at = now + timedelta(minutes=backend.sync_interval)
        backends.action_import_orders()
        self.search([("platform", "=", "file"), ("file_folder", "!=", False)])._scan_folder()

    def _scan_folder(self):
        """Store each file dropped in the backend's folder in the inbox; a
        folder in error does not stop (nor roll back) the others."""
        for backend in self:
            try:
                with self.env.cr.savepoint():
                    self.env["ecom.inbox"]._receive_folder(backend)
            except UserError as exc:
                _logger.warning("ecom backend %s: %s", backend.id, exc.args[0])

    @api.model
    def _check_file_folder(self, folder):
        """The folder as stored, or an error: only a system administrator
        sets it, under the allowed root, without symbolic links."""
        check_folder_writer(self.env)
        resolve_folder(self.env, folder)
        return folder

    @api.model
    def _resolve_folder(self, folder):
        return resolve_folder(self.env, folder)

    # ------------------------------------------------ external API

    def receive_orders(self, payload, content_type="application/json"):
        """Push API over XML-RPC / JSON-RPC: store ``payload`` (the canonical
        order, a list of them, or the platform's own order format) in the
        inbox and queue its processing.  Returns the inbox entry ids.

        Callable by users of the *E-commerce / Integration* group.
        """
        self.ensure_one()
        if not self.env.user.has_group("ecom_connector.ecom_connector_group_integration"):
            raise AccessError(self.env._("Only an integration user can push orders."))
        # as the HTTP endpoint: a shop of another company or archived is refused
        self.check_access("read")
        if not self.active:
            raise UserError(self.env._("The shop %s is archived: it takes no orders.", self.name))
        if not isinstance(payload, str):
            payload = json.dumps(payload, ensure_ascii=False)
        entry = (
            self.env["ecom.inbox"]
            .sudo()
            ._receive(
                self.sudo(),
                payload,
                source="api",
                content_type=content_type,
                payload_format="canonical",
                kind="batch",
            )
        )
        return entry.ids
