# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

SCOPES = [("sale", "Sales"), ("purchase", "Purchases")]
NATURES = [
    ("goods", "Goods"),
    ("service", "Services"),
    ("shipping", "Shipping fees"),
    ("commission", "Marketplace commissions"),
    ("payment_fee", "Payment fees"),
    ("discount", "Discount (follows what it reduces)"),
]
GEOGRAPHIES = [
    ("domestic", "France"),
    ("eu_b2b", "EU B2B (intra-community)"),
    ("eu_b2c", "EU B2C (OSS)"),
    ("export", "Outside the EU"),
]


class EcomAccountVentilation(models.Model):
    """One row of the ventilation table: which income or expense account an
    invoice line gets from its tax rate, its geography and its nature.

    The most specific row wins: an exact tax rate beats *any rate*, a
    geography beats *any geography*; then the sequence decides.
    """

    _name = "ecom.account.ventilation"
    _description = "Ventilation of invoice lines by VAT rate, geography and nature"
    _order = "company_id, scope, nature, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    scope = fields.Selection(SCOPES, required=True, default="sale")
    nature = fields.Selection(NATURES, required=True, default="goods")
    geography = fields.Selection(GEOGRAPHIES, help="Leave empty to match every geography.")
    any_tax_rate = fields.Boolean(
        string="Any VAT rate",
        help="Match every VAT rate (for example EU B2C sales under OSS, taxed at "
        "the customer's country rate).",
    )
    tax_rate = fields.Float(string="VAT rate (%)", digits=(16, 4))
    account_id = fields.Many2one(
        "account.account",
        required=True,
        check_company=True,
        domain="[('deprecated', '=', False), ('account_type', 'in', "
        "('income', 'income_other', 'expense', 'expense_direct_cost'))]",
    )

    _sql_constraints = [
        (
            "ecom_account_ventilation_key_uniq",
            "unique(company_id, scope, nature, geography, any_tax_rate, tax_rate)",
            "A ventilation row already exists for this scope, nature, geography and VAT rate.",
        ),
    ]

    @api.depends("scope", "nature", "geography", "any_tax_rate", "tax_rate")
    def _compute_display_name(self):
        natures = dict(self._fields["nature"]._description_selection(self.env))
        geographies = dict(self._fields["geography"]._description_selection(self.env))
        for row in self:
            rate = (
                self.env._("any rate")
                if row.any_tax_rate
                else f"{tools.float_repr(row.tax_rate, 2).rstrip('0').rstrip('.')} %"
            )
            row.display_name = " / ".join(
                (
                    natures.get(row.nature, ""),
                    geographies.get(row.geography) or self.env._("any geography"),
                    rate,
                )
            )

    @api.constrains("scope", "account_id")
    def _check_account_type(self):
        for row in self:
            internal_group = row.account_id.internal_group
            expected = "income" if row.scope == "sale" else "expense"
            if internal_group != expected:
                raise ValidationError(
                    self.env._(
                        "The account %(account)s of the ventilation row %(row)s must be "
                        "an %(expected)s account.",
                        account=row.account_id.display_name,
                        row=row.display_name,
                        expected=expected,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        self.env.registry.clear_cache()
        return rows

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.model
    @tools.ormcache("company_id")
    def _get_ventilation_table(self, company_id):
        """Return the active rows of a company as a tuple of
        ``(scope, nature, geography, any_tax_rate, tax_rate, account_id)``,
        most specific first; cached until a row changes."""
        rows = self.sudo().with_context(active_test=True).search([("company_id", "=", company_id)])
        table = [
            (r.scope, r.nature, r.geography, r.any_tax_rate, r.tax_rate, r.account_id.id)
            for r in rows
        ]
        table.sort(key=lambda r: (r[3], not r[2]))
        return tuple(table)

    @api.model
    def _get_account_id(self, company, scope, nature, geography, tax_rate):
        """Return the account id the table gives, or ``None``.

        Extension point: the ``ecom_*`` addons call it for the entries they
        create (commissions, payment fees)."""
        for (
            row_scope,
            row_nature,
            row_geo,
            any_rate,
            rate,
            account_id,
        ) in self._get_ventilation_table(company.id):
            if row_scope != scope or row_nature != nature:
                continue
            if row_geo and row_geo != geography:
                continue
            if not any_rate and (
                tax_rate is None or tools.float_compare(rate, tax_rate, precision_digits=4)
            ):
                continue
            return account_id
        return None
