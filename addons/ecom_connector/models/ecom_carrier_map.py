# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomCarrierMap(models.Model):
    """Which Odoo shipping method a shop's carrier code means."""

    _name = "ecom.carrier.map"
    _check_company_auto = True
    _description = "E-commerce Carrier Mapping"
    _order = "backend_id, code"

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    code = fields.Char(
        string="Shop Carrier", required=True, help="The shop's carrier or shipping method code."
    )
    carrier_id = fields.Many2one(
        "delivery.carrier", string="Shipping Method", required=True, check_company=True
    )

    _sql_constraints = [
        ("code_uniq", "unique(backend_id, code)", "This carrier is already mapped."),
    ]
