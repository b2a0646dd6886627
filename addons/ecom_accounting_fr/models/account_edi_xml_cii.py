# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountEdiXmlCii(models.AbstractModel):
    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        # The French e-invoicing reform wants the SIREN of seller and French
        # buyer: derive it from the French VAT number when the registry is empty.
        vals = super()._export_invoice_vals(invoice)
        if not vals.get("seller_specified_legal_organization"):
            vals["seller_specified_legal_organization"] = self._ecom_get_siren(
                invoice.company_id.partner_id
            )
        if not vals.get("buyer_specified_legal_organization"):
            vals["buyer_specified_legal_organization"] = self._ecom_get_siren(
                invoice.commercial_partner_id
            )
        return vals

    def _ecom_get_siren(self, partner):
        """SIREN of a French business, from its VAT number (FRkk + SIREN)."""
        vat = (partner.vat or "").replace(" ", "").upper()
        if vat.startswith("FR") and len(vat) == 13 and vat[4:].isdigit():
            return vat[4:]
        return None
