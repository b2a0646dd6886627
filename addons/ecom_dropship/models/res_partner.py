# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecom_po_auto_confirm = fields.Selection(
        selection=[
            ("manual", "Manually"),
            ("immediate", "As soon as created"),
            ("cutoff", "At the purchase cut-off"),
        ],
        string="Confirm Automatic Purchases",
        default="manual",
        company_dependent=True,
        help="When requests for quotation created by customer orders or "
        "reordering rules are confirmed for this supplier.",
    )
