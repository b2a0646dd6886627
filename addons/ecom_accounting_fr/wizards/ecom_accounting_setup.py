# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

FR_RATES = ((20.0, "20"), (10.0, "10"), (5.5, "5,5"), (2.1, "2,1"), (0.0, "0"))
# the language of the French chart's account names
CHART_LANG = "fr_FR"


class EcomAccountingSetup(models.TransientModel):
    """Create the sub-accounts of the ventilation under the French chart and
    fill the ventilation table. Run it again at will: existing accounts (found
    by code) and rows are reused, never created twice."""

    _name = "ecom.accounting.setup"
    _description = "E-commerce accounting setup"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self._default_company()
    )
    line_ids = fields.One2many("ecom.accounting.setup.line", "setup_id", string="Accounts")

    @api.model
    def _default_company(self):
        """The current company, unless it is set up and another French company
        of the user is not: the proposal goes to each French company."""
        company = self.env.company
        if company.ecom_accounting_setup_done or company.chart_template != "fr":
            pending = self.env.companies.filtered(
                lambda c: c.chart_template == "fr" and not c.ecom_accounting_setup_done
            )
            return pending[:1] or company
        return company

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if "line_ids" in fields_list:
            company = self.env["res.company"].browse(res.get("company_id")) or self.env.company
            res["line_ids"] = [
                Command.create(vals) for vals in self._prepare_line_vals_list(company)
            ]
        return res

    @api.model
    def _get_default_plan(self):
        """Default sub-accounts: a list of dicts with scope, nature, geography,
        any_tax_rate, tax_rate, account_code, account_name.

        Extension point: override and append rows (``super()`` first)."""
        plan = []

        def add(scope, nature, geography, rate, code, name):
            plan.append(
                {
                    "scope": scope,
                    "nature": nature,
                    "geography": geography,
                    "any_tax_rate": rate is None,
                    "tax_rate": rate or 0.0,
                    "account_code": code,
                    "account_name": name,
                }
            )

        for prefix, nature, label in (
            ("7071", "goods", self.env._("Sales of goods")),
            ("7061", "service", self.env._("Sales of services")),
            ("7085", "shipping", self.env._("Shipping fees invoiced")),
        ):
            for index, (rate, rate_label) in enumerate(FR_RATES, start=1):
                add(
                    "sale",
                    nature,
                    "domestic",
                    rate,
                    f"{prefix}{index}0",
                    self.env._("%(label)s France VAT %(rate)s %%", label=label, rate=rate_label),
                )
            add(
                "sale",
                nature,
                "eu_b2b",
                None,
                f"{prefix}60",
                self.env._("%(label)s EU intra-community", label=label),
            )
            add(
                "sale",
                nature,
                "eu_b2c",
                None,
                f"{prefix}70",
                self.env._("%(label)s EU consumers (OSS)", label=label),
            )
            add(
                "sale",
                nature,
                "export",
                None,
                f"{prefix}80",
                self.env._("%(label)s outside the EU", label=label),
            )
        for index, (rate, rate_label) in enumerate(FR_RATES, start=1):
            add(
                "purchase",
                "goods",
                "domestic",
                rate,
                f"6071{index}0",
                self.env._("Purchases of goods France VAT %(rate)s %%", rate=rate_label),
            )
        add(
            "purchase",
            "goods",
            "eu_b2b",
            None,
            "607160",
            self.env._("Purchases of goods intra-community"),
        )
        add(
            "purchase",
            "goods",
            "eu_b2c",
            None,
            "607160",
            self.env._("Purchases of goods intra-community"),
        )
        add(
            "purchase", "goods", "export", None, "607180", self.env._("Purchases of goods imported")
        )
        add("purchase", "shipping", False, None, "624100", self.env._("Transport on purchases"))
        add(
            "purchase",
            "commission",
            False,
            None,
            "622200",
            self.env._("Sales commission and brokerage"),
        )
        add(
            "purchase",
            "payment_fee",
            False,
            None,
            "627800",
            self.env._("Other expenses and commissions on services supplied"),
        )
        return plan

    @api.model
    def _prepare_line_vals_list(self, company):
        """Lines of the wizard: the existing rows' accounts where they exist,
        the default plan otherwise."""
        Ventilation = self.env["ecom.account.ventilation"].with_context(active_test=False)
        vals_list = []
        for vals in self._get_default_plan():
            row = Ventilation.search(self._get_row_domain(company, vals), limit=1)
            if row:
                vals = dict(
                    vals, account_code=row.account_id.code, account_name=row.account_id.name
                )
            vals_list.append(vals)
        return vals_list

    @api.model
    def _plan_key(self, vals):
        return (
            vals["scope"],
            vals["nature"],
            vals["geography"] or False,
            vals["any_tax_rate"],
            vals["tax_rate"],
        )

    @api.model
    def _get_plan_name_translations(self):
        """{plan key: (name in the user's language, {lang: name})}: the
        default plan's account names in English and, when French is
        installed, in French (the chart's language)."""
        langs = ["en_US"]
        if CHART_LANG != "en_US" and self.env["res.lang"]._lang_get(CHART_LANG):
            langs.append(CHART_LANG)
        names = {}
        for vals in self._get_default_plan():
            names[self._plan_key(vals)] = (vals["account_name"], {})
        for lang in langs:
            for vals in self.with_context(lang=lang)._get_default_plan():
                names[self._plan_key(vals)][1][lang] = vals["account_name"]
        return names

    @api.model
    def _create_account(self, line, code, company, plan_names):
        """Create the account of ``line``: the default plan's name gets its
        English and French terms, so that a French company's chart reads in
        French whatever the language of the user who ran the wizard; a name
        typed in the wizard is kept as typed in every language."""
        Account = self.env["account.account"].with_company(company)
        user_name, translations = plan_names.get(self._plan_key(line), (None, {}))
        if line.account_name != user_name:
            translations = dict.fromkeys(translations or ["en_US"], line.account_name)
        vals = dict(line._prepare_account_vals(code, company), name=translations["en_US"])
        account = Account.with_context(lang="en_US").create(vals)
        account.update_field_translations("name", translations)
        return account

    @api.model
    def _get_row_domain(self, company, vals):
        return [
            ("company_id", "=", company.id),
            ("scope", "=", vals["scope"]),
            ("nature", "=", vals["nature"]),
            ("geography", "=", vals["geography"] or False),
            ("any_tax_rate", "=", vals["any_tax_rate"]),
            ("tax_rate", "=", vals["tax_rate"]),
        ]

    def action_apply(self):
        """Create the missing accounts and ventilation rows; return the table."""
        self.ensure_one()
        company = self.company_id
        if company.chart_template != "fr":
            raise UserError(
                self.env._(
                    "The company %s does not use the French chart of accounts: load it "
                    "first (Accounting > Configuration > Settings > Fiscal Localization).",
                    company.name,
                )
            )
        Account = self.env["account.account"].with_company(company)
        Ventilation = self.env["ecom.account.ventilation"].with_context(active_test=False)
        plan_names = self._get_plan_name_translations()
        accounts = {}
        for line in self.line_ids:
            code = (line.account_code or "").strip()
            if not code.isdigit() or not code.startswith(("6", "7")):
                raise UserError(
                    self.env._(
                        "The account number %(code)r of the line %(line)s must be made of "
                        "digits and start with 6 (expenses) or 7 (income).",
                        code=code,
                        line=line.display_name,
                    )
                )
            if code not in accounts:
                account = Account.search(
                    [("code", "=", code), ("company_ids", "in", company.id)], limit=1
                )
                accounts[code] = account or self._create_account(line, code, company, plan_names)
            vals = {
                "scope": line.scope,
                "nature": line.nature,
                "geography": line.geography or False,
                "any_tax_rate": line.any_tax_rate,
                "tax_rate": line.tax_rate,
            }
            row = Ventilation.search(self._get_row_domain(company, vals), limit=1)
            if row:
                if row.account_id != accounts[code]:
                    row.account_id = accounts[code]
            else:
                Ventilation.create(dict(vals, company_id=company.id, account_id=accounts[code].id))
        company.sudo().ecom_accounting_setup_done = True
        return self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_accounting_fr.ecom_account_ventilation_action"
        )
