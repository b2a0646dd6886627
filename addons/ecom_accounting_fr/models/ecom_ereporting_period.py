# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomEreportingPeriod(models.Model):
    """A period of the B2C e-reporting once exported: what was sent, so that
    a later export of the same period says whether anything changed."""

    _name = "ecom.ereporting.period"
    _description = "Exported B2C e-reporting period"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    flow = fields.Selection(
        [
            ("10.3", "10.3 - B2C transactions (aggregated)"),
            ("10.1", "10.1 - International B2B transactions"),
            ("10.4", "10.4 - Payments of services taxed on collection"),
        ],
        required=True,
        default="10.3",
        readonly=True,
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    digest = fields.Char(readonly=True, help="Fingerprint of the exported totals.")
    amount_untaxed = fields.Monetary(string="Untaxed amount", readonly=True)
    amount_tax = fields.Monetary(string="VAT", readonly=True)
    transactions = fields.Integer(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    exported_on = fields.Datetime(readonly=True)
    exported_by = fields.Many2one("res.users", readonly=True)
    export_count = fields.Integer(string="Exports", readonly=True, default=1)

    _sql_constraints = [
        (
            "ecom_ereporting_period_uniq",
            "unique(company_id, flow, date_from, date_to)",
            "This period is already recorded.",
        ),
    ]
