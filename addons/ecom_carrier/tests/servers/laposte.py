# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""La Poste Suivi v2 as documented: ``GET /suivi/v2/idships/{id}[,{id}…]``
with ``X-Okapi-Key``; one number answers 200 (or 400/404 with its
envelope), several answer 207 with one envelope per number and its own
``returnCode``; 104 = not available yet; at most 10 numbers; 401 and the
gateway's 429 with ``{code, message}``."""

import re

from .base import CarrierServer, Response

OKAPI_KEY = "a" * 64
PREFIX = "/suivi/v2/idships/"
NUMBER = re.compile(r"^[0-9A-Z]{11,15}$")

LABELS = {
    "DR1": "Votre colis va bientôt nous être confié.",
    "PC1": "Votre colis est pris en charge par La Poste.",
    "ET1": "Votre colis est en cours d'acheminement.",
    "EP1": "Votre colis est en attente de présentation.",
    "MD2": "Votre colis est en cours de livraison.",
    "ND1": "Votre colis n'a pas pu être distribué.",
    "AG1": "Votre colis est disponible dans votre point de retrait.",
    "PB1": "Un problème est survenu, nous mettons tout en œuvre pour le résoudre.",
    "RE1": "Votre colis est retourné à l'expéditeur.",
    "DI1": "Votre colis est livré.",
    "DI2": "Votre colis a été livré à l'expéditeur.",
}


class LaPosteServer(CarrierServer):
    """``shipments``: ``{number: {"events": [(code, iso date)], "final": bool}}``;
    numbers not in it answer 104 (not yet available)."""

    def __init__(self, shipments=None):
        super().__init__()
        self.shipments = dict(shipments or {})

    def add_event(self, number, code, date, final=False):
        shipment = self.shipments.setdefault(number, {"events": [], "final": False})
        shipment["events"].append((code, date))
        shipment["final"] = final

    def fault_response(self, status):
        if status == 429:
            return Response(
                429,
                {
                    "code": "TOO_MANY_REQUESTS",
                    "message": "You have exceeded the limit of 10 calls per 1s",
                },
                {"Retry-After": "2"},
            )
        return Response(status, {"code": "SERVICE_UNAVAILABLE", "message": "Service indisponible"})

    def route(self, request):
        if request.method != "GET" or not request.path.startswith(PREFIX):
            return None
        if request.headers.get("X-Okapi-Key") != OKAPI_KEY:
            return Response(401, {"code": "UNAUTHORIZED", "message": "Unauthorized"})
        numbers = request.path[len(PREFIX) :].split(",")
        lang = request.param("lang", "fr_FR")
        if len(numbers) > 10:
            return Response(
                400,
                {"returnCode": 400, "returnMessage": "Le nombre d'identifiants est limité à 10."},
            )
        envelopes = [self._envelope(number, lang) for number in numbers]
        if len(numbers) == 1:
            envelope = envelopes[0]
            status = envelope["returnCode"] if envelope["returnCode"] in (200, 400) else 404
            return Response(status, envelope)
        return Response(207, envelopes)

    def _envelope(self, number, lang):
        if not NUMBER.match(number):
            return {
                "lang": lang,
                "scope": "open",
                "returnCode": 400,
                "idShip": number,
                "returnMessage": "Le numéro que vous avez saisi n'est pas valide.",
            }
        shipment = self.shipments.get(number)
        if not shipment or not shipment["events"]:
            return {
                "lang": lang,
                "scope": "open",
                "returnCode": 104,
                "idShip": number,
                "returnMessage": "Votre suivi n'est pas encore disponible. Il le sera dès "
                "que votre colis nous aura été confié.",
            }
        events = [
            {"code": code, "label": LABELS.get(code, code), "date": date, "order": index}
            for index, (code, date) in enumerate(shipment["events"], 1)
        ]
        events.reverse()  # newest first
        return {
            "lang": lang,
            "scope": "open",
            "returnCode": 200,
            "shipment": {
                "idShip": number,
                "holder": 4,
                "product": "Colissimo",
                "isFinal": shipment["final"],
                "entryDate": shipment["events"][0][1],
                "timeline": [
                    {"id": i, "shortLabel": "", "status": False, "type": 1} for i in range(1, 6)
                ],
                "event": events,
                "contextData": {
                    "deliveryChoice": {"deliveryChoice": 0},
                    "originCountry": "FR",
                    "arrivalCountry": "FR",
                },
                "url": f"https://www.laposte.fr/outils/suivre-vos-envois?code={number}",
            },
        }
