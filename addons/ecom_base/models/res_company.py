# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools import get_vat_geography


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
