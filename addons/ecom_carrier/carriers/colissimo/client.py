# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Colissimo (La Poste) web services: labels through the SLS REST service
(``generateLabel``, answered as ``multipart/related``) and relay points
through the ``pointretrait`` REST service.

Authentication: the ``apiKey`` header, or ``contractNumber`` + ``password``
in the body, never both (SLS refuses mixed credentials).
"""

import email.parser
import email.policy
import json

from ..base import CarrierClient, CarrierError, LabelResult

#: printing types of ``outputFormat.outputPrintingType``
PRINTING_TYPES = {"pdf": "PDF_10x15_300dpi", "zpl": "ZPL_10x15_203dpi"}


def _auth_body(contract_number, password, api_key):
    if api_key:
        return {}
    return {"contractNumber": contract_number or "", "password": password or ""}


def _auth_headers(api_key):
    return {"apiKey": api_key} if api_key else {}


def parse_multipart(response):
    """The parts of a ``multipart/related`` answer: ``{content_id: bytes}``
    with the angle brackets removed (``jsonInfos``, ``label``, ``cn23``)."""
    content_type = response.headers.get("Content-Type", "")
    raw = b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + response.content
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    if not message.is_multipart():
        raise CarrierError(f"Colissimo: unexpected answer ({content_type or 'no type'})")
    parts = {}
    for part in message.iter_parts():
        content_id = (part.get("Content-ID") or part.get("Content-Id") or "").strip("<> ")
        parts[content_id] = part.get_payload(decode=True) or b""
    return parts


class ColissimoSlsClient(CarrierClient):
    """Colissimo labels: SLS REST 2.0."""

    name = "colissimo_sls"
    # Colissimo has no sandbox: test accounts use the production service
    test_url = prod_url = "https://ws.colissimo.fr/sls-ws/SlsServiceWSRest/2.0"
    secret_names = CarrierClient.secret_names + ("contractNumber",)

    def __init__(self, contract_number=None, password=None, api_key=None, **kwargs):
        super().__init__(**kwargs)
        self.contract_number = contract_number
        self.password = password
        self.api_key = api_key

    def generate_label(self, payload):
        """``generateLabel`` of one parcel: ``payload`` holds
        ``outputFormat``, ``letter`` (and ``fields``); the credentials are
        added here.  Returns a :class:`LabelResult` (``documents`` has the
        CN23 when Colissimo returned one)."""
        body = dict(_auth_body(self.contract_number, self.password, self.api_key), **payload)
        response = self.request(
            "POST",
            "generateLabel",
            json=body,
            headers=dict(_auth_headers(self.api_key), Accept="multipart/related, application/json"),
        )
        infos, parts = self._read(response)
        label_response = infos.get("labelV2Response") or infos.get("labelResponse") or {}
        number = label_response.get("parcelNumber")
        label = parts.get("label")
        if not number or not label:
            raise CarrierError("Colissimo: answer without parcel number or label")
        documents = {}
        if parts.get("cn23"):
            documents["cn23.pdf"] = parts["cn23"]
        printing = payload.get("outputFormat", {}).get("outputPrintingType", "")
        return LabelResult(
            tracking_number=number,
            label=label,
            label_format="zpl" if printing.startswith("ZPL") else "pdf",
            documents=documents,
            extra={"parcelNumberPartner": label_response.get("parcelNumberPartner")},
        )

    def generate_deposit_slip(self, parcel_numbers):
        """``generateBordereauByParcelsNumbers``: the deposit slip (bordereau)
        of parcels handed over together.  Returns ``(number, pdf bytes)``."""
        body = dict(
            _auth_body(self.contract_number, self.password, self.api_key),
            generateBordereauParcelNumberList={"parcelsNumbers": list(parcel_numbers)},
        )
        response = self.request(
            "POST",
            "generateBordereauByParcelsNumbers",
            json=body,
            headers=dict(_auth_headers(self.api_key), Accept="multipart/related, application/json"),
        )
        infos, parts = self._read(response)
        header = infos.get("bordereauHeader") or {}
        pdf = parts.get("bordereau")
        if not pdf:
            raise CarrierError("Colissimo: answer without the deposit slip")
        return str(header.get("bordereauNumber") or ""), pdf

    def _read(self, response):
        """``(jsonInfos dict, parts)``; raises :class:`CarrierError` with the
        first ERROR message (``messages[].id`` as code)."""
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith("multipart/"):
            parts = parse_multipart(response)
            try:
                infos = self._json(parts.get("jsonInfos") or b"{}")
            except ValueError as exc:
                raise CarrierError("Colissimo: unreadable jsonInfos part") from exc
        else:
            parts = {}
            try:
                infos = response.json()
            except ValueError as exc:
                raise CarrierError(
                    f"Colissimo: HTTP {response.status_code} {self._short_body(response)}",
                    code=str(response.status_code),
                ) from exc
        errors = [
            m for m in infos.get("messages") or [] if (m.get("type") or "").upper() == "ERROR"
        ]
        if errors or response.status_code >= 400:
            first = errors[0] if errors else {}
            raise CarrierError(
                first.get("messageContent") or f"HTTP {response.status_code}",
                code=first.get("id") or str(response.status_code),
            )
        return infos, parts

    @staticmethod
    def _json(data):
        return json.loads(data.decode("utf-8"))


class ColissimoRelayClient(CarrierClient):
    """Colissimo relay points: ``pointretrait`` REST v2."""

    name = "colissimo_relay"
    test_url = prod_url = "https://ws.colissimo.fr/pointretrait-ws-cxf/rest/v2/pointretrait"
    secret_names = CarrierClient.secret_names + ("accountNumber",)

    def __init__(self, contract_number=None, password=None, api_key=None, **kwargs):
        super().__init__(**kwargs)
        self.contract_number = contract_number
        self.password = password
        self.api_key = api_key

    def find_relays(self, street, zip_code, city, country_code, weight_grams, shipping_date):
        """``findRDVPointRetraitAcheminement``: relay dicts (see the
        framework README) nearest to the address first."""
        body = {
            "address": street or "",
            "zipCode": zip_code or "",
            "city": city or "",
            "countryCode": country_code or "FR",
            "weight": str(int(weight_grams or 1)),
            "shippingDate": shipping_date.strftime("%d/%m/%Y"),
            "filterRelay": "1",
            "lang": "FR",
            "optionInter": "0",
        }
        if self.api_key:
            body["apiKey"] = self.api_key
        else:
            body.update({"accountNumber": self.contract_number or "", "password": self.password})
        response = self.request("POST", "findRDVPointRetraitAcheminement", json=body)
        try:
            data = response.json()
        except ValueError as exc:
            raise CarrierError(
                f"Colissimo: HTTP {response.status_code} {self._short_body(response)}"
            ) from exc
        if str(data.get("errorCode", "0")) != "0" or response.status_code >= 400:
            raise CarrierError(
                data.get("errorMessage") or f"HTTP {response.status_code}",
                code=str(data.get("errorCode")),
            )
        relays = []
        for point in data.get("listePointRetraitAcheminement") or []:
            hours = []
            for day in ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"):
                value = (point.get(f"horairesOuverture{day}") or "").strip()
                if value and value not in ("00:00-00:00 00:00-00:00", "00:00-00:00"):
                    hours.append(f"{day[:3]} {value.replace(' 00:00-00:00', '')}")
            relays.append(
                {
                    "id": point.get("identifiant"),
                    "name": (point.get("nom") or "").strip(),
                    "street": (point.get("adresse1") or "").strip(),
                    "street2": " ".join(
                        (point.get(k) or "").strip() for k in ("adresse2", "adresse3")
                    ).strip(),
                    "zip": point.get("codePostal"),
                    "city": (point.get("localite") or "").strip(),
                    "country_code": point.get("codePays") or country_code or "FR",
                    "latitude": point.get("coordGeolocalisationLatitude"),
                    "longitude": point.get("coordGeolocalisationLongitude"),
                    "distance": point.get("distanceEnMetre"),
                    "type": point.get("typeDePoint"),
                    "network": point.get("reseau"),
                    "opening_hours": "; ".join(hours),
                }
            )
        return relays
