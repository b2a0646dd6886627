# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json
import logging
import os
import shutil
import struct
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, RedirectWarning, UserError, ValidationError
from odoo.tools import SQL, mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from ..platforms import PlatformError
from ..platforms.canonical import normalize, split_json_orders

_logger = logging.getLogger(__name__)

#: payloads larger than this are kept but not processed (bytes)
DEFAULT_MAX_PAYLOAD = 2 * 1024 * 1024
#: what a shop sent and where it came from: written once, at creation
IMMUTABLE_FIELDS = frozenset(
    {
        "backend_id",
        "source",
        "payload_format",
        "kind",
        "event_id",
        "topic",
        "filename",
        "content_type",
        "payload",
        "payload_hash",
        "payload_size",
        "received_at",
        "parent_id",
    }
)
MANAGER = "ecom_base.ecom_base_group_manager"
#: minutes after which the watchdog deals with an entry still new or a job
#: still started (system parameter ``ecom_connector.watchdog_minutes``)
WATCHDOG_MINUTES = 10
#: what a job fails with when its database connection is lost (server
#: restarted, connection terminated), in queue_job's ``exc_name``: the job
#: itself did nothing wrong
CONNECTION_LOST = ("psycopg2.OperationalError", "psycopg2.InterfaceError")
ACTIVE_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")


def advisory_key(name):
    """The 64-bit key of the advisory lock named ``name``."""
    return struct.unpack("q", hashlib.sha1(name.encode()).digest()[:8])[0]


def try_advisory_lock(env, name, message, seconds):
    """Take the transaction's advisory lock ``name``; when another
    transaction holds it, raise a retryable job error that does not spend
    the job's tries (the job runs again after ``seconds``)."""
    env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", advisory_key(name)))
    if not env.cr.fetchone()[0]:
        raise RetryableJobError(message, seconds=seconds, ignore_retry=True)


def _job_lock_key(job_uuid):
    return advisory_key(f"ecom.job:{job_uuid}")


def hold_job_lock(env):
    """Mark the running queue job as alive: an advisory lock of its
    transaction, which PostgreSQL releases when the process or its
    connection dies.  The watchdog requeues a ``started`` job nobody holds
    the lock of (queue_job leaves such jobs started for ever, and a started
    job takes its channel's only slot)."""
    job_uuid = env.context.get("job_uuid")
    if not job_uuid:
        return
    env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", _job_lock_key(job_uuid)))
    if not env.cr.fetchone()[0]:
        raise RetryableJobError(f"job {job_uuid} runs already", seconds=30, ignore_retry=True)


class EcomInbox(models.Model):
    """Every payload a shop sends or we fetch, stored before it is processed.

    Intake (poll, webhook, file, push API) calls :meth:`_receive`, which only
    stores; processing is a queue job per entry (:meth:`_process`).  An entry
    in error keeps its payload and the reason, and can be retried.
    """

    _name = "ecom.inbox"
    _check_company_auto = True
    _description = "E-commerce Inbox Entry"
    _order = "received_at desc, id desc"
    _rec_name = "display_name"

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True, index=True)
    source = fields.Selection(
        selection=[
            ("poll", "Poll"),
            ("webhook", "Webhook"),
            ("file", "File"),
            ("push", "Push API"),
            ("api", "External API"),
        ],
        required=True,
        readonly=True,
    )
    payload_format = fields.Selection(
        selection=[("platform", "Shop format"), ("canonical", "Canonical order")],
        default="platform",
        required=True,
        readonly=True,
    )
    kind = fields.Selection(
        selection=[("order", "Order"), ("batch", "Batch")],
        default="order",
        required=True,
        readonly=True,
        help="A batch (file, list of orders) is split into one entry per order.",
    )
    external_id = fields.Char(string="Shop ID", readonly=True, index=True)
    event_id = fields.Char(
        readonly=True, help="Webhook delivery or event id, to drop re-deliveries."
    )
    topic = fields.Char(readonly=True)
    filename = fields.Char(readonly=True)
    content_type = fields.Char(readonly=True)
    payload = fields.Text(readonly=True)
    payload_hash = fields.Char(readonly=True, index=True)
    payload_size = fields.Integer(string="Size (bytes)", readonly=True)
    received_at = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    processed_at = fields.Datetime(readonly=True)
    state = fields.Selection(
        selection=[
            ("new", "New"),
            ("done", "Done"),
            ("error", "Error"),
            ("skipped", "Skipped"),
        ],
        default="new",
        required=True,
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    error = fields.Text(readonly=True)
    result = fields.Char(readonly=True)
    parent_id = fields.Many2one("ecom.inbox", readonly=True, ondelete="cascade", index=True)
    child_ids = fields.One2many("ecom.inbox", "parent_id", readonly=True)
    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, index="btree_not_null", check_company=True
    )

    _sql_constraints = [
        (
            "event_uniq",
            "unique(backend_id, event_id)",
            "This webhook delivery is already in the inbox.",
        ),
    ]

    @api.depends("backend_id", "external_id", "source", "filename")
    def _compute_display_name(self):
        labels = dict(self._fields["source"]._description_selection(self.env))
        for entry in self:
            what = entry.external_id or entry.filename or entry.event_id or str(entry.id)
            entry.display_name = f"{entry.backend_id.name} / {labels.get(entry.source)} / {what}"

    def write(self, vals):
        # what a shop sent is evidence: nobody rewrites it, not even a manager
        # or a server action (a rewritten payload replayed would import an
        # order at a price of the writer's choosing)
        self.check_access("write")
        locked = set(IMMUTABLE_FIELDS.intersection(vals))
        if "external_id" in vals and any(
            entry.external_id and entry.external_id != vals["external_id"] for entry in self
        ):
            locked.add("external_id")
        if locked:
            raise UserError(
                self.env._(
                    "What a shop sent cannot be changed after it was received (%s).",
                    ", ".join(sorted(locked)),
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------ intake

    @api.model
    def _max_payload(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("ecom_connector.max_payload_bytes", DEFAULT_MAX_PAYLOAD)
        )

    @api.model
    def _receive(
        self,
        backend,
        payload,
        source,
        external_id=None,
        event_id=None,
        topic=None,
        content_type=None,
        filename=None,
        payload_format="platform",
        kind="order",
        process=True,
        known_error=False,
    ):
        """Store a payload; queue its processing unless ``process`` is False.

        Returns the entry, or the existing one when the same webhook delivery
        (``event_id``) or the same polled payload was already received.
        ``known_error``: an entry of the same polled payload in error is that
        payload too (an order the shop cannot give whole stays one entry in
        error, however many polls read it again).
        """
        if isinstance(payload, bytes):
            payload = payload.decode("utf-8", errors="replace")
        payload = payload.replace("\x00", "")
        digest = hashlib.sha256(payload.encode()).hexdigest()
        domain = [("backend_id", "=", backend.id)]
        if event_id:
            existing = self.search(domain + [("event_id", "=", event_id)], limit=1)
            if existing:
                return existing
        elif source == "poll" and external_id:
            existing = self.search(
                domain
                + [
                    ("external_id", "=", external_id),
                    ("payload_hash", "=", digest),
                    (
                        "state",
                        "in",
                        ("new", "done", "skipped", "error")
                        if known_error
                        else ("new", "done", "skipped"),
                    ),
                ],
                limit=1,
            )
            if existing:
                return existing
        # storing what a shop sent is the system's job, whatever the user's rights
        vals = {
            "backend_id": backend.id,
            "source": source,
            "external_id": external_id or False,
            "event_id": event_id or False,
            "topic": topic or False,
            "filename": filename or False,
            "content_type": content_type or False,
            "payload": payload,
            "payload_hash": digest,
            "payload_size": len(payload.encode()),
            "payload_format": payload_format,
            "kind": kind,
        }
        if event_id:
            try:
                # the same delivery may arrive twice at once on two workers: the
                # unique index makes the second insert wait for the first one and
                # fail; that copy is then dropped like any re-delivery
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    entry = self.sudo().create(vals)
            except psycopg2.errors.UniqueViolation:
                return self.browse()
        else:
            entry = self.sudo().create(vals)
        entry = self.browse(entry.id)
        if process:
            entry._enqueue()
        return entry

    @api.model
    def _receive_folder(self, backend):
        """Store every file of the backend's folder; each file moves to
        ``done/`` once its inbox entry is committed (never before: a
        rolled-back intake leaves the file to be read again).  Symbolic links
        and sub-folders are left alone."""
        if not backend.file_folder:
            raise UserError(self.env._("The shop %s has no folder.", backend.name))
        folder = backend._resolve_folder(backend.file_folder)
        if not os.path.isdir(folder):
            raise UserError(
                self.env._("The folder %s does not exist on the server.", backend.file_folder)
            )
        done = os.path.join(folder, "done")
        entries = self
        moves = []
        with os.scandir(folder) as listing:
            files = sorted(
                (item for item in listing if item.is_file(follow_symlinks=False)),
                key=lambda item: item.name,
            )
        for item in files:
            if item.name.startswith("."):
                continue
            with open(item.path, "rb") as handle:
                content = handle.read()
            entries |= self._receive(
                backend,
                content,
                source="file",
                filename=item.name,
                content_type=_content_type(item.name),
                kind="batch",
                process=False,
            )
            moves.append((item.path, os.path.join(done, item.name)))
        if moves:
            self.env.cr.postcommit.add(lambda: _move_files(moves))
        entries._enqueue()
        return entries

    def _enqueue(self):
        for entry in self.filtered(lambda e: e.state in ("new", "error")):
            # the job is named in the shop's language, whoever queues it
            lang = entry.backend_id.lang or self.env.lang
            entry = entry.with_context(lang=lang)
            entry.with_delay(
                channel="root.ecom",
                description=entry.env._("Process %s", entry.display_name),
                identity_key=f"ecom_inbox_{entry.id}_{entry.attempts}",
            )._process()

    # ------------------------------------------------------------ actions

    def action_retry(self):
        """Process again the selected entries now (after fixing a mapping...)."""
        self._check_can_process()
        for entry in self.filtered(lambda e: e.state in ("new", "error")):
            entry._process()
        return True

    def action_replay(self):
        """Process again entries already done or skipped: the order is updated
        from the stored payload (the import is idempotent)."""
        self._check_can_process()
        for entry in self:
            entry._process(force=True)
        return True

    def action_skip(self):
        self.check_access("read")
        self.filtered(lambda e: e.state in ("new", "error")).sudo().write(
            {"state": "skipped", "result": self.env._("Skipped by %s", self.env.user.name)}
        )
        return True

    def _check_can_process(self):
        """Retry and Replay import orders: an E-commerce manager of the
        entries' companies who may create sale orders himself, so that the
        import never grants more than creating the order directly."""
        if not self.env.su:
            if not self.env.user.has_group(MANAGER):
                raise AccessError(
                    self.env._("Only an E-commerce manager can retry or replay inbox entries.")
                )
            self.env["sale.order"].check_access("create")
            self.check_access("write")

    def action_open_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    # --------------------------------------------------------- process

    def _process(self, force=False):
        """Job: process one entry; its outcome is written on the entry.

        Business errors (bad payload, unknown product, missing mapping...) put
        the entry in error with a message for the merchant and leave nothing
        half-written (savepoint).  Concurrency errors are retried by the job,
        and so is a connection lost anywhere in the job (queue_job would mark
        the job failed for good).
        """
        self.ensure_one()
        try:
            return self._process_entry(force=force)
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
            # lost outside the entry's savepoint: nothing was committed
            raise RetryableJobError(str(exc), seconds=10) from exc

    def _process_entry(self, force=False):
        hold_job_lock(self.env)
        # the job writes its outcome whoever queued it (rights are checked
        # where a person asks for the processing: actions, upload, push API)
        self = self.sudo()  # noqa: PLW0642
        if self.state in ("done", "skipped") and not force:
            return self.result
        # results and errors in the shop's language, whoever runs the job
        if self.backend_id.lang and self.backend_id.lang != self.env.lang:
            return self.with_context(lang=self.backend_id.lang)._process(force=force)
        self.attempts += 1
        try:
            with self.env.cr.savepoint():
                state, result, order = self._process_payload()
        except RetryableJobError:
            raise
        except (
            psycopg2.errors.SerializationFailure,
            psycopg2.errors.LockNotAvailable,
            psycopg2.errors.DeadlockDetected,
        ) as exc:
            # another transaction holds what we need: wait, not a failed attempt
            raise RetryableJobError(str(exc), seconds=5, ignore_retry=True) from exc
        except psycopg2.errors.UniqueViolation as exc:
            # another worker created the same order between our read and our write
            raise RetryableJobError(str(exc), seconds=2, ignore_retry=True) from exc
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
            # the connection was lost (database restarted, connection killed):
            # nothing was written, the job queue runs the entry again
            raise RetryableJobError(str(exc), seconds=10) from exc
        except (PlatformError, UserError, ValidationError, RedirectWarning) as exc:
            message = self._merchant_message(exc)
            self._set_error(message)
            return message
        except Exception as exc:  # pylint: disable=broad-except
            # an unexpected failure must not lose the entry: record it for replay
            _logger.exception("ecom inbox %s: unexpected error", self.id)
            self._set_error(self._merchant_message(exc))
            return repr(exc)
        self.write(
            {
                "state": state,
                "result": result,
                "error": result if state == "error" else False,
                "processed_at": fields.Datetime.now(),
                "sale_order_id": order.id if order else self.sale_order_id.id,
            }
        )
        return result

    def _merchant_message(self, exc):
        """What the merchant reads on the entry for ``exc``: our own messages
        as they are; an exception Odoo raised while importing (a company
        without a warehouse, a right missing, a record deleted meanwhile...)
        turned into a sentence that says what to do, by the first matching
        row of :meth:`_get_explanations`; else Odoo's own words."""
        if isinstance(exc, PlatformError):
            return self.backend_id._error_text(exc)
        if isinstance(exc, UserError) and _raised_by_the_suite(exc):
            return exc.args[0]
        company = self.backend_id.company_id
        for applies, sentence in self._get_explanations():
            if applies(exc, company):
                return sentence(exc, company)
        if isinstance(exc, (UserError, RedirectWarning)):
            return exc.args[0]
        return self.env._("Unexpected error: %(error)s", error=repr(exc)[:500])

    def _get_explanations(self):
        """Rows ``(applies(exc, company), sentence(exc, company))`` of
        :meth:`_merchant_message`, the first that applies wins; extend it to
        explain more."""
        env = self.env(su=True)

        def detail(exc):
            return str(exc.args[0] if exc.args else exc)[:300]

        return [
            (
                lambda exc, company: (
                    not env["stock.warehouse"].search_count([("company_id", "=", company.id)])
                ),
                lambda exc, company: self.env._(
                    "The company %(company)s has no warehouse, so its orders cannot be "
                    "confirmed: create one (Inventory > Configuration > Warehouses), set it on "
                    "the shop, then retry the entry.",
                    company=company.name,
                ),
            ),
            (
                lambda exc, company: isinstance(exc, AccessError),
                lambda exc, company: self.env._(
                    "The import was refused by the access rights: %(error)s. The user who runs "
                    "the imports of %(company)s must be allowed to create sale orders and "
                    "customers there; fix the user's groups or companies, then retry the entry.",
                    error=detail(exc),
                    company=company.name,
                ),
            ),
            (
                lambda exc, company: isinstance(exc, MissingError),
                lambda exc, company: self.env._(
                    "A record the order needs was deleted while it was imported (%(error)s): "
                    "retry the entry.",
                    error=detail(exc),
                ),
            ),
            (
                lambda exc, company: (
                    not env["account.journal"].search_count(
                        [("type", "=", "sale"), ("company_id", "=", company.id)]
                    )
                ),
                lambda exc, company: self.env._(
                    "The company %(company)s has no sales journal: install its chart of "
                    "accounts or create a journal of type Sales (Invoicing > Configuration > "
                    "Journals), then retry the entry.",
                    company=company.name,
                ),
            ),
            (
                lambda exc, company: isinstance(exc, RedirectWarning),
                lambda exc, company: self.env._(
                    "%(error)s (Odoo suggests: %(action)s), then retry the entry.",
                    error=detail(exc).rstrip("."),
                    action=str(exc.args[2]) if len(exc.args) > 2 else "",
                ),
            ),
        ]

    @api.model
    def _cron_watchdog(self):
        """Heal the pipeline after a crash, without a human.

        - a ``started`` (or ``enqueued``) job of the ``root.ecom`` channels
          whose process or connection is gone (nobody holds its lock, see
          :func:`hold_job_lock`) is requeued: the server killed mid-batch
          leaves such jobs, which would block the channel for every later
          order;
        - an entry still ``new`` after the delay with no live job gets a
          job again; one whose job failed for good goes to ``error`` with
          the job's reason.
        """
        minutes = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("ecom_connector.watchdog_minutes", WATCHDOG_MINUTES)
        )
        limit = fields.Datetime.now() - timedelta(minutes=minutes)
        Job = self.env["queue.job"].sudo()
        started = Job.search(
            [
                ("channel", "=like", "root.ecom%"),
                "|",
                "&",
                ("state", "=", "started"),
                ("date_started", "<=", limit),
                "&",
                ("state", "=", "enqueued"),
                ("date_enqueued", "<=", limit),
            ]
        )
        dead = Job.browse()
        for job in started:
            # a live job holds its lock; an enqueued one handed to a worker
            # that died never ran
            self.env.cr.execute(
                SQL("SELECT pg_try_advisory_xact_lock(%s)", _job_lock_key(job.uuid))
            )
            if self.env.cr.fetchone()[0]:
                dead |= job
        if dead:
            _logger.warning("ecom watchdog: requeued %s interrupted jobs", len(dead))
            dead.requeue()
        self._requeue_connection_lost(Job)
        entries = self.sudo().search([("state", "=", "new"), ("received_at", "<=", limit)])
        if not entries:
            return
        jobs = Job.search(
            [
                ("model_name", "=", self._name),
                ("identity_key", "in", [f"ecom_inbox_{e.id}_{e.attempts}" for e in entries]),
            ]
        )
        by_key = {}
        for job in jobs.sorted("date_created"):
            by_key[job.identity_key] = job
        for entry in entries:
            job = by_key.get(f"ecom_inbox_{entry.id}_{entry.attempts}")
            if job and job.state in ACTIVE_JOB_STATES:
                continue
            if job and job.state == "failed":
                entry._set_error(
                    self.env._(
                        "The processing failed after its retries: %s",
                        job.exc_message or job.exc_name or job.result or "",
                    )
                )
                continue
            entry._enqueue()

    @api.model
    def _requeue_connection_lost(self, jobs):
        """Jobs of the ``root.ecom`` channels that failed because their
        connection to the database was lost where the job could not turn it
        into a retry (queue_job's commit, a read before the job's own error
        handling) go back to pending, within their tries: each run counts
        one, so a connection that keeps failing still ends failed."""
        lost = jobs.search(
            [
                ("channel", "=like", "root.ecom%"),
                ("state", "=", "failed"),
                ("exc_name", "in", CONNECTION_LOST),
            ]
        )
        lost = lost.filtered(lambda job: not job.max_retries or job.retry < job.max_retries)
        for record in lost:
            job = Job.load(self.env, record.uuid)
            job.set_pending(result=record.exc_message, reset_retry=False)
            job.store()
        if lost:
            _logger.warning("ecom watchdog: requeued %s jobs whose connection was lost", len(lost))

    def _set_error(self, message):
        if not self.external_id and self.kind == "order":
            # the entry in error names the shop's order whenever it can be read
            external_id = self._read_external_id()
            if external_id:
                self.external_id = external_id
        self.write(
            {
                "state": "error",
                "error": message,
                "processed_at": fields.Datetime.now(),
            }
        )

    def _read_external_id(self):
        """The shop's order id of the payload, read without mapping it; ""
        when even that fails."""
        try:
            if self.payload_format == "canonical":
                parts = _split_canonical(self.env, self.payload)
            else:
                parts = self.backend_id._get_adapter().split_payload(
                    self.payload, self.content_type
                )
        except (PlatformError, UserError, ValueError, TypeError):
            return ""
        return parts[0][0] if len(parts) == 1 else ""

    def _process_payload(self):
        """Return ``(state, result, sale_order)``; raise on a business error."""
        backend = self.backend_id
        if self.payload_size > self._max_payload():
            raise UserError(
                self.env._(
                    "The payload is %(size)s bytes, more than the %(max)s accepted: it was kept "
                    "but not processed.",
                    size=self.payload_size,
                    max=self._max_payload(),
                )
            )
        if self.kind == "batch":
            return self._process_batch()
        if self.payload_format == "canonical":
            try:
                canonical = json.loads(self.payload)
            except ValueError as exc:
                raise UserError(self.env._("The order is not valid JSON: %s", exc)) from exc
        else:
            canonical = backend._get_adapter().map_order(self.payload)
        order = normalize(canonical, prices_include_tax=backend.prices_include_tax)
        if not self.external_id:
            self.external_id = order["external_id"]
        return self.env["ecom.sale.order"]._import_order(backend, order, self)

    def _process_batch(self):
        """Split a file or a list into one entry per order and queue them."""
        backend = self.backend_id
        if self.payload_format == "canonical":
            parts = _split_canonical(self.env, self.payload)
        else:
            parts = backend._get_adapter().split_payload(self.payload, self.content_type)
        if not parts:
            raise UserError(self.env._("The payload holds no order."))
        children = self.browse()
        for external_id, payload in parts:
            children |= self.sudo().create(
                {
                    "backend_id": backend.id,
                    "source": self.source,
                    "external_id": external_id or False,
                    "filename": self.filename,
                    "content_type": "application/json"
                    if self.payload_format == "canonical"
                    else self.content_type,
                    "payload": payload,
                    "payload_hash": hashlib.sha256(payload.encode()).hexdigest(),
                    "payload_size": len(payload.encode()),
                    "payload_format": self.payload_format,
                    "parent_id": self.id,
                }
            )
        children = self.browse(children.ids)
        children._enqueue()
        return "done", self.backend_id._count_orders(len(children)), None


def _raised_by_the_suite(exc):
    """True when the suite's own code raised ``exc`` (its message was written
    for the merchant), not Odoo's core or another module."""
    trace = exc.__traceback__
    while trace and trace.tb_next:
        trace = trace.tb_next
    module = trace.tb_frame.f_globals.get("__name__", "") if trace else ""
    return module.startswith("odoo.addons.ecom_")


def _move_files(moves):
    """Move read files to ``done/`` (after the commit of their entries)."""
    for source, target in moves:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            shutil.move(source, target)
        except OSError:
            _logger.exception("ecom inbox: cannot move %s to %s", source, target)


def _content_type(filename):
    lower = filename.lower()
    if lower.endswith(".xml"):
        return "application/xml"
    if lower.endswith(".json"):
        return "application/json"
    return "text/csv"


def _split_canonical(env, payload):
    """A canonical order or a list of them, as ``(external_id, json)`` pairs."""
    return split_json_orders(payload, "JSON", lambda order: order.get("external_id") or "")
