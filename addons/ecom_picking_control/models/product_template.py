# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ecom_weight_to_check = fields.Boolean(
        string="Weight to Check",
        compute="_compute_ecom_weight_to_check",
        help="Parcels of this product alone keep weighing differently from its "
        "recorded weight at the packing station.",
    )

    def _compute_ecom_weight_to_check(self):
        rows = self.env["ecom.weight.deviation.report"].search(
            [("product_id", "in", self.product_variant_ids.ids), ("flagged", "=", True)]
        )
        flagged = rows.product_id.product_tmpl_id
        for template in self:
            template.ecom_weight_to_check = template in flagged
