# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib

from odoo import api, fields, models


class EcomStoredFileMixin(models.AbstractModel):
    """A file stored as it came (received from a remote system or uploaded
    by a user) before it is applied: its binary field, its SHA-256
    ``checksum`` (the same file is never applied twice) and a chatter that
    tracks its state.

    The model defines its own binary field, state and error fields (their
    names and values are its own) and names the binary field in
    ``_ecom_file_field``; :meth:`_ecom_get_file_bytes` reads it and
    :meth:`_ecom_file_checksum` fingerprints bytes.  Used by
    ``ecom.3pl.file`` (ecom_3pl) and ``ecom.payout.import``
    (ecom_accounting_fr)."""

    _name = "ecom.stored.file.mixin"
    _description = "E-commerce Stored File"
    _inherit = ["mail.thread"]

    #: name of the model's binary field that holds the file (set by the model)
    _ecom_file_field = None

    checksum = fields.Char(readonly=True, index=True)

    @api.model
    def _ecom_file_checksum(self, raw):
        """The SHA-256 hex digest of the bytes ``raw``."""
        return hashlib.sha256(raw).hexdigest()

    def _ecom_get_file_bytes(self):
        """The stored file's bytes (``b""`` when there is none)."""
        self.ensure_one()
        return base64.b64decode(self.with_context(bin_size=False)[self._ecom_file_field] or b"")
