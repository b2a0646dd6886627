# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .ecom_account_ventilation import NATURES


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ecom_accounting_nature = fields.Selection(
        NATURES,
        string="Accounting nature",
        compute="_compute_ecom_accounting_nature",
        store=True,
        readonly=False,
        help="Drives the ventilation of invoice lines (E-commerce > Configuration > "
        "Ventilation table). Empty: the line keeps the product's own account. A "
        "service used as a carrier's delivery product counts as shipping fees; a "
        "discount takes the account of the goods or shipping it reduces.",
    )

    @api.depends("type")
    def _compute_ecom_accounting_nature(self):
        for template in self:
            if template.type == "combo":
                template.ecom_accounting_nature = False
            elif template.type == "service":
                if template.ecom_accounting_nature not in (
                    "service",
                    "shipping",
                    "commission",
                    "payment_fee",
                    "discount",
                ):
                    template.ecom_accounting_nature = "service"
            else:
                template.ecom_accounting_nature = "goods"
