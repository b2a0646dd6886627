# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EcomTaxMap(models.Model):
    """Which Odoo tax a shop's VAT rate means.  Imported orders take their
    taxes only from here: a rate without a mapping stops the import."""

    _name = "ecom.tax.map"
    _check_company_auto = True
    _description = "E-commerce Tax Mapping"
    _order = "backend_id, rate desc, country_id"

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    rate = fields.Float(string="Shop Rate (%)", digits=(16, 4), required=True)
    country_id = fields.Many2one(
        "res.country",
        string="Destination Country",
        help="Only for orders shipped to this country (e.g. OSS rates); empty: any.",
    )
    tax_id = fields.Many2one(
        "account.tax",
        required=True,
        check_company=True,
        domain="[('type_tax_use', '=', 'sale')]",
    )

    _sql_constraints = [
        (
            "rate_country_uniq",
            "unique(backend_id, rate, country_id)",
            "This rate is already mapped for this country.",
        ),
    ]

    @api.constrains("tax_id", "rate")
    def _check_tax(self):
        for line in self:
            tax = line.tax_id
            if tax.amount_type == "percent" and abs(tax.amount - line.rate) > 0.0001:
                raise ValidationError(
                    self.env._(
                        "The shop rate %(rate)s %% is mapped to the tax %(tax)s of %(amount)s %%.",
                        rate=line.rate,
                        tax=tax.display_name,
                        amount=tax.amount,
                    )
                )
            if line.backend_id.prices_include_tax and tax.amount and not tax.price_include:
                raise ValidationError(
                    self.env._(
                        "The shop %(shop)s sells tax included: map the rate %(rate)s %% to a "
                        "tax-included tax, not %(tax)s.",
                        shop=line.backend_id.display_name,
                        rate=line.rate,
                        tax=tax.display_name,
                    )
                )
