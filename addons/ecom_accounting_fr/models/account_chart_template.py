# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo):
        # offer the e-commerce accounting setup to every company that gets the
        # French chart, not once per database
        res = super()._load(template_code, company, install_demo)
        if template_code == "fr" and not company.ecom_accounting_setup_done:
            todo = self.env.ref(
                "ecom_accounting_fr.ecom_accounting_setup_todo", raise_if_not_found=False
            )
            if todo:
                todo.sudo().state = "open"
        return res
