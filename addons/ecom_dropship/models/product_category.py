# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PROCUREMENT_MODES = [
    ("stock", "From stock"),
    ("flux_tendu", "Flux tendu (buy on order)"),
    ("dropship", "Dropship"),
]


class ProductCategory(models.Model):
    _inherit = "product.category"

    ecom_procurement_mode = fields.Selection(
        selection=PROCUREMENT_MODES,
        string="Default Procurement Mode",
        default="stock",
        required=True,
        help="Procurement mode given to the products of this category when "
        "they are created or moved into it.",
    )
