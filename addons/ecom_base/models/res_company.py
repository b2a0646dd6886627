# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

from ..tools import get_vat_geography

_logger = logging.getLogger(__name__)

# chart template ids (l10n_fr) of the VAT rates a French e-merchant sells at
FRENCH_SALE_TAXES = ("tva_normale", "tva_intermediaire", "tva_reduite", "tva_super_reduite")


class ResCompany(models.Model):
    _inherit = "res.company"

    ecom_oss = fields.Boolean(
        string="EU distance sales under OSS",
        default=True,
        help="Sales to consumers of other EU countries are taxed at the customer's "
        "country VAT through the One-Stop Shop (over the EUR 10,000 threshold, or "
        "by option). Unticked: they are taxed at French VAT and booked as French "
        "sales (under the threshold and no option). Decides the fiscal position of "
        "imported shop orders; invoices follow the tax actually applied.",
    )

    def _ecom_get_vat_geography(self, partner, delivery=None, destination_vat=None):
        """Return the ``VatGeography`` of a sale of this company to
        ``partner`` delivered at ``delivery`` (default: ``partner``).

        Cross-addon contract (issue 12): the one geography rule of the suite,
        used by ``ecom_connector`` (fiscal position of an imported order) and
        ``ecom_accounting_fr`` (accounts and reports of an invoice).
        ``destination_vat`` says whether the customer's country VAT is
        charged (OSS); ``None`` takes the company's OSS setting. A VAT number
        on the commercial partner makes the customer a business."""
        self.ensure_one()
        address = delivery or partner
        commercial = partner.commercial_partner_id
        country = address.country_id or commercial.country_id
        home = self.account_fiscal_country_id or self.country_id
        return get_vat_geography(
            home.code,
            country.code,
            address.zip or "",
            is_business=bool(commercial.vat),
            destination_vat=self.ecom_oss if destination_vat is None else destination_vat,
            eu_codes=frozenset(self.env.ref("base.europe").country_ids.mapped("code")),
        )

    @api.model
    def _ecom_demo_french_merchant(self, company_xmlid="base.main_company"):
        """Demo data: turn the database's main company into a French
        e-merchant ready to sell (called by ``demo/ecom_base_demo.xml`` only,
        so only in databases installed with demo data).

        - the French chart of accounts (``fr``) replaces the generic one that
          Odoo's demo data loaded; in demo mode the chart loader first removes
          the company's demo entries, so the currency becomes EUR;
        - the sale VAT taxes at 20 / 10 / 5.5 / 2.1 %, their tax-included
          variants (tax-included shops) and the purchase ones are active;
        - the administrator and the company work in French;
        - no SMS to the (made-up) customers when a delivery is validated.

        Running it again changes nothing.
        """
        company = self.env.ref(company_xmlid)
        if company.chart_template != "fr":
            # the loader that core's company creation uses: try_loading would
            # warn about a registry still loading during the install
            self.env["account.chart.template"]._load("fr", company, install_demo=False)
        chart = self.env["account.chart.template"].with_company(company)
        taxes = self.env["account.tax"]
        for xmlid in FRENCH_SALE_TAXES:
            purchase = xmlid.replace("tva_", "tva_acq_")
            for ref in (xmlid, f"{xmlid}_ttc", purchase):
                taxes |= chart.ref(ref, raise_if_not_found=False) or taxes.browse()
        taxes.with_context(active_test=False).filtered(lambda t: not t.active).active = True
        if "stock_move_sms_validation" in company._fields:
            # the demo customers' phone numbers are made up: no SMS on
            # delivery (stock_sms would also ask once, at the first delivery)
            company.stock_move_sms_validation = False
        lang = self.env["res.lang"]._activate_lang("fr_FR")
        if lang:
            admin = self.env.ref("base.user_admin")
            (admin.partner_id | company.partner_id).lang = lang.code
            admin.tz = company.partner_id.tz = "Europe/Paris"
        _logger.info("demo: %s is a French e-merchant (chart fr, EUR, fr_FR)", company.name)
        return True
