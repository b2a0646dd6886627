# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomBackendApiKey(models.TransientModel):
    """Shows a new push API key once; only its hash is kept on the backend."""

    _name = "ecom.backend.api.key"
    _description = "E-commerce Push API Key"

    backend_id = fields.Many2one("ecom.backend", required=True, readonly=True)
    key = fields.Char(readonly=True)
