# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.ecom_account_ventilation import GEOGRAPHIES, NATURES, SCOPES


class EcomAccountingSetupLine(models.TransientModel):
    _name = "ecom.accounting.setup.line"
    _description = "E-commerce accounting setup: one sub-account"

    setup_id = fields.Many2one("ecom.accounting.setup", required=True, ondelete="cascade")
    scope = fields.Selection(SCOPES, required=True, readonly=True)
    nature = fields.Selection(NATURES, required=True, readonly=True)
    geography = fields.Selection(GEOGRAPHIES, readonly=True)
    any_tax_rate = fields.Boolean(string="Any VAT rate", readonly=True)
    tax_rate = fields.Float(string="VAT rate (%)", digits=(16, 4), readonly=True)
    account_code = fields.Char(string="Account number", required=True)
    account_name = fields.Char(required=True)

    @api.depends("scope", "nature", "geography", "tax_rate", "any_tax_rate")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.account_code} {line.account_name}"

    def _prepare_account_vals(self, code, company):
        self.ensure_one()
        return {
            "code": code,
            "name": self.account_name,
            "account_type": "income" if self.scope == "sale" else "expense",
            "company_ids": [(6, 0, company.ids)],
        }
