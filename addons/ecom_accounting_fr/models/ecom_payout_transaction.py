# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomPayoutTransaction(models.Model):
    """A platform transaction id already booked by a payout import, so that
    overlapping downloads (PayPal activity of the 1st-15th then of the whole
    month) never book a transaction twice."""

    _name = "ecom.payout.transaction"
    _description = "Payout transaction already imported"
    _order = "id desc"

    name = fields.Char(string="Transaction", required=True)
    profile_id = fields.Many2one(
        "ecom.payout.profile", required=True, ondelete="cascade", index=True
    )
    import_id = fields.Many2one(
        "ecom.payout.import",
        string="Payout import",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="profile_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "ecom_payout_transaction_uniq",
            "unique(profile_id, name)",
            "This transaction has already been imported.",
        ),
    ]
