# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chronopost SOAP client against the local CXF server (no database)."""

from lxml import etree

from ..carriers.chronopost.client import ChronopostClient
from ..carriers.soap import parse_xml
from .common import CLIENT_RECIPIENT as RECIPIENT
from .common import CLIENT_SHIPPER as SHIPPER
from .common import SoapClientCase
from .servers.chronopost import ChronopostServer


class TestChronopostClient(SoapClientCase):
    SERVER_CLASS = ChronopostServer

    def _client(self, password="255562", **kw):
        return ChronopostClient("19869502", password, base_url=self.server.url, timeout=5, **kw)

    def _shipment(self, weights=(1.2,), **kw):
        shipment = {
            "reference": "WH/OUT/00012",
            "product_code": "01",
            "shipper": SHIPPER,
            "recipient": RECIPIENT,
            "parcels": [
                {"weight": weight, "reference": f"PACK{index}"}
                for index, weight in enumerate(weights)
            ],
        }
        shipment.update(kw)
        return shipment

    def test_single_parcel_label(self):
        (parcel,) = self.client.create_labels(self._shipment())
        self.assertRegex(parcel.tracking_number, r"^XP\d{9}FR$")
        self.assertTrue(parcel.label.startswith(b"%PDF"))
        self.assertEqual(parcel.label_format, "pdf")
        (request,) = self.server.soap_requests("shippingMultiParcelV5")
        self.assertEqual(request.operation.findtext("multiParcel"), "N")

    def test_multi_parcel_one_number_and_label_each(self):
        parcels = self.client.create_labels(self._shipment(weights=(1.0, 2.5, 0.4)))
        self.assertEqual(len(parcels), 3)
        numbers = [parcel.tracking_number for parcel in parcels]
        self.assertEqual(len(set(numbers)), 3)
        for parcel in parcels:
            self.assertIn(parcel.tracking_number.encode(), parcel.label)
        (request,) = self.server.soap_requests("shippingMultiParcelV5")
        self.assertEqual(request.operation.findtext("numberOfParcel"), "3")
        self.assertEqual(request.operation.findtext("multiParcel"), "Y")
        self.assertEqual(
            [skybill.findtext("weight") for skybill in request.operation.findall("skybillValue")],
            ["1.000", "2.500", "0.400"],
        )

    def test_relay_product_86_with_relay_id(self):
        (parcel,) = self.client.create_labels(self._shipment(product_code="86", relay_id="2810R"))
        self.assertEqual(self.server.skybills[parcel.tracking_number]["recipientRef"], "2810R")
        self.assertEqual(self.server.skybills[parcel.tracking_number]["product"], "86")

    def test_error_in_http_200(self):
        before = len(self.server.skybills)
        self.assertCarrierRefuses(
            lambda: self._client("wrong").create_labels(self._shipment()),
            "33",
            "Invalid accesColis account number",
        )
        self.assertCarrierRefuses(
            lambda: self.client.create_labels(self._shipment(recipient=dict(RECIPIENT, zip="750"))),
            "3",
            "Invalid recipient zip code",
        )
        self.assertEqual(len(self.server.skybills), before)

    def test_soap_fault(self):
        env = etree.fromstring(etree.tostring(self.client.prepare_shipping(self._shipment())))
        # a field qualified in the service namespace: CXF refuses the envelope
        for element in env.iter("password"):
            element.tag = "{http://cxf.shipping.soap.chronopost.fr/}password"
        self.assertCarrierRefuses(
            lambda: self.client.post_soap("/shipping-cxf/ShippingServiceWS", env),
            "soap:Client",
            "Unmarshalling Error",
        )

    def test_transport_failures_are_retryable(self):
        self.assertRetryable(
            lambda: self.client.create_labels(self._shipment()), (500, 429, "drop")
        )

    def test_cancel(self):
        (parcel,) = self.client.create_labels(self._shipment())
        self.assertTrue(self.client.cancel(parcel.tracking_number))
        self.assertTrue(self.server.skybills[parcel.tracking_number]["cancelled"])
        error = self.assertCarrierRefuses(lambda: self.client.cancel(parcel.tracking_number), "2")
        self.assertIn("the parcel doesn't match account", error.message)

    def test_tracking_events_oldest_first(self):
        (parcel,) = self.client.create_labels(self._shipment())
        number = parcel.tracking_number
        self.assertEqual(self.client.track(number).status, "unknown_yet")  # not an error
        self.server.events[number] = [
            ("DC", "2026-03-02T17:01:00+01:00", "Envoi en cours de préparation", "69100", ""),
            (
                "SC",
                "2026-03-02T23:40:00+01:00",
                "Tri effectué dans l'agence de départ",
                "69",
                "Chilly",
            ),
            ("D", "2026-03-03T11:02:00+01:00", "Livraison effectuée", "75004", "Paris 04"),
        ]
        events = self.client.track(number).events
        self.assertEqual([event.code for event in events], ["DC", "SC", "D"])
        self.assertEqual(events[0].date.isoformat(), "2026-03-02T16:01:00")
        self.assertEqual(events[-1].place, "75004 Paris 04")

    def test_password_never_logged(self):
        client = self._client(debug=True)
        lines = self.assertSecretsNotLogged(
            lambda: client.create_labels(self._shipment()), "255562", "19869502"
        )
        self.assertTrue(any("<password>***</password>" in line for line in lines))

    def test_hostile_or_broken_answers_are_not_parsed(self):
        bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>'
        self.assertIsNone(parse_xml(bomb))
        self.assertIsNone(parse_xml(b"<soap:Envelope"))
        self.assertIsNone(parse_xml(b""))
        self.assertEqual(parse_xml(b"<x><y>1</y></x>").findtext("y"), "1")
