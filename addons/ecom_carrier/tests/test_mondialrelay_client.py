# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Mondial Relay WSI client against the local WSI server (no database)."""

import hashlib

from odoo.tests.common import BaseCase

from ..carriers.base import CarrierError, CarrierRetryableError
from ..carriers.mondialrelay.client import (
    CREATION_ETIQUETTE_KEYS,
    TRACING_KEYS,
    MondialRelayClient,
    clean_phone,
    clean_text,
    security,
)
from .common import CLIENT_RECIPIENT, CLIENT_SHIPPER, SoapClientCase
from .servers.mondialrelay import MondialRelayServer

#: phone numbers as people type them (the client cleans them)
SHIPPER = dict(CLIENT_SHIPPER, street2="Bâtiment B", phone="04 82 53 84 57")
RECIPIENT = dict(CLIENT_RECIPIENT, mobile="06 00 00 00 00")


class TestMondialRelaySignature(BaseCase):
    def test_signature_matches_the_documented_example(self):
        # WSI documentation's worked example (tracing): Enseigne BDTEST13,
        # Expedition 12345678, Langue FR, private key PrivateK
        values = {"Enseigne": "BDTEST13", "Expedition": "12345678", "Langue": "FR"}
        self.assertEqual(
            security(values, TRACING_KEYS, "PrivateK"), "33DA5F122DAA40241087CC7845BEA4B1"
        )

    def test_signature_matches_a_recorded_label_request(self):
        # a WSI2_CreationEtiquette accepted by Mondial Relay (STAT 0) with the
        # public test brand, recorded by roulier's test suite
        values = {
            "Enseigne": "BDTEST13",
            "ModeCol": "REL",
            "ModeLiv": "HOM",
            "Expe_Langage": "FR",
            "Expe_Ad1": "Akretion",
            "Expe_Ad3": "27 rue Henri Rolland",
            "Expe_Ad4": "Batiment B",
            "Expe_Ville": "Villeurbanne",
            "Expe_CP": "69100",
            "Expe_Pays": "FR",
            "Expe_Tel1": "+33482538457",
            "Dest_Langage": "FR",
            "Dest_Ad1": "Hugo",
            "Dest_Ad3": "6 Place des Vosges",
            "Dest_Ville": "Paris",
            "Dest_CP": "75004",
            "Dest_Pays": "FR",
            "Dest_Tel1": "+33600000000",
            "Dest_Mail": "hugo.victor@example.com",
            "Poids": "1200",
            "NbColis": "1",
            "CRT_Valeur": "0",
            "CRT_Devise": "EUR",
            "Exp_Devise": "EUR",
            "COL_Rel_Pays": "FR",
            "COL_Rel": "AUTO",
            # empty values are left out of the signature
            "NDossier": "",
            "Texte": "not signed",
        }
        self.assertEqual(
            security(values, CREATION_ETIQUETTE_KEYS, "PrivateK"),
            "59CD51C5270D4A696BABF634E21F2B44",
        )

    def test_signature_is_iso_8859_1_upper_hex(self):
        values = {"Enseigne": "BDTEST13", "Expedition": "é", "Langue": "FR"}
        signed = security(values, TRACING_KEYS, "PrivateK")
        self.assertEqual(signed, signed.upper())
        self.assertEqual(
            signed, hashlib.md5("BDTEST13\xe9FRPrivateK".encode("latin-1")).hexdigest().upper()
        )

    def test_address_cleaning(self):
        self.assertEqual(clean_text("Hélène  Dupré-Müller (3e)"), "HELENE DUPRE-MULLER 3E")
        self.assertEqual(len(clean_text("x" * 50)), 32)
        self.assertEqual(clean_phone("06 12 34 56 78"), "+33612345678")
        self.assertEqual(clean_phone("0033 6 12 34 56 78"), "+33612345678")


class TestMondialRelayClient(SoapClientCase):
    SERVER_CLASS = MondialRelayServer

    def _client(self, private_key="PrivateK", **kw):
        return MondialRelayClient(
            "BDTEST13",
            private_key,
            base_url=self.server.url + "/Web_Services.asmx",
            label_base_url=self.server.url,
            timeout=5,
            **kw,
        )

    def _shipment(self, **kw):
        shipment = {
            "mode": "HOM",
            "reference": "WH/OUT/00012",
            "customer_ref": "C42",
            "weight_grams": 1200,
            "shipper": SHIPPER,
            "recipient": RECIPIENT,
        }
        shipment.update(kw)
        return shipment

    def test_home_label_downloads_the_pdf(self):
        result = self.client.create_label(self._shipment())
        self.assertRegex(result.tracking_number, r"^\d{8}$")
        self.assertTrue(result.label.startswith(b"%PDF"))
        self.assertIn(result.tracking_number.encode(), result.label)
        self.assertIn("/ww2/PDF/StickerMaker2.aspx?", result.extra["label_url"])
        self.assertNotIn("&amp;", result.extra["label_url"])
        sent = self.server.expeditions[result.tracking_number]
        self.assertEqual(sent["ModeLiv"], "HOM")
        self.assertEqual(sent["NDossier"], "WHOUT00012")
        self.assertEqual(sent["Dest_Ad1"], "HELENE DUPRE")
        self.assertEqual(sent["Dest_Tel1"], "+33600000000")
        self.assertNotIn("LIV_Rel", sent)
        # SOAP call, then the label download
        self.assertEqual([r.method for r in self.server.requests], ["POST", "GET"])

    def test_relay_label_carries_the_relay(self):
        result = self.client.create_label(self._shipment(mode="24R", relay_id="005680"))
        sent = self.server.expeditions[result.tracking_number]
        self.assertEqual(
            (sent["ModeLiv"], sent["LIV_Rel_Pays"], sent["LIV_Rel"]), ("24R", "FR", "005680")
        )

    def test_bad_private_key_is_stat_97(self):
        error = self.assertCarrierRefuses(
            lambda: self._client("WrongKey").create_label(self._shipment()), "97"
        )
        self.assertEqual(error.message, "STAT 97 : Clé de sécurité invalide")

    def test_documented_errors(self):
        cases = [
            (self._shipment(mode="24R", relay_id="999999"), "14"),
            (self._shipment(recipient=dict(RECIPIENT, zip="7500")), "36"),
            (self._shipment(recipient=dict(RECIPIENT, mobile="12")), "38"),
            (self._shipment(mode="XXX"), "29"),
        ]
        for shipment, stat in cases:
            with self.subTest(stat=stat):
                self.assertCarrierRefuses(
                    lambda shipment=shipment: self.client.create_label(shipment), stat
                )
        self.assertEqual(len(self.server.soap_requests("WSI2_CreationEtiquette")), 4)

    def test_service_failures_are_retryable(self):
        def create_label():
            client = self._client()
            client.timeout = 1
            client.create_label(self._shipment())

        self.assertRetryable(create_label, (503, 429, "drop", ("slow", 2)))

    def test_label_download_failure_is_retryable(self):
        self.server.faults.extend([None, 502])
        with self.assertRaises(CarrierRetryableError):
            self.client.create_label(self._shipment())

    def test_malformed_envelope_is_a_soap_fault(self):
        response = self.client.session.post(
            self.server.url + "/Web_Services.asmx",
            data=b"<not-soap",
            headers={
                "SOAPAction": '"http://www.mondialrelay.fr/webservice/WSI2_CreationEtiquette"'
            },
            timeout=5,
        )
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"soap:Client", response.content)
        response = self.client.session.post(
            self.server.url + "/Web_Services.asmx", data=b"<x/>", timeout=5
        )
        self.assertIn(b"SOAPAction", response.content)

    def test_tracing(self):
        number = self.client.create_label(
            self._shipment(mode="24R", relay_id="005680")
        ).tracking_number
        # registered, nothing scanned yet: polled again, not an error
        self.assertEqual(self.client.trace(number).status, "unknown_yet")
        self.server.tracing[number] = (
            "81",
            [
                ("02/03/26", "18:05", "PRISE EN CHARGE EN AGENCE", "LYON", ""),
                ("03/03/26", "09:12", "COLIS DISPONIBLE AU POINT RELAIS", "VILLEURBANNE", "005680"),
            ],
        )
        traced = self.client.trace(number)
        # padding dropped, codes from the wording
        self.assertEqual([event.code for event in traced.events], ["PRISE_EN_CHARGE", "DISPONIBLE"])
        self.assertEqual(traced.events[1].place, "VILLEURBANNE (005680)")
        # French local time (CET in March) stored as UTC
        self.assertEqual(traced.events[0].date.strftime("%Y-%m-%d %H:%M"), "2026-03-02 17:05")
        self.assertIsNone(traced.is_final)
        # delivered: the wording says it, no STAT event added
        self.server.tracing[number][1].append(
            ("04/03/26", "16:40", "COLIS LIVRÉ AU DESTINATAIRE", "VILLEURBANNE", "005680")
        )
        self.server.tracing[number] = ("82", self.server.tracing[number][1])
        traced = self.client.trace(number)
        self.assertEqual([event.code for event in traced.events][-1], "LIVRE")
        self.assertTrue(traced.is_final)
        # an anomaly only the STAT tells: STAT83 one second after the last entry
        self.server.tracing[number] = ("83", self.server.tracing[number][1][:2])
        traced = self.client.trace(number)
        self.assertEqual(traced.events[-1].code, "STAT83")
        self.assertEqual((traced.events[-1].date - traced.events[-2].date).total_seconds(), 1)
        # not known yet: no error; malformed number: an error
        self.assertEqual(self.client.trace("99999999").status, "unknown_yet")
        self.assertCarrierRefuses(lambda: self.client.trace("12"), "24")

    def test_relay_search(self):
        relays = self.client.search_relays("FR", "69100", weight_grams=1200)
        self.assertEqual(relays[0]["id"], "005680")
        self.assertEqual(relays[0]["name"], "BUREAU COPY")
        self.assertEqual(relays[0]["city"], "VILLEURBANNE")
        self.assertAlmostEqual(relays[0]["latitude"], 45.772845)
        self.assertAlmostEqual(relays[0]["longitude"], 4.863041)
        self.assertEqual(relays[0]["hours"]["Lundi"], [("0900", "1230"), ("1400", "1830")])
        self.assertEqual(relays[0]["hours"]["Dimanche"], [])
        self.assertTrue(relays[1]["locker"])
        with self.assertRaises(CarrierError):
            self.client.search_relays("FR", "691")

    def test_private_key_never_logged(self):
        hooked = []
        client = self._client(debug=True, log_hook=lambda text, name: hooked.append(text))
        self.assertSecretsNotLogged(lambda: client.create_label(self._shipment()), "PrivateK")
        self.assertEqual(len(hooked), 4)  # SOAP call and label download, both ways
        for line in hooked:
            self.assertNotIn("PrivateK", line)
        self.assertIn("<mr:Security>***</mr:Security>", hooked[0])
