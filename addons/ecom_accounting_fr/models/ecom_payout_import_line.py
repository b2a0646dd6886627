# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

KIND_SELECTION = [
    ("sale", "Sale collected"),
    ("refund", "Refund"),
    ("commission", "Commission"),
    ("fee", "Payment fee"),
    ("reserve_held", "Reserve held"),
    ("reserve_released", "Reserve released"),
    ("payout", "Payout"),
    ("other", "Other"),
]


class EcomPayoutImportLine(models.Model):
    """One amount of a settlement, after grouping the file's lines by kind
    and order: the journal item it became and the invoice it settles."""

    _name = "ecom.payout.import.line"
    _description = "Payout import line"
    _order = "import_id, sequence, id"

    import_id = fields.Many2one(
        "ecom.payout.import", string="Payout import", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    company_id = fields.Many2one(related="import_id.company_id", store=True, index=True)
    profile_id = fields.Many2one(related="import_id.profile_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date()
    kind = fields.Selection(KIND_SELECTION, required=True)
    order_ref = fields.Char(string="Order reference", index="btree_not_null")
    label = fields.Char()
    amount = fields.Monetary(
        help="Positive: money owed to the merchant (sales); negative: money "
        "taken (commissions, refunds, payouts).",
        aggregator="sum",
    )
    vat_amount = fields.Monetary(string="Deductible VAT", aggregator="sum")
    invoice_id = fields.Many2one("account.move", index="btree_not_null")
    partner_id = fields.Many2one("res.partner")
    account_id = fields.Many2one("account.account")
    move_line_id = fields.Many2one("account.move.line", string="Journal item", readonly=True)
    to_check = fields.Boolean(
        string="To check",
        help="The accountant must look at this line: no invoice found for the "
        "order, or a line of unknown nature booked on the suspense account.",
    )
    note = fields.Char()
