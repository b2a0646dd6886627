# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomBackendApiKey(models.TransientModel):
    """Shows a new push API key once; only its hash is kept on the backend.

    The key travels in the action's context to the dialog and is never
    written to the database, not even in this transient record (the dialog
    is closed without saving)."""

    _name = "ecom.backend.api.key"
    _description = "E-commerce Push API Key"

    backend_id = fields.Many2one("ecom.backend", string="Shop", required=True, readonly=True)
    key = fields.Char(compute="_compute_key")

    def _compute_key(self):
        for wizard in self:
            wizard.key = self.env.context.get("ecom_push_api_key") or False
