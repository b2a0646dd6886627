# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.ecom_inbox import _content_type


class EcomFileUpload(models.TransientModel):
    """Upload an order file (CSV or XML) into a file backend's inbox."""

    _name = "ecom.file.upload"
    _description = "E-commerce Order File Upload"

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, domain="[('platform', '=', 'file')]"
    )
    file = fields.Binary(required=True)
    filename = fields.Char()

    def action_upload(self):
        self.ensure_one()
        # the upload imports orders: only for someone who may create them
        self.env["sale.order"].check_access("create")
        self.backend_id.check_access("read")
        if self.backend_id.platform != "file":
            raise UserError(self.env._("Order files go to a shop of the 'Files' platform."))
        content = base64.b64decode(self.file or b"")
        entry = self.env["ecom.inbox"]._receive(
            self.backend_id,
            content,
            source="file",
            filename=self.filename,
            content_type=_content_type(self.filename or ""),
            kind="batch",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.inbox",
            "res_id": entry.id,
            "view_mode": "form",
        }
