# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from .common_soap import EcomCarrierSoapCase
from .servers.dpd import NS


class TestDpd(EcomCarrierSoapCase):
    def _request(self, index=-1):
        """The ``request`` element of a CreateShipmentWithLabelsBc call."""
        body = etree.fromstring(self.dpd_server.requests[index].body)
        return body.find(f".//{{{NS}}}request")

    def _q(self, element, path):
        return element.findtext("/".join(f"{{{NS}}}{step}" for step in path.split("/")))

    def test_classic_predict_relais_labels(self):
        for carrier, partner, contact_type, shop in (
            (self.dpd_classic, self.customer, "No", None),
            (self.dpd_predict, self.customer, "Predict", None),
            (self.dpd_relais, self.dpd_point, "No", "P32500"),
        ):
            with self.subTest(carrier=carrier.name):
                picking = self._ship(partner, carrier)
                (parcel,) = self._validate_with_labels(picking, "dpd_fr")
                self.assertRegex(parcel.tracking_number, r"^\d{14}$")
                # the EPRINT label, not the BIC3 depot copy
                self.assertIn(
                    b"DPD " + parcel.tracking_number.encode(), parcel.label_attachment_id.raw
                )
                request = self._request()
                self.assertEqual(self._q(request, "services/contact/type"), contact_type)
                self.assertEqual(self._q(request, "services/parcelshop/shopaddress/shopid"), shop)
                self.assertEqual(self._q(request, "weight"), "1.20")
                # the customer's own address, also for a Pickup delivery
                self.assertEqual(self._q(request, "receiveraddress/zipCode"), "75001")
                self.assertEqual(self._q(request, "services/contact/sms"), "0612345678")

    def test_multi_parcel_one_call_each(self):
        picking = self._ship(
            self.customer, self.dpd_predict, [(self.product_a, 2), (self.product_b, 1)]
        )
        self._pack(picking, [[(self.product_a, 2)], [(self.product_b, 1)]])
        self._validate_with_labels(picking, "dpd_fr", count=2)
        self.assertEqual(len(self.dpd_server.requests), 2)
        self.assertEqual(self._q(self._request(0), "weight"), "2.40")
        self.assertEqual(self._q(self._request(1), "weight"), "0.50")

    def test_second_parcel_refused_nothing_validated(self):
        picking = self._ship(
            self.customer, self.dpd_predict, [(self.product_a, 2), (self.product_b, 1)]
        )
        self._pack(picking, [[(self.product_a, 2)], [(self.product_b, 1)]])
        self.dpd_server.faults.extend([None, 500])
        self._assert_validation_refused(picking)

    def test_permission_denied_fault(self):
        self.dpd_classic.sudo().ecom_password = "wrong"
        self._assert_shipping_refused(self.customer, self.dpd_classic, "PermissionDenied")

    def test_invalid_country_fault(self):
        self.customer.country_id = self.country_us
        self.customer.zip = "10001"
        self._assert_shipping_refused(self.customer, self.dpd_classic, "InvalidCountryPrefix")

    def test_local_checks(self):
        picking = self._ship(self.customer_no_mobile, self.dpd_predict)
        # a French user's session: the message comes from fr.po
        self._assert_validation_refused(
            picking.with_context(lang="fr_FR"),
            "DPD Predict a besoin du téléphone portable de Jean Dupont",
        )
        picking = self._ship(self.customer, self.dpd_relais)
        self._assert_validation_refused(picking)
        picking = self._ship(self.customer, self.dpd_classic, [(self.product_a, 27)])
        error = self._validate_fails(picking)
        self.assertIn("31.5", str(error))
        self.assertFalse(self.dpd_server.requests)

    def test_cancel_and_tracking_link(self):
        picking = self._ship(self.customer, self.dpd_classic)
        self._validate(picking)
        number = picking.ecom_parcel_ids.tracking_number
        self.assertEqual(picking.carrier_tracking_url, f"https://trace.dpd.fr/fr/trace/{number}")
        picking.with_user(self.ecom_user).cancel_shipment()
        self.assertEqual(picking.ecom_parcel_ids.state, "cancelled")
        self.assertEqual(len(self.dpd_server.requests), 1)
