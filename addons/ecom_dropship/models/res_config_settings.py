# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecom_max_supplier_delay = fields.Integer(
        related="company_id.ecom_max_supplier_delay", readonly=False
    )
    ecom_po_cutoff_hour = fields.Float(related="company_id.ecom_po_cutoff_hour", readonly=False)
    ecom_buffer_adu_days = fields.Integer(related="company_id.ecom_buffer_adu_days", readonly=False)
    ecom_rotation_days = fields.Integer(related="company_id.ecom_rotation_days", readonly=False)
