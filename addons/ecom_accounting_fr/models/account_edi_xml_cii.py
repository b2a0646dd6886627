# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import models

RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NS = {"ram": RAM, "rsm": RSM, "qdt": QDT}
#: EAS scheme of the French e-invoicing electronic addresses (SIREN based)
FR_ELECTRONIC_ADDRESS_SCHEME = "0225"


def _ram(tag, text=None, **attrs):
    element = etree.Element(f"{{{RAM}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


class AccountEdiXmlCii(models.AbstractModel):
    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        # The French e-invoicing reform wants the SIREN (9 digits, scheme
        # 0002) of seller and French buyer, never a SIRET: derive it from the
        # registry (SIRET = SIREN + 5 digits) or the French VAT number.
        vals = super()._export_invoice_vals(invoice)
        # declare the profile produced: the XML is EN 16931 (its XSD validates
        # it, the PDF/A-3 XMP says EN 16931), not EXTENDED as core writes
        vals["document_context_id"] = "urn:cen.eu:en16931:2017"
        for key, partner in (
            ("seller_specified_legal_organization", invoice.company_id.partner_id),
            ("buyer_specified_legal_organization", invoice.commercial_partner_id),
        ):
            vals[key] = self._ecom_to_siren(vals.get(key)) or self._ecom_get_siren(partner)
        return vals

    def _export_invoice(self, invoice):
        # add what the French rules (CTC, flux 2) want and core does not write
        xml, errors = super()._export_invoice(invoice)
        if not xml:
            return xml, errors
        tree = etree.fromstring(xml)
        self._ecom_add_french_data(tree, invoice)
        return etree.tostring(tree, xml_declaration=True, encoding="UTF-8"), errors

    def _ecom_to_siren(self, value):
        digits = (value or "").replace(" ", "")
        if digits.isdigit() and len(digits) in (9, 14):
            return digits[:9]
        return None

    def _ecom_get_siren(self, partner):
        """SIREN of a French business: its registry (SIREN or SIRET) or its
        VAT number (FRkk + SIREN)."""
        if partner.country_id.code in ("FR", "MC", False, None) and partner.is_company:
            registry = self._ecom_to_siren(getattr(partner, "company_registry", "") or "")
            if registry:
                return registry
            siret = self._ecom_to_siren(getattr(partner, "siret", "") or "")
            if siret:
                return siret
        vat = (partner.vat or "").replace(" ", "").upper()
        if vat.startswith("FR") and len(vat) == 13 and vat[4:].isdigit():
            return vat[4:]
        return None

    def _ecom_get_billing_framework(self, invoice):
        """Billing framework (BT-23) of the French reform: B (goods), S
        (services) or M (both), 1 for an invoice to pay, 2 for one already
        paid (shop orders paid online)."""
        natures = set(invoice.invoice_line_ids.mapped("ecom_nature")) - {False}
        goods = bool(natures & {"goods", "shipping"})
        services = bool(natures - {"goods", "shipping"})
        kind = "M" if goods and services else ("S" if services else "B")
        paid = invoice.payment_state in ("paid", "in_payment")
        return f"{kind}{2 if paid else 1}"

    def _ecom_get_french_notes(self, invoice):
        """``[(subject code, text)]``: the payment notes French law wants on
        every B2B invoice (art. L441-9 and L441-10 of the Code de commerce)."""
        company = invoice.company_id
        return [
            ("PMT", company.ecom_note_recovery_fee),
            ("PMD", company.ecom_note_late_penalties),
            ("AAB", company.ecom_note_early_payment),
        ]

    def _ecom_add_french_data(self, tree, invoice):
        # EN 16931 has no contact for the deliver-to party (CII-SR-312): the
        # one core copies from the delivery address is dropped
        for contact in tree.findall(
            ".//ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/ram:DefinedTradeContact", NS
        ):
            contact.getparent().remove(contact)
        context = tree.find("rsm:ExchangedDocumentContext", NS)
        if (
            context is not None
            and context.find("ram:BusinessProcessSpecifiedDocumentContextParameter", NS) is None
        ):
            process = _ram("BusinessProcessSpecifiedDocumentContextParameter")
            process.append(_ram("ID", self._ecom_get_billing_framework(invoice)))
            context.insert(0, process)
        document = tree.find("rsm:ExchangedDocument", NS)
        if document is not None:
            subjects = {
                note.findtext("ram:SubjectCode", namespaces=NS)
                for note in document.findall("ram:IncludedNote", NS)
            }
            for code, text in self._ecom_get_french_notes(invoice):
                if text and code not in subjects:
                    note = _ram("IncludedNote")
                    note.append(_ram("Content", text))
                    note.append(_ram("SubjectCode", code))
                    document.append(note)
        for path, partner in (
            (".//ram:SellerTradeParty", invoice.company_id.partner_id),
            (".//ram:BuyerTradeParty", invoice.commercial_partner_id),
        ):
            party = tree.find(path, NS)
            if party is None or party.find("ram:URIUniversalCommunication", NS) is not None:
                continue
            # the SIREN-based address of the French platforms, else the email
            # (scheme EM) of a foreign or consumer buyer: BR-FR-12 wants one
            siren = self._ecom_get_siren(partner)
            if siren:
                uri = _ram("URIID", siren, schemeID=FR_ELECTRONIC_ADDRESS_SCHEME)
            elif partner.email:
                uri = _ram("URIID", partner.email, schemeID="EM")
            else:
                continue
            address = _ram("URIUniversalCommunication")
            address.append(uri)
            tax = party.find("ram:SpecifiedTaxRegistration", NS)
            if tax is not None:
                tax.addprevious(address)
            else:
                party.append(address)
        origin = invoice.reversed_entry_id
        settlement = tree.find(".//ram:ApplicableHeaderTradeSettlement", NS)
        if (
            origin
            and settlement is not None
            and (settlement.find("ram:InvoiceReferencedDocument", NS) is None)
        ):
            reference = _ram("InvoiceReferencedDocument")
            reference.append(_ram("IssuerAssignedID", origin.name))
            issued = _ram("FormattedIssueDateTime")
            date = etree.SubElement(issued, f"{{{QDT}}}DateTimeString", format="102")
            date.text = (origin.invoice_date or origin.date).strftime("%Y%m%d")
            reference.append(issued)
            summation = settlement.find("ram:SpecifiedTradeSettlementHeaderMonetarySummation", NS)
            if summation is not None:
                summation.addnext(reference)
            else:
                settlement.append(reference)
