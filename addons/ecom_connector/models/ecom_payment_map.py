# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomPaymentMap(models.Model):
    """How the orders paid with one of the shop's payment methods are imported."""

    _name = "ecom.payment.map"
    _check_company_auto = True
    _description = "E-commerce Payment Method Mapping"
    _order = "backend_id, code"

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    code = fields.Char(
        string="Shop Payment Method",
        required=True,
        help="The shop's code, e.g. stripe, paypal, bacs, cod.",
    )
    name = fields.Char(string="Label")
    rule = fields.Selection(
        selection=[
            ("always", "Confirm at once"),
            ("paid", "Confirm when paid"),
            ("authorized", "Confirm when paid or authorized"),
            ("never", "Do not import"),
        ],
        required=True,
        default="paid",
    )
    journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Journal the payments of this method are collected in.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(backend_id, code)", "This payment method is already mapped."),
    ]
