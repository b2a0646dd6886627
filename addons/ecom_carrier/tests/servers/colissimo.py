# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Colissimo web services as documented: SLS REST ``generateLabel``
(``multipart/related`` answer with the ``jsonInfos``, ``label`` and ``cn23``
parts; errors as HTTP 400 with ``messages[].id``) and the relay-point
search ``findRDVPointRetraitAcheminement``."""

import json
import re

from .base import CarrierServer, Response

API_KEY = "colissimo-api-key-test"
CONTRACT = "820000"
PASSWORD = "colissimo-secret"

SLS = "/sls-ws/SlsServiceWSRest/2.0"
RELAY = "/pointretrait-ws-cxf/rest/v2/pointretrait"

OUTRE_MER = {"GP", "MQ", "GF", "RE", "PM", "YT", "BL", "MF", "WF", "PF", "NC", "TF"}
HOME = {"DOM", "DOS", "COL"}
RELAYS = {"BPR", "A2P", "CMT", "BDP", "PCS"}
PRODUCTS = HOME | RELAYS | {"COM", "CDS", "CORE", "CORI"}

MESSAGES = {
    "30000": "Identifiant ou mot de passe incorrect",
    "30015": "Le code produit est incorrect",
    "30108": "Le code postal de l'expéditeur est incorrect",
    "30213": "Le code pays ou le code postal du destinataire est incorrect pour le code "
    "produit fourni",
    "30220": "Le numéro de portable du destinataire est obligatoire pour ce produit",
    "30300": "Le poids du colis n'est pas renseigné",
    "30301": "Le poids du colis est incorrect",
    "50031": "Le numéro de colis est invalide",
}

RELAY_POINTS = [
    {
        "identifiant": "004536",
        "nom": "BUREAU DE POSTE LYON REPUBLIQUE",
        "adresse1": "10 RUE DE LA REPUBLIQUE",
        "adresse2": "",
        "adresse3": "",
        "codePostal": "69002",
        "localite": "LYON",
        "codePays": "FR",
        "coordGeolocalisationLatitude": "45.7640",
        "coordGeolocalisationLongitude": "4.8357",
        "horairesOuvertureLundi": "09:00-12:00 14:00-18:00",
        "horairesOuvertureDimanche": "00:00-00:00 00:00-00:00",
        "typeDePoint": "BPR",
        "reseau": "R01",
        "poidsMaxi": "30000",
        "distanceEnMetre": "120",
        "listeConges": [],
    },
    {
        "identifiant": "189563",
        "nom": "TABAC DU CENTRE",
        "adresse1": "3 PLACE DES JACOBINS",
        "adresse2": "",
        "adresse3": "",
        "codePostal": "69002",
        "localite": "LYON",
        "codePays": "FR",
        "coordGeolocalisationLatitude": "45.7612",
        "coordGeolocalisationLongitude": "4.8331",
        "horairesOuvertureLundi": "08:00-19:30 00:00-00:00",
        "typeDePoint": "A2P",
        "reseau": "R03",
        "poidsMaxi": "20000",
        "distanceEnMetre": "450",
        "listeConges": [],
    },
]

MOBILE = re.compile(r"^(\+33|0033|0)[67]\d{8}$")


def minimal_pdf(text):
    """A valid one-page PDF showing ``text`` (labels must merge and print)."""
    stream = f"BT /F1 18 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 283 425] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _error(code, status=400):
    return Response(
        status, {"messages": [{"id": code, "type": "ERROR", "messageContent": MESSAGES[code]}]}
    )


class ColissimoServer(CarrierServer):
    """``labels``: the ``generateLabel`` bodies accepted, in order."""

    def __init__(self):
        super().__init__()
        self.labels = []
        self.issued = []
        self.slips = []
        self.counter = 0
        self.boundaries = 0

    def route(self, request):
        if request.method != "POST":
            return None
        if request.path == f"{SLS}/generateLabel":
            return self._generate_label(request)
        if request.path == f"{SLS}/generateBordereauByParcelsNumbers":
            return self._generate_bordereau(request)
        if request.path == f"{RELAY}/findRDVPointRetraitAcheminement":
            return self._find_relays(request)
        return None

    def _authenticated(self, request, body, key_field="contractNumber"):
        api_key = request.headers.get("apiKey") or body.get("apiKey")
        account = body.get(key_field)
        if api_key and (account or body.get("password")):
            return False  # never both
        if api_key:
            return api_key == API_KEY
        return account == CONTRACT and body.get("password") == PASSWORD

    def _generate_label(self, request):
        try:
            body = json.loads(request.body)
        except ValueError:
            return Response(
                400,
                {
                    "messages": [
                        {"id": "30001", "type": "ERROR", "messageContent": "Requête mal formée"}
                    ]
                },
            )
        if not self._authenticated(request, body):
            return _error("30000")
        letter = body.get("letter") or {}
        service = letter.get("service") or {}
        parcel = letter.get("parcel") or {}
        sender = (letter.get("sender") or {}).get("address") or {}
        addressee = (letter.get("addressee") or {}).get("address") or {}
        product = service.get("productCode")
        if product not in PRODUCTS:
            return _error("30015")
        if sender.get("countryCode") == "FR" and not re.match(
            r"^\d{5}$", sender.get("zipCode") or ""
        ):
            return _error("30108")
        country = addressee.get("countryCode")
        if product in ("COM", "CDS") and country not in OUTRE_MER:
            return _error("30213")
        if product in HOME and country in OUTRE_MER:
            return _error("30213")
        if product in RELAYS:
            if not parcel.get("pickupLocationId") or not service.get("commercialName"):
                return _error("30213")
            if not MOBILE.match((addressee.get("mobileNumber") or "").replace(" ", "")):
                return _error("30220")
        weight = parcel.get("weight")
        if not weight:
            return _error("30300")
        if float(weight) > 30:
            return _error("30301")
        self.counter += 1
        prefix = {"CORE": "8R", "CORI": "8V"}.get(product, "6A" if product in HOME else "6H")
        number = f"{prefix}{self.counter:011d}"
        self.labels.append(body)
        self.issued.append(number)
        printing = (body.get("outputFormat") or {}).get("outputPrintingType", "")
        if printing.startswith("ZPL"):
            label = f"^XA^FO50,50^A0N,40^FD{number}^FS^XZ".encode()
        else:
            label = minimal_pdf(f"Colissimo {number}")
        parts = [
            (
                "jsonInfos",
                "application/json",
                json.dumps(
                    {
                        "messages": [
                            {
                                "id": "0",
                                "type": "INFOS",
                                "messageContent": "La requête a été traitée avec succès",
                            }
                        ],
                        "labelV2Response": {
                            "parcelNumber": number,
                            "parcelNumberPartner": "",
                            "pdfUrl": None,
                            "fields": None,
                        },
                    }
                ).encode(),
            ),
            ("label", "application/octet-stream", label),
        ]
        if (letter.get("customsDeclarations") or {}).get("includeCustomsDeclarations"):
            parts.append(
                (
                    "cn23",
                    "application/octet-stream",
                    minimal_pdf(f"CN23 {number}"),
                )
            )
        return self._multipart(parts)

    def _generate_bordereau(self, request):
        body = json.loads(request.body or b"{}")
        if not self._authenticated(request, body):
            return _error("30000")
        numbers = (body.get("generateBordereauParcelNumberList") or {}).get("parcelsNumbers")
        if not numbers or any(n not in self.issued for n in numbers):
            return _error("50031")
        self.slips.append(numbers)
        slip = f"{len(self.slips):08d}"
        infos = {
            "messages": [
                {
                    "id": "0",
                    "type": "INFOS",
                    "messageContent": "La requête a été traitée avec succès",
                }
            ],
            "bordereauHeader": {
                "bordereauNumber": slip,
                "numberOfParcels": len(numbers),
                "publishingDate": "2026-11-29T18:00:00.000+01:00",
            },
        }
        return self._multipart(
            [
                ("jsonInfos", "application/json", json.dumps(infos).encode()),
                ("bordereau", "application/octet-stream", minimal_pdf(f"Bordereau {slip}")),
            ]
        )

    def _multipart(self, parts):
        self.boundaries += 1
        boundary = f"uuid:colissimo-{self.boundaries}"
        chunks = []
        for content_id, content_type, content in parts:
            chunks.append(
                f"--{boundary}\r\nContent-Type: {content_type}\r\n"
                f"Content-Transfer-Encoding: binary\r\nContent-ID: <{content_id}>\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        payload = b"".join(chunks) + f"--{boundary}--\r\n".encode()
        content_type = (
            f'multipart/related; type="application/json"; '
            f'boundary="{boundary}"; start="<jsonInfos>"'
        )
        return Response(200, payload, content_type=content_type)

    def _find_relays(self, request):
        body = json.loads(request.body or b"{}")
        if not self._authenticated(request, body, key_field="accountNumber"):
            return Response(
                200, {"errorCode": 201, "errorMessage": "Identifiant ou mot de passe invalide"}
            )
        if not re.match(r"^\d{5}$", body.get("zipCode") or ""):
            return Response(200, {"errorCode": 104, "errorMessage": "Code postal obligatoire"})
        points = [p for p in RELAY_POINTS if p["codePostal"] == body["zipCode"]]
        return Response(
            200,
            {
                "errorCode": 0,
                "errorMessage": "Code retour OK",
                "qualiteReponse": 2,
                "listePointRetraitAcheminement": points,
            },
        )
