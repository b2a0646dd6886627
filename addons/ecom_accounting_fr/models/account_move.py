# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .ecom_account_ventilation import GEOGRAPHIES


class AccountMove(models.Model):
    _inherit = "account.move"

    ecom_geography = fields.Selection(
        GEOGRAPHIES,
        string="Geography",
        compute="_compute_ecom_geography",
        store=True,
        readonly=False,
        help="Where the sale or purchase takes place for VAT: France, another EU "
        "country with a VAT-registered business (intra-community), another EU "
        "country with a consumer (OSS), or outside the EU. Drives the ventilation.",
    )
    ecom_channel = fields.Char(
        string="Sales channel",
        index="btree_not_null",
        help="Shop or marketplace the order came from (for example amazon.fr); "
        "filled by the connector when it invoices an order.",
    )

    @api.depends(
        "move_type",
        "partner_id.country_id",
        "partner_shipping_id.country_id",
        "commercial_partner_id.vat",
        "company_id.account_fiscal_country_id",
    )
    def _compute_ecom_geography(self):
        europe = self.env.ref("base.europe").country_ids
        for move in self:
            move.ecom_geography = (
                move._get_ecom_geography(europe) if move.is_invoice(True) else False
            )

    def _get_ecom_geography(self, europe):
        """Return the geography of an invoice (a key of ``GEOGRAPHIES``).

        Sales follow the delivery country (OSS rules), purchases the
        supplier's; a VAT number makes an EU customer B2B. Override to
        refine (DOM-TOM, fiscal positions)."""
        self.ensure_one()
        partner = self.partner_id
        if self.is_sale_document(include_receipts=True):
            partner = self.partner_shipping_id or partner
        country = partner.country_id or self.commercial_partner_id.country_id
        home = self.company_id.account_fiscal_country_id or self.company_id.country_id
        if not country or country == home:
            return "domestic"
        if country in europe:
            return "eu_b2b" if self.commercial_partner_id.vat else "eu_b2c"
        return "export"
