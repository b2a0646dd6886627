# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomStateMap(models.Model):
    """What an order in one of the shop's states becomes in Odoo."""

    _name = "ecom.state.map"
    _check_company_auto = True
    _description = "E-commerce Order State Mapping"
    _order = "backend_id, shop_state"

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    shop_state = fields.Char(required=True, help="The shop's order state, e.g. processing.")
    action = fields.Selection(
        selection=[
            ("import", "Import"),
            ("skip", "Skip"),
            ("cancel", "Cancel in Odoo"),
        ],
        required=True,
        default="import",
    )

    _sql_constraints = [
        ("state_uniq", "unique(backend_id, shop_state)", "This shop state is already mapped."),
    ]
