# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomPackingOverrideWizard(models.TransientModel):
    _name = "ecom.packing.override.wizard"
    _description = "Override the Packing Checks"

    picking_id = fields.Many2one("stock.picking", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.picking_id._ecom_override(self.reason)
        return {"type": "ir.actions.act_window_close"}
