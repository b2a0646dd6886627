# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

PROVIDERS = [
    ("amazon", "Amazon settlement (flat file V2)"),
    ("paypal", "PayPal activity (CSV)"),
    ("stripe", "Stripe balance / payout (CSV)"),
    ("shopify", "Shopify Payments payout (CSV)"),
    ("generic", "Generic CSV"),
]
#: own 467 sub-accounts of each platform: (balance, reserve, platform name)
PLATFORM_ACCOUNTS = {
    "amazon": ("467100", "467110", "Amazon"),
    "paypal": ("467200", "467210", "PayPal"),
    "stripe": ("467300", "467310", "Stripe"),
    "shopify": ("467400", "467410", "Shopify Payments"),
}


class EcomPayoutProfile(models.Model):
    """How the settlement files of one marketplace or payment provider are
    booked: the journal, and the account of each kind of amount."""

    _name = "ecom.payout.profile"
    _description = "Marketplace or payment payout profile"
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    provider = fields.Selection(PROVIDERS, required=True, default="generic")
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('general', 'bank'))]",
        help="Journal of the settlement entries.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Marketplace",
        check_company=True,
        help="The marketplace or payment provider, put on its commission and fee lines.",
    )
    clearing_account_id = fields.Many2one(
        "account.account",
        string="Balance account",
        required=True,
        check_company=True,
        help="Money held by the platform for the merchant (for example 467100 "
        "Amazon, or 512xxx PayPal): what is neither a sale, a fee nor a payout "
        "of the file stays there.",
    )
    transfer_account_id = fields.Many2one(
        "account.account",
        string="Payout account",
        required=True,
        check_company=True,
        help="Where payouts to the bank go, reconciled later with the bank "
        "statement (usually the internal transfer account 58).",
    )
    commission_account_id = fields.Many2one(
        "account.account", string="Commission account", required=True, check_company=True
    )
    commission_tax_id = fields.Many2one(
        "account.tax",
        string="VAT on commissions",
        check_company=True,
        domain="[('type_tax_use', '=', 'purchase')]",
        help="Deductible VAT included in the commissions, when the marketplace "
        "invoices them with French VAT. Empty: commissions have no VAT.",
    )
    fee_account_id = fields.Many2one(
        "account.account", string="Payment fee account", required=True, check_company=True
    )
    reserve_account_id = fields.Many2one(
        "account.account",
        string="Reserve account",
        required=True,
        check_company=True,
        help="Money the platform keeps as a reserve (for example 467200).",
    )
    suspense_account_id = fields.Many2one(
        "account.account",
        string="Suspense account",
        required=True,
        check_company=True,
        help="Sales and refunds that match no invoice, and lines of unknown "
        "nature: listed on the import for the accountant (for example 471000).",
    )
    advance_account_id = fields.Many2one(
        "account.account",
        string="Customer advances account",
        check_company=True,
        help="Payments of orders not invoiced yet (for example 419100 Clients - "
        "avances et acomptes reçus), listed to match with the invoice later. Empty: "
        "the suspense account.",
    )
    create_credit_notes = fields.Boolean(
        string="Create credit notes",
        default=True,
        help="A refund of an order that has no credit note yet creates and posts "
        "the credit note of its invoice and reconciles it: the whole invoice for a "
        "full refund (withdrawal within 14 days), each line in proportion for a "
        "partial refund, so that each VAT rate and account gets its share.",
    )
    channel = fields.Char(
        string="Sales channel",
        help="Sales channel of the invoices of this marketplace or shop, as the "
        "connector writes it on them (for example amazon.fr).",
    )
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Channel analytic account",
        check_company=True,
        help="Optional: the lines of the channel's customer invoices get this "
        "analytic account (when no analytic distribution model applies).",
    )
    import_ids = fields.One2many("ecom.payout.import", "profile_id", string="Imports")

    @api.onchange("company_id", "provider")
    def _onchange_company_id(self):
        defaults = self._get_default_accounts(self.company_id, self.provider)
        for vals_field, value in defaults.items():
            if not self[vals_field] or (
                vals_field in ("clearing_account_id", "reserve_account_id")
                and self[vals_field].code.startswith("467")
            ):
                self[vals_field] = value

    @api.model_create_multi
    def create(self, vals_list):
        # a profile created by code or data (not the form) starts with the
        # accounts the form proposes
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            defaults = self._get_default_accounts(company, vals.get("provider"))
            for name, account in defaults.items():
                if account and name not in vals:
                    vals[name] = account.id
        return super().create(vals_list)

    @api.model
    def _get_platform_account(self, company, code, name):
        """The platform's own 467 sub-account, created on first use."""
        Account = self.env["account.account"].sudo().with_company(company)
        account = Account.search([("code", "=", code), ("company_ids", "in", company.id)], limit=1)
        return account or Account.create(
            {
                "code": code,
                "name": name,
                "account_type": "asset_current",
                "reconcile": True,
                "company_ids": [(6, 0, company.ids)],
            }
        )

    @api.model
    def _get_default_accounts(self, company, provider=None):
        """Accounts of the French chart a new profile starts with; each
        platform gets its own balance and reserve sub-accounts of 467."""
        Account = self.env["account.account"].with_company(company)
        Ventilation = self.env["ecom.account.ventilation"]

        def by_code(code):
            return Account.search([("code", "=", code), ("company_ids", "in", company.id)], limit=1)

        commission = Ventilation._get_account_id(company, "purchase", "commission", False, None)
        fee = Ventilation._get_account_id(company, "purchase", "payment_fee", False, None)
        clearing = reserve = by_code("467000")
        if provider in PLATFORM_ACCOUNTS and company:
            balance_code, reserve_code, platform = PLATFORM_ACCOUNTS[provider]
            clearing = self._get_platform_account(
                company, balance_code, self.env._("%s - balance", platform)
            )
            reserve = self._get_platform_account(
                company, reserve_code, self.env._("%s - reserve", platform)
            )
        return {
            "clearing_account_id": clearing,
            "advance_account_id": by_code("419100"),
            "transfer_account_id": company.transfer_account_id or by_code("580000"),
            "commission_account_id": Account.browse(commission)
            if commission
            else by_code("622200"),
            "fee_account_id": Account.browse(fee) if fee else by_code("627800"),
            "reserve_account_id": reserve,
            "suspense_account_id": by_code("471000"),
        }

    def action_open_imports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_accounting_fr.ecom_payout_import_action"
        )
        action["domain"] = [("profile_id", "=", self.id)]
        action["context"] = {"default_profile_id": self.id}
        return action
