# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import fnmatch
import logging
import os
import shutil
import zlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, config

from odoo.addons.queue_job.exception import RetryableJobError

from ..formats import codec
from ..transports import (
    FolderTransport,
    SftpTransport,
    TransportError,
    TransportRetryableError,
)
from ..transports.sftp import fingerprint, host_key_line

_logger = logging.getLogger(__name__)

# first key of the advisory locks taken on providers (the second is the id)
LOCK_NAMESPACE = zlib.crc32(b"ecom.3pl.provider") & 0x7FFFFFFF
IN_FLOWS = ("shipment", "receipt", "stock")
FOLDER_ROOT_PARAM = "ecom_3pl.folder_root"
# seconds a button waits for the server (jobs use the provider's timeout)
BUTTON_TIMEOUT = 10


class Ecom3plProvider(models.Model):
    _name = "ecom.3pl.provider"
    _description = "Logistics Provider (3PL)"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        check_company=True,
        tracking=True,
        help="The warehouse the provider runs: its delivery orders and receipts "
        "are exchanged with the provider.",
    )
    transport = fields.Selection(
        [("sftp", "SFTP"), ("folder", "Server folder")],
        required=True,
        default="sftp",
        tracking=True,
    )
    sftp_host = fields.Char(string="Host", tracking=True)
    sftp_port = fields.Integer(string="Port", default=22)
    sftp_username = fields.Char(string="Login", groups="ecom_base.ecom_base_group_manager")
    sftp_password = fields.Char(string="Password", groups="ecom_base.ecom_base_group_manager")
    sftp_private_key = fields.Text(
        string="Private Key",
        groups="ecom_base.ecom_base_group_manager",
        help="OpenSSH or PEM private key (Ed25519, ECDSA or RSA); when set it "
        "is used instead of the password.",
    )
    sftp_key_passphrase = fields.Char(
        string="Key Passphrase", groups="ecom_base.ecom_base_group_manager"
    )
    sftp_host_key = fields.Char(
        string="Server Host Key",
        groups="ecom_base.ecom_base_group_manager",
        help="Public host key of the server, '<type> <base64>' as in known_hosts. "
        "The connection is refused when the server shows another key.",
    )
    folder_path = fields.Char(
        string="Server Folder",
        groups="base.group_system",
        help="Folder of the Odoo server holding the provider's folders; it must "
        "be under the allowed root (system parameter ecom_3pl.folder_root).",
    )
    timeout = fields.Integer(string="Timeout (s)", default=30)
    dir_out = fields.Char(string="Outgoing Folder", default="out", required=True)
    dir_in = fields.Char(string="Incoming Folder", default="in", required=True)
    dir_archive = fields.Char(string="Archive Folder", default="archive", required=True)
    dir_errors = fields.Char(string="Error Folder", default="errors", required=True)
    order_format_id = fields.Many2one(
        "ecom.3pl.format",
        string="Delivery Order Format",
        domain="[('flow', '=', 'order')]",
        check_company=True,
    )
    asn_format_id = fields.Many2one(
        "ecom.3pl.format",
        string="Expected Receipt Format",
        domain="[('flow', '=', 'asn')]",
        check_company=True,
    )
    shipment_format_id = fields.Many2one(
        "ecom.3pl.format",
        string="Shipment Confirmation Format",
        domain="[('flow', '=', 'shipment')]",
        check_company=True,
    )
    receipt_format_id = fields.Many2one(
        "ecom.3pl.format",
        string="Receipt Confirmation Format",
        domain="[('flow', '=', 'receipt')]",
        check_company=True,
    )
    stock_format_id = fields.Many2one(
        "ecom.3pl.format",
        string="Stock Snapshot Format",
        domain="[('flow', '=', 'stock')]",
        check_company=True,
    )
    scheduled = fields.Boolean(help="Exchange the files automatically.")
    interval_minutes = fields.Integer(string="Every (minutes)", default=30)
    next_run_date = fields.Datetime(string="Next Run", default=fields.Datetime.now)
    last_run_date = fields.Datetime(string="Last Run", readonly=True)
    last_error = fields.Text(readonly=True)
    file_ids = fields.One2many("ecom.3pl.file", "provider_id", string="Files")
    file_count = fields.Integer(compute="_compute_file_count", string="Number of Files")
    error_file_count = fields.Integer(compute="_compute_file_count", string="Files in Error")

    _sql_constraints = [
        (
            "warehouse_uniq",
            "unique(warehouse_id)",
            "A warehouse is run by one logistics provider only.",
        ),
    ]

    def _compute_file_count(self):
        File = self.env["ecom.3pl.file"]
        totals = dict(
            File._read_group([("provider_id", "in", self.ids)], ["provider_id"], ["__count"])
        )
        errors = dict(
            File._read_group(
                [("provider_id", "in", self.ids), ("state", "in", ("partial", "error"))],
                ["provider_id"],
                ["__count"],
            )
        )
        for provider in self:
            provider.file_count = totals.get(provider, 0)
            provider.error_file_count = errors.get(provider, 0)

    @api.constrains("transport", "sftp_host")
    def _check_transport(self):
        for provider in self:
            if provider.transport == "sftp" and not provider.sftp_host:
                raise ValidationError(self.env._("Provider %s: set the SFTP host.", provider.name))

    @api.constrains("transport", "folder_path")
    def _check_folder_path(self):
        root = self._get_folder_root()
        for provider in self.sudo().filtered(lambda p: p.transport == "folder"):
            path = os.path.realpath(provider.folder_path or "")
            if not provider.folder_path or os.path.commonpath([path, root]) != root:
                raise ValidationError(
                    self.env._(
                        "Provider %(provider)s: the server folder must be under %(root)s.",
                        provider=provider.name,
                        root=root,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_folder_rights(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_folder_rights(vals)
        return super().write(vals)

    def _check_folder_rights(self, vals):
        """A server folder reads and writes files of the Odoo server: only
        system administrators may choose it."""
        if (vals.get("transport") == "folder" or vals.get("folder_path")) and not (
            self.env.su or self.env.user._is_system()
        ):
            raise AccessError(self.env._("Only system administrators can use a server folder."))

    # ------------------------------------------------------------ actions

    def action_run(self):
        """Button: queue an exchange of files with the provider now."""
        self._queue_run()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Exchange queued"),
                "message": self.env._("The files will be exchanged in a moment."),
                "type": "info",
                "sticky": False,
            },
        }

    def action_test_connection(self):
        self.ensure_one()
        try:
            with self._get_transport(timeout=BUTTON_TIMEOUT) as transport:
                transport.list(self.dir_in)
        except TransportError as exc:
            raise UserError(self._transport_error_text(exc)) from None
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Connection OK"),
                "message": self.env._("The incoming folder %s can be read.", self.dir_in),
                "type": "success",
                "sticky": False,
            },
        }

    def action_read_host_key(self):
        """Button: read the host key the server shows and store it; the
        manager compares the fingerprint with the one the provider gave."""
        self.ensure_one()
        if not self.env.user.has_group("ecom_base.ecom_base_group_manager"):
            raise AccessError(self.env._("Only e-commerce managers can set the host key."))
        try:
            key = self._get_transport(check_host_key=False, timeout=BUTTON_TIMEOUT).read_host_key()
        except TransportError as exc:
            raise UserError(self._transport_error_text(exc)) from None
        self.sudo().sftp_host_key = host_key_line(key)
        self.message_post(
            body=self.env._(
                "Host key stored, fingerprint %s: check it with the provider.",
                fingerprint(key),
            )
        )
        return True

    def action_view_files(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ecom_3pl.ecom_3pl_file_action")
        action["domain"] = [("provider_id", "=", self.id)]
        action["context"] = {"default_provider_id": self.id}
        return action

    # ------------------------------------------------------------ jobs

    def _queue_run(self):
        for provider in self:
            provider.with_delay(
                channel="root.ecom",
                description=self.env._("Exchange files with %s", provider.name),
                identity_key=f"ecom_3pl_run_{provider.id}",
            )._job_run()

    def _queue_sync(self):
        for provider in self:
            provider.with_delay(
                channel="root.ecom",
                description=self.env._("Send and archive files of %s", provider.name),
                identity_key=f"ecom_3pl_sync_{provider.id}",
            )._job_sync()

    @api.model
    def _cron_run_providers(self):
        """Queue the exchange of the scheduled providers that are due."""
        now = fields.Datetime.now()
        providers = self.search(
            [
                ("scheduled", "=", True),
                "|",
                ("next_run_date", "=", False),
                ("next_run_date", "<=", now),
            ]
        )
        for provider in providers:
            provider.next_run_date = now + timedelta(minutes=provider.interval_minutes or 30)
        providers._queue_run()

    def _lock(self):
        """Transaction lock: two runs of one provider never overlap (the
        second is retried by the job queue once the first has committed)."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", LOCK_NAMESPACE, self.id)
        )
        if not self.env.cr.fetchone()[0]:
            raise RetryableJobError(
                self.env._("Provider %s is already exchanging files.", self.name),
                seconds=10,
                ignore_retry=True,
            )

    def _job_run(self):
        """Job: write the outgoing files, read and apply the incoming ones,
        then queue :meth:`_job_sync`, which uploads and archives only once
        this transaction is committed (a queued job is invisible before)."""
        self.ensure_one()
        provider = self.with_company(self.company_id)
        provider._lock()
        provider._export_outgoing()
        try:
            with provider._get_transport() as transport:
                files = provider._receive_files(transport)
        except TransportRetryableError as exc:
            raise RetryableJobError(provider._transport_error_text(exc), seconds=60) from None
        except TransportError as exc:
            # a setting to fix (key, folder): the outgoing files wait for it
            message = provider._transport_error_text(exc)
            provider.write({"last_error": message, "last_run_date": fields.Datetime.now()})
            return message
        files._process()
        provider.write({"last_error": False, "last_run_date": fields.Datetime.now()})
        provider._queue_sync()
        return self.env._("%s file(s) received.", len(files))

    def _job_sync(self):
        """Job: upload the outgoing files not sent yet and move the incoming
        files already stored to archive (applied) or errors.  Idempotent:
        a file uploaded again keeps its name, a file already moved is skipped."""
        self.ensure_one()
        provider = self.with_company(self.company_id)
        provider._lock()
        pending = self.env["ecom.3pl.file"].search(
            [("provider_id", "=", provider.id), ("remote_done", "=", False)], order="id"
        )
        if not pending:
            return True
        errors = []
        try:
            with provider._get_transport() as transport:
                for file in pending:
                    try:
                        file._sync_remote(transport)
                    except TransportRetryableError:
                        raise
                    except TransportError as exc:
                        # one file the server refuses (missing, rights) must not
                        # hold the others back: it stays pending, with the reason
                        errors.append(provider._transport_error_text(exc))
                        file.message_post(body=errors[-1])
        except TransportRetryableError as exc:
            raise RetryableJobError(provider._transport_error_text(exc), seconds=60) from None
        except TransportError as exc:
            errors.append(provider._transport_error_text(exc))
        if errors:
            provider.last_error = "\n".join(errors)
            return provider.last_error
        return True

    # ------------------------------------------------------------ transport

    @api.model
    def _get_folder_root(self):
        root = self.env["ir.config_parameter"].sudo().get_param(FOLDER_ROOT_PARAM)
        return os.path.realpath(root or os.path.join(config["data_dir"], "ecom_3pl"))

    def _get_transport(self, check_host_key=True, timeout=None):
        """The transport client of the provider (credentials read as sudo:
        jobs run for users who cannot read them); buttons pass a short
        ``timeout`` so that they answer within seconds."""
        self.ensure_one()
        provider = self.sudo()
        if provider.transport == "folder":
            return FolderTransport(provider.folder_path)
        return SftpTransport(
            provider.sftp_host,
            provider.sftp_port,
            provider.sftp_username,
            password=provider.sftp_password,
            private_key=provider.sftp_private_key,
            key_passphrase=provider.sftp_key_passphrase,
            host_key=provider.sftp_host_key,
            timeout=min(timeout or provider.timeout, provider.timeout or 30),
            check_host_key=check_host_key,
        )

    def _transport_error_text(self, exc):
        """The merchant's message for a transport error (never a secret)."""
        params = exc.params
        messages = {
            "connect": lambda: self.env._(
                "The server of %(provider)s cannot be reached: %(detail)s. "
                "The exchange will be retried.",
                provider=self.name,
                detail=params.get("detail"),
            ),
            "auth": lambda: self.env._(
                "The server of %s refused the login: check the login, the password "
                "or the private key.",
                self.name,
            ),
            "host_key_missing": lambda: self.env._(
                "No host key is set for %s: read it with the button Read Host Key "
                "and check its fingerprint with the provider.",
                self.name,
            ),
            "host_key_mismatch": lambda: self.env._(
                "The server of %(provider)s shows another host key (fingerprint "
                "%(fingerprint)s): connection refused. If the provider changed its "
                "key, read it again and check the fingerprint.",
                provider=self.name,
                fingerprint=params.get("fingerprint"),
            ),
            "key": lambda: self.env._(
                "The private key of %s cannot be read (wrong format or passphrase).",
                self.name,
            ),
            "io": lambda: self.env._(
                "File error on %(path)s: %(detail)s.",
                path=params.get("path"),
                detail=params.get("detail"),
            ),
            "path": lambda: self.env._(
                "The path %s is outside the provider's folder.", params.get("path")
            ),
        }
        return messages.get(exc.code, lambda: str(exc))()

    # ------------------------------------------------------------ outgoing

    def _get_flow_format(self, flow):
        self.ensure_one()
        return self[f"{flow}_format_id"]

    def _get_pickings_to_send(self, picking_type):
        return self.env["stock.picking"].search(
            [
                ("picking_type_id", "=", picking_type.id),
                ("state", "=", "assigned"),
                ("ecom_3pl_state", "=", False),
            ],
            order="scheduled_date, id",
        )

    def _get_pickings_to_cancel(self, picking_type):
        return self.env["stock.picking"].search(
            [
                ("picking_type_id", "=", picking_type.id),
                ("state", "=", "cancel"),
                ("ecom_3pl_state", "=", "sent"),
            ],
            order="id",
        )

    def _export_outgoing(self):
        """Write one file per outgoing flow with what is new since the last
        run; the pickings are marked sent in the same transaction."""
        self.ensure_one()
        files = self.env["ecom.3pl.file"]
        warehouse = self.warehouse_id
        for flow, picking_type in (
            ("order", warehouse.out_type_id),
            ("asn", warehouse.in_type_id),
        ):
            fmt = self._get_flow_format(flow)
            if not fmt:
                continue
            to_send = self._get_pickings_to_send(picking_type)
            if flow == "asn":
                to_send = to_send.filtered(lambda p: p.purchase_id.state in ("purchase", "done"))
            to_cancel = self._get_pickings_to_cancel(picking_type)
            if not to_send and not to_cancel:
                continue
            rows = []
            for picking in to_send:
                rows += picking._ecom_3pl_prepare_rows(flow)
            for picking in to_cancel:
                rows.append(picking._ecom_3pl_prepare_cancel_row(flow))
            file = self._create_outgoing_file(fmt, rows)
            to_send.write({"ecom_3pl_state": "sent", "ecom_3pl_file_id": file.id})
            to_cancel.write({"ecom_3pl_state": "cancel_sent", "ecom_3pl_cancel_file_id": file.id})
            files |= file
        return files

    def _create_outgoing_file(self, fmt, rows):
        content = codec.render(fmt._get_layout(), rows)
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        sequence = self.env["ecom.3pl.file"].search_count(
            [("provider_id", "=", self.id), ("direction", "=", "out")]
        )
        extension = {"csv": "csv", "fixed": "txt", "xml": "xml"}[fmt.kind]
        name = "{}{}_{:05d}.{}".format(
            fmt.filename_prefix or f"{fmt.flow.upper()}_",
            now.strftime("%Y%m%d_%H%M%S"),
            sequence + 1,
            extension,
        )
        files = self.env["ecom.3pl.file"]
        return files.create(
            {
                "provider_id": self.id,
                "direction": "out",
                "flow": fmt.flow,
                "format_id": fmt.id,
                "name": name,
                "content": base64.b64encode(content),
                "checksum": files._ecom_file_checksum(content),
                "state": "to_send",
                "line_count": len(rows),
            }
        )

    # ------------------------------------------------------------ incoming

    def _receive_files(self, transport):
        """Store the incoming files not seen yet (each flow by the file name
        pattern of its format).  A name already stored is left for
        :meth:`_job_sync` to archive: it is never applied twice."""
        self.ensure_one()
        File = self.env["ecom.3pl.file"]
        received = File
        names = transport.list(self.dir_in)
        seen = set()
        for flow in IN_FLOWS:
            fmt = self._get_flow_format(flow)
            if not fmt:
                continue
            for name in names:
                if name in seen or not fnmatch.fnmatch(name, fmt.filename_pattern or "*"):
                    continue
                seen.add(name)
                stored = File.search(
                    [
                        ("provider_id", "=", self.id),
                        ("direction", "=", "in"),
                        ("name", "=", name),
                        ("remote_done", "=", False),
                    ],
                    limit=1,
                )
                if stored:
                    continue
                content = transport.get(self.dir_in, name)
                received |= File._receive(self, fmt, name, content)
        return received

    # ------------------------------------------------------------ demo

    @api.model
    def _ecom_demo_folder(self):
        """Demo data: the server folder of the demo provider, under the
        allowed root, one per database, with the sample files of
        ``demo/files`` in its incoming folder (a file already there, or
        already archived, is kept).  Returns its path."""
        folder = os.path.join(self._get_folder_root(), self.env.cr.dbname, "logistique-rhone")
        for name in ("in", "out", "archive", "errors"):
            os.makedirs(os.path.join(folder, name), exist_ok=True)
        samples = os.path.join(os.path.dirname(os.path.dirname(__file__)), "demo", "files")
        for name in sorted(os.listdir(samples)):
            if not any(os.path.exists(os.path.join(folder, d, name)) for d in ("in", "archive")):
                shutil.copy(os.path.join(samples, name), os.path.join(folder, "in"))
        return folder
