# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import UserError

from .common import EcomCarrierCase
from .servers.colissimo import API_KEY, CONTRACT, PASSWORD


class TestColissimoLabels(EcomCarrierCase):
    def test_home_label_on_validate(self):
        """DOM label with the API key only: one parcel, the label attached
        to the picking, the number in carrier_tracking_ref."""
        picking = self._ship(self.customer, self.colissimo_home)
        (parcel,) = self._validate_with_labels(picking, "colissimo")
        self.assertTrue(parcel.tracking_number.startswith("6A"))
        self.assertTrue(parcel.label_attachment_id.raw.startswith(b"%PDF"))
        request = self.colissimo_server.requests[-1]
        self.assertEqual(request.headers.get("apiKey"), API_KEY)
        body = json.loads(request.body)
        self.assertNotIn("contractNumber", body)
        self.assertNotIn("password", body)
        letter = body["letter"]
        self.assertEqual(letter["service"]["productCode"], "DOM")
        self.assertEqual(letter["parcel"]["weight"], 1.2)
        self.assertEqual(letter["addressee"]["address"]["zipCode"], "75001")
        self.assertEqual(letter["sender"]["address"]["zipCode"], "69002")
        self.assertEqual(body["outputFormat"]["outputPrintingType"], "PDF_10x15_300dpi")

    def test_signature_label_contract_password(self):
        """DOS with contract number and password in the body, no apiKey."""
        picking = self._ship(self.customer, self.colissimo_signature)
        self._validate(picking)
        request = self.colissimo_server.requests[-1]
        self.assertNotIn("apiKey", request.headers)
        body = json.loads(request.body)
        self.assertEqual(body["contractNumber"], CONTRACT)
        self.assertEqual(body["password"], PASSWORD)
        self.assertEqual(body["letter"]["service"]["productCode"], "DOS")
        self.assertTrue(picking.carrier_tracking_ref)

    def test_zpl_label(self):
        picking = self._ship(self.customer, self.colissimo_zpl)
        (parcel,) = self._validate_with_labels(picking, "colissimo", label_format="zpl")
        self.assertEqual(parcel.label_format, "zpl")
        self.assertTrue(parcel.label_attachment_id.raw.startswith(b"^XA"))
        body = json.loads(self.colissimo_server.requests[-1].body)
        self.assertEqual(body["outputFormat"]["outputPrintingType"], "ZPL_10x15_203dpi")

    def test_multi_parcel(self):
        """Two packages: two numbers and labels, each parcel on its own
        package; carrier_tracking_ref joined with "," and the tracking URL a
        JSON list as core expects for several parcels."""
        picking = self._ship(
            self.customer, self.colissimo_home, [(self.product_a, 2), (self.product_b, 1)]
        )
        packages = self._pack(picking, [[(self.product_a, 2)], [(self.product_b, 1)]])
        parcels = self._validate_with_labels(picking, "colissimo", count=2)
        self.assertEqual(parcels.package_id, packages)
        self.assertEqual(parcels[0].package_id, packages[0])
        self.assertAlmostEqual(parcels[0].weight, 2.4)
        self.assertAlmostEqual(parcels[1].weight, 0.5)
        self.assertEqual(len(parcels.label_attachment_id), 2)
        links = picking.get_multiple_carrier_tracking()
        self.assertEqual([link[0] for link in links], parcels.mapped("tracking_number"))
        self.assertIn(parcels[1].tracking_number, links[1][1])
        weights = [
            json.loads(r.body)["letter"]["parcel"]["weight"]
            for r in self.colissimo_server.requests[-2:]
        ]
        self.assertEqual(weights, [2.4, 0.5])

    def test_parcel_dicts_for_the_shop(self):
        picking = self._ship(
            self.customer, self.colissimo_home, [(self.product_a, 1), (self.product_b, 1)]
        )
        packages = self._pack(picking, [[(self.product_a, 1)], [(self.product_b, 1)]])
        self._validate(picking)
        parcels = picking._ecom_carrier_parcel_dicts()
        self.assertEqual([p["package_id"] for p in parcels], packages.ids)
        self.assertEqual(
            ",".join(p["tracking_number"] for p in parcels), picking.carrier_tracking_ref
        )
        self.assertEqual(parcels[0]["carrier_name"], "Colissimo domicile")
        self.assertIn(parcels[0]["tracking_number"], parcels[0]["tracking_url"])
        self.assertAlmostEqual(parcels[1]["weight"], 0.5)

    def test_send_to_shipper_twice_refused(self):
        """Labels exist: a second send (tracking reference cleared by hand)
        does not create a second set behind the user's back."""
        picking = self._validate(self._ship(self.customer, self.colissimo_home))
        calls = len(self.colissimo_server.labels)
        picking.carrier_tracking_ref = False
        with self.assertRaises(UserError):
            picking.with_user(self.ecom_user).send_to_shipper()
        self.assertEqual(len(self.colissimo_server.labels), calls)
        self.assertEqual(len(picking.ecom_parcel_ids), 1)

    def test_backorder_gets_its_own_shipment(self):
        picking = self._ship(self.customer, self.colissimo_home, [(self.product_a, 3)])
        picking.move_ids.quantity = 1
        self._validate(picking)
        backorder = picking.backorder_ids
        self.assertTrue(backorder)
        self.assertFalse(backorder.carrier_tracking_ref)
        first = picking.carrier_tracking_ref
        backorder.action_assign()
        self._validate(backorder)
        self.assertTrue(backorder.carrier_tracking_ref)
        self.assertNotEqual(backorder.carrier_tracking_ref, first)
        self.assertEqual(picking.carrier_tracking_ref, first)
        body = json.loads(self.colissimo_server.requests[-1].body)
        self.assertAlmostEqual(body["letter"]["parcel"]["weight"], 2.4)

    def test_outre_mer_com_with_cn23(self):
        """Réunion: product COM with the customs declaration; the CN23 comes
        back as a document attached to the picking."""
        picking = self._ship(self.customer_reunion, self.colissimo_home)
        self._validate(picking)
        body = json.loads(self.colissimo_server.requests[-1].body)
        self.assertEqual(body["letter"]["service"]["productCode"], "COM")
        customs = body["letter"]["customsDeclarations"]
        self.assertTrue(customs["includeCustomsDeclarations"])
        article = customs["contents"]["article"][0]
        self.assertEqual(article["quantity"], 1)
        self.assertEqual(article["description"], "Théière fonte")
        self.assertEqual(body["letter"]["addressee"]["address"]["countryCode"], "RE")
        parcel = picking.ecom_parcel_ids
        self.assertEqual(len(parcel.document_attachment_ids), 1)
        self.assertIn("cn23", parcel.document_attachment_ids.name)
        self.assertEqual(parcel.document_attachment_ids.res_id, picking.id)

    def test_outre_mer_signature_is_cds(self):
        picking = self._ship(self.customer_reunion, self.colissimo_signature)
        self._validate(picking)
        body = json.loads(self.colissimo_server.requests[-1].body)
        self.assertEqual(body["letter"]["service"]["productCode"], "CDS")

    def test_reprint_is_the_same_label(self):
        picking = self._ship(self.customer, self.colissimo_home)
        self._validate(picking)
        calls = len(self.colissimo_server.requests)
        parcel = picking.ecom_parcel_ids
        action = picking.with_user(self.ecom_user).action_ecom_reprint_labels()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/{parcel.label_attachment_id.id}", action["url"])
        self.assertEqual(len(self.colissimo_server.requests), calls)
        self.assertEqual(picking.ecom_parcel_ids, parcel)
        self.assertEqual(parcel.print_count, 1)

    def test_reprint_several_parcels_merged(self):
        picking = self._ship(
            self.customer, self.colissimo_home, [(self.product_a, 1), (self.product_b, 1)]
        )
        self._pack(picking, [[(self.product_a, 1)], [(self.product_b, 1)]])
        self._validate(picking)
        calls = len(self.colissimo_server.requests)
        action = picking.with_user(self.ecom_user).action_ecom_reprint_labels()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        merged = self.env["ir.attachment"].browse(attachment_id)
        self.assertTrue(merged.raw.startswith(b"%PDF"))
        self.assertEqual(len(self.colissimo_server.requests), calls)

    def test_regenerate_creates_new_number(self):
        """Regenerate: a new label and number, the old parcel cancelled and
        kept; carrier_tracking_ref holds only the new number."""
        self._validate_and_regenerate(self._ship(self.customer, self.colissimo_home))

    def test_regenerate_failure_changes_nothing(self):
        picking = self._ship(self.customer, self.colissimo_home)
        self._validate(picking)
        old = picking.ecom_parcel_ids
        ref = picking.carrier_tracking_ref
        self.colissimo_server.faults.append(503)
        with self.assertRaises(UserError):
            picking.with_user(self.ecom_user).action_ecom_regenerate_labels()
        self.assertEqual(picking.ecom_parcel_ids, old)
        self.assertEqual(old.state, "active")
        self.assertEqual(picking.carrier_tracking_ref, ref)

    def test_cancel_shipment(self):
        picking = self._ship(self.customer, self.colissimo_home)
        self._validate(picking)
        parcel = picking.ecom_parcel_ids
        picking.with_user(self.ecom_user).cancel_shipment()
        self.assertEqual(parcel.state, "cancelled")
        self.assertFalse(picking.carrier_tracking_ref)

    def test_return_label(self):
        """Return label (CORE): the customer sends to the warehouse; the label
        carries core's return prefix and is listed in return_label_ids."""
        picking = self._ship(self.customer, self.colissimo_home)
        self._validate(picking)
        self.assertTrue(self.colissimo_home.can_generate_return)
        self.colissimo_home.get_return_label(picking)
        body = json.loads(self.colissimo_server.requests[-1].body)
        self.assertEqual(body["letter"]["service"]["productCode"], "CORE")
        self.assertEqual(body["letter"]["sender"]["address"]["zipCode"], "75001")
        self.assertEqual(body["letter"]["addressee"]["address"]["zipCode"], "69002")
        returned = picking.ecom_parcel_ids.filtered("is_return")
        self.assertEqual(len(returned), 1)
        picking.invalidate_recordset(["return_label_ids"])
        self.assertIn(returned.label_attachment_id, picking.return_label_ids)
        # the shipment's own number is unchanged
        self.assertNotIn(returned.tracking_number, picking.carrier_tracking_ref)

    def test_secrets_never_logged(self):
        """Debug logging: the client built from the shipping method logs the
        request and the response through ``log_xml``, without the password."""
        self.colissimo_signature.debug_logging = True
        client = self.colissimo_signature._ecom_get_client("label")
        self.assertTrue(client.debug)
        logged = []
        client.log_hook = lambda text, name: logged.append((name, text))
        picking = self._ship(self.customer, self.colissimo_signature)
        spec = self.colissimo_signature._ecom_prepare_parcels(picking)[0]
        payload = self.colissimo_signature._colissimo_prepare_payload(
            picking, spec, "DOS", self.customer, self.customer
        )
        client.generate_label(payload)
        self.assertEqual(
            [name for name, _text in logged], ["colissimo_sls request", "colissimo_sls response"]
        )
        text = "\n".join(text for _name, text in logged)
        self.assertIn("generateLabel", text)
        self.assertNotIn(PASSWORD, text)
        self.assertIn('"password": "***"', text)

    def test_deposit_slip(self):
        """Bordereau of two deliveries: one call with both numbers, the PDF
        attached to the shipping method, the parcels marked; a second slip
        only takes parcels not on one yet."""
        first = self._validate(self._ship(self.customer, self.colissimo_home))
        second = self._validate(self._ship(self.customer_no_mobile, self.colissimo_home))
        pickings = (first | second).with_user(self.ecom_user)
        action = pickings.action_ecom_deposit_slip()
        body = json.loads(self.colissimo_server.requests[-1].body)
        numbers = body["generateBordereauParcelNumberList"]["parcelsNumbers"]
        self.assertEqual(
            sorted(numbers), sorted((first | second).ecom_parcel_ids.mapped("tracking_number"))
        )
        self.assertEqual(set((first | second).ecom_parcel_ids.mapped("deposit_slip")), {"00000001"})
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        slip = self.env["ir.attachment"].browse(attachment_id)
        self.assertEqual(slip.res_model, "delivery.carrier")
        self.assertTrue(slip.raw.startswith(b"%PDF"))
        with self.assertRaises(UserError):
            pickings.action_ecom_deposit_slip()

    def test_deposit_slip_unknown_parcel_50031(self):
        picking = self._validate(self._ship(self.customer, self.colissimo_home))
        picking.ecom_parcel_ids.tracking_number = "6A99999999999"
        with self.assertRaises(UserError) as error:
            picking.with_user(self.ecom_user).action_ecom_deposit_slip()
        self.assertIn("[50031]", str(error.exception))
        self.assertFalse(picking.ecom_parcel_ids.deposit_slip)

    def test_return_label_with_each_delivery(self):
        """*Generate Return Label* on the method: the return label comes with
        the delivery label, posted on the picking, outside the tracking
        reference and the tracking links."""
        self.colissimo_home.return_label_on_delivery = True
        picking = self._validate(self._ship(self.customer, self.colissimo_home))
        outgoing = picking.ecom_parcel_ids.filtered(lambda p: not p.is_return)
        returned = picking.ecom_parcel_ids.filtered("is_return")
        self.assertEqual(len(returned), 1)
        self.assertEqual(picking.carrier_tracking_ref, outgoing.tracking_number)
        self.assertNotIn(returned.tracking_number, picking.carrier_tracking_url)
        self.assertTrue(returned.label_attachment_id.name.startswith("LabelReturn-colissimo"))
