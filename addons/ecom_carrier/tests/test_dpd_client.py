# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""DPD France e-station client against the local ASMX server (no database)."""

from lxml import etree

from ..carriers.base import CarrierError
from ..carriers.dpd.client import DpdClient
from .common import CLIENT_RECIPIENT as RECIPIENT
from .common import CLIENT_SHIPPER, SoapClientCase
from .servers.dpd import NS, DpdServer

#: e-station names the shipper ``company``, without an email
SHIPPER = {
    "company": CLIENT_SHIPPER["name"],
    **{key: value for key, value in CLIENT_SHIPPER.items() if key not in ("name", "email")},
}


class TestDpdClient(SoapClientCase):
    SERVER_CLASS = DpdServer

    def _client(self, password="demo-secret", **kw):
        return DpdClient(
            "demo",
            password,
            "250",
            "77",
            "12345",
            base_url=self.server.url + "/eprintwebservice/eprintwebservice.asmx",
            timeout=5,
            **kw,
        )

    def _shipment(self, **kw):
        shipment = {
            "product": "DPD_Classic",
            "reference": "WH/OUT/00012",
            "weight": 1.2,
            "shipper": SHIPPER,
            "recipient": RECIPIENT,
        }
        shipment.update(kw)
        return shipment

    def _sent(self):
        return etree.fromstring(self.server.requests[-1].body)

    def test_products(self):
        for product, extra, contact_type in (
            ("DPD_Classic", {}, "No"),
            ("DPD_Predict", {}, "Predict"),
            ("DPD_Relais", {"relay_id": "P32500"}, "No"),
        ):
            with self.subTest(product=product):
                result = self.client.create_label(self._shipment(product=product, **extra))
                self.assertRegex(result.tracking_number, r"^\d{14}$")
                # the EPRINT label, not the BIC3 depot copy
                self.assertIn(b"DPD " + result.tracking_number.encode(), result.label)
                sent = self._sent()
                self.assertEqual(sent.findtext(f".//{{{NS}}}contact/{{{NS}}}type"), contact_type)
                self.assertEqual(sent.findtext(f".//{{{NS}}}shopid"), extra.get("relay_id"))

    def test_faults_carry_dpd_error_id(self):
        before = len(self.server.parcels)
        cases = [
            (self._client("wrong"), self._shipment(), "PermissionDenied"),
            (
                self.client,
                self._shipment(recipient=dict(RECIPIENT, country="XX")),
                "InvalidCountryPrefix",
            ),
            (self.client, self._shipment(recipient=dict(RECIPIENT, zip="")), "InvalidInput"),
        ]
        for client, shipment, error_id in cases:
            with self.subTest(error_id=error_id):
                self.assertCarrierRefuses(
                    lambda client=client, shipment=shipment: client.create_label(shipment),
                    error_id,
                )
        self.assertEqual(len(self.server.parcels), before)

    def test_server_refuses_a_zero_weight(self):
        # the server's own check, bypassing the client's
        env = self.client.prepare_shipment(self._shipment(weight=0.0))
        self.assertCarrierRefuses(
            lambda: self.client.post_soap("", env, soap_action=f"{NS}/CreateShipmentWithLabelsBc"),
            "InvalidWeight",
            "Invalid weight - 0",
        )

    def test_wrong_soap_action_or_envelope(self):
        env = self.client.prepare_shipment(self._shipment())
        with self.assertRaisesRegex(CarrierError, "SOAPAction"):
            self.client.post_soap("", env, soap_action=f"{NS}/CreateShipment")
        response = self.client.session.post(
            self.client.base_url,
            data=b"<soap:Envelope",
            headers={"SOAPAction": f'"{NS}/CreateShipmentWithLabelsBc"'},
            timeout=5,
        )
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"Server was unable to read request", response.content)

    def test_transport_failures_are_retryable(self):
        self.assertRetryable(lambda: self.client.create_label(self._shipment()), (503, 429, "drop"))

    def test_password_never_logged(self):
        client = self._client(debug=True)
        self.assertSecretsNotLogged(lambda: client.create_label(self._shipment()), "demo-secret")
