# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""DPD France e-station client against the local ASMX server (no database)."""

import logging

from odoo.tests.common import BaseCase

from ..carriers.base import CarrierError, CarrierRetryableError
from ..carriers.dpd.client import DpdClient
from .servers.dpd import NS, DpdServer

SHIPPER = {
    "company": "Boutique Élise",
    "street": "27 rue Henri Rolland",
    "zip": "69100",
    "city": "Villeurbanne",
    "country": "FR",
    "phone": "0482538457",
}
RECIPIENT = {
    "name": "Hélène Dupré",
    "street": "6 place des Vosges",
    "zip": "75004",
    "city": "Paris",
    "country": "FR",
    "mobile": "0600000000",
    "email": "helene@example.com",
}


class TestDpdClient(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = DpdServer().start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.faults.clear()
        self.client = self._client()

    def tearDown(self):
        self.assertEqual(self.server.unexpected, [])
        super().tearDown()

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
        from lxml import etree

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
            with self.subTest(error_id=error_id), self.assertRaises(CarrierError) as caught:
                client.create_label(shipment)
            self.assertNotIsInstance(caught.exception, CarrierRetryableError)
            self.assertEqual(caught.exception.code, error_id)
        self.assertEqual(len(self.server.parcels), before)

    def test_server_refuses_a_zero_weight(self):
        # the server's own check, bypassing the client's
        env = self.client.prepare_shipment(self._shipment(weight=0.0))
        with self.assertRaises(CarrierError) as caught:
            self.client.post_soap("", env, soap_action=f"{NS}/CreateShipmentWithLabelsBc")
        self.assertEqual(caught.exception.code, "InvalidWeight")
        self.assertIn("Invalid weight - 0", str(caught.exception))

    def test_wrong_soap_action_or_envelope(self):
        env = self.client.prepare_shipment(self._shipment())
        with self.assertRaises(CarrierError) as caught:
            self.client.post_soap("", env, soap_action=f"{NS}/CreateShipment")
        self.assertIn("SOAPAction", str(caught.exception))
        response = self.client.session.post(
            self.client.base_url,
            data=b"<soap:Envelope",
            headers={"SOAPAction": f'"{NS}/CreateShipmentWithLabelsBc"'},
            timeout=5,
        )
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"Server was unable to read request", response.content)

    def test_transport_failures_are_retryable(self):
        for fault in (503, 429, "drop"):
            self.server.faults.append(fault)
            with self.subTest(fault=fault), self.assertRaises(CarrierRetryableError):
                self.client.create_label(self._shipment())

    def test_password_never_logged(self):
        client = self._client(debug=True)
        with self.assertLogs("odoo.addons.ecom_carrier.carriers.base", logging.DEBUG) as logs:
            client.create_label(self._shipment())
        self.assertFalse(any("demo-secret" in line for line in logs.output))
