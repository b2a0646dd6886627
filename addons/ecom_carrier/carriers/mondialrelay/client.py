# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Mondial Relay "WSI" SOAP web service (``Web_Services.asmx``):
``WSI2_CreationEtiquette`` (home ``HOM`` / relay ``24R`` with ``LIV_Rel``),
the label PDF downloaded from ``URL_Etiquette``, ``WSI2_TracingColisDetaille``
and ``WSI4_PointRelais_Recherche``.

Every call is signed: ``Security`` = upper-case hex MD5 of the non-empty
parameter values in the WSDL order followed by the private key, encoded in
ISO-8859-1. Errors come back with HTTP 200 and a ``STAT`` other than 0."""

import hashlib
import re
import unicodedata
from datetime import datetime
from urllib.parse import urljoin

import requests

from odoo.tools import LazyTranslate

from ..soap import (
    SoapCarrierError,
    SoapClient,
    SoapRetryableError,
    add,
    child,
    children,
    envelope,
    find_first,
    text,
)

_lt = LazyTranslate(__name__)

NS = "http://www.mondialrelay.fr/webservice/"
PRODUCTION_URL = "https://api.mondialrelay.com/Web_Services.asmx"
LABEL_BASE_URL = "https://www.mondialrelay.com"
TRACKING_LINK = "https://www.mondialrelay.fr/suivi-de-colis/?NumeroExpedition=%s"

#: parameters of each operation in the WSDL order (the signature order);
#: ``Texte`` comes after ``Security`` in the WSDL and is not signed.
CREATION_ETIQUETTE_KEYS = (
    "Enseigne ModeCol ModeLiv NDossier NClient "
    "Expe_Langage Expe_Ad1 Expe_Ad2 Expe_Ad3 Expe_Ad4 Expe_Ville Expe_CP Expe_Pays "
    "Expe_Tel1 Expe_Tel2 Expe_Mail "
    "Dest_Langage Dest_Ad1 Dest_Ad2 Dest_Ad3 Dest_Ad4 Dest_Ville Dest_CP Dest_Pays "
    "Dest_Tel1 Dest_Tel2 Dest_Mail "
    "Poids Longueur Taille NbColis CRT_Valeur CRT_Devise Exp_Valeur Exp_Devise "
    "COL_Rel_Pays COL_Rel LIV_Rel_Pays LIV_Rel TAvisage TReprise Montage TRDV "
    "Assurance Instructions"
).split()
TRACING_KEYS = ("Enseigne", "Expedition", "Langue")
RECHERCHE_KEYS = (
    "Enseigne Pays NumPointRelais Ville CP Latitude Longitude Taille Poids Action "
    "DelaiEnvoi RayonRecherche TypeActivite NACE NombreResultats"
).split()

#: ``STAT`` answers of the tracing: not errors
TRACING_STATS = {"80", "81", "82", "83"}
#: ``STAT`` values, Mondial Relay's own wording (shown inside a translated
#: sentence; the vendor writes them in French)
STAT_LABELS = {
    "1": "Enseigne invalide",
    "2": "Numéro d'enseigne vide ou inexistant",
    "3": "Numéro de compte enseigne invalide",
    "5": "Numéro de dossier enseigne invalide",
    "7": "Numéro de client enseigne invalide",
    "8": "Mot de passe ou hachage invalide",
    "9": "Ville non reconnue ou non unique",
    "10": "Type de collecte invalide",
    "11": "Numéro de Relais de Collecte invalide",
    "12": "Pays de Relais de collecte invalide",
    "13": "Type de livraison invalide",
    "14": "Numéro de Relais de livraison invalide",
    "15": "Pays de Relais de livraison invalide",
    "20": "Poids du colis invalide",
    "21": "Taille (Longueur + Hauteur) du colis invalide",
    "22": "Taille du Colis invalide",
    "24": "Numéro d'expédition ou de suivi invalide",
    "28": "Mode de collecte invalide",
    "29": "Mode de livraison invalide",
    "30": "Adresse (L1) invalide",
    "31": "Adresse (L2) invalide",
    "33": "Adresse (L3) invalide",
    "34": "Adresse (L4) invalide",
    "35": "Ville invalide",
    "36": "Code postal invalide",
    "37": "Pays invalide",
    "38": "Numéro de téléphone invalide",
    "39": "Adresse e-mail invalide",
    "40": "Paramètres manquants",
    "47": "Nombre de colis invalide",
    "48": "Multi-colis Relais interdit",
    "74": "Langue invalide",
    "94": "Colis inexistant",
    "95": "Compte enseigne non activé",
    "97": "Clé de sécurité invalide",
    "98": "Erreur générique (paramètres invalides)",
    "99": "Erreur générique du service",
}
#: STAT values worth a retry (the service itself failed)
RETRYABLE_STATS = {"99"}
#: grams
MIN_WEIGHT = 10
MAX_WEIGHT = {"24R": 30000, "HOM": 30000}
#: upper-case letters, digits and a few signs: what the WSI address fields accept
_ADDRESS_CHARS = re.compile(r"[^0-9A-Z_\-'., /]")


def security(values, keys, private_key):
    """The WSI ``Security`` signature: upper-case hex MD5 of the non-empty
    values of ``values`` taken in the order of ``keys``, then the private key,
    encoded in ISO-8859-1."""
    signed = "".join(str(values[key]) for key in keys if values.get(key) not in (None, ""))
    return hashlib.md5((signed + private_key).encode("iso-8859-1")).hexdigest().upper()


def clean_text(value, size=32):
    """Address text as the WSI wants it: no accents, upper case, only the
    accepted characters, at most ``size`` characters."""
    value = unicodedata.normalize("NFKD", value or "")
    value = "".join(char for char in value if not unicodedata.combining(char)).upper()
    value = _ADDRESS_CHARS.sub(" ", value)
    return re.sub(r"\s+", " ", value).strip()[:size]


def clean_phone(value):
    """French numbers as +33XXXXXXXXX (what the WSI accepts), others as digits."""
    digits = re.sub(r"[^0-9+]", "", value or "")
    if digits.startswith("0033"):
        digits = "+33" + digits[4:]
    if re.fullmatch(r"0[1-9][0-9]{8}", digits):
        digits = "+33" + digits[1:]
    return digits


def to_float(value):
    """Mondial Relay coordinates use a decimal comma: "45,7728450"."""
    try:
        return float((value or "").strip().replace(",", "."))
    except ValueError:
        return 0.0


def _stat_error(stat, operation):
    label = STAT_LABELS.get(stat, "")
    if stat in ("8", "97", "1", "2"):
        message = _lt(
            "Mondial Relay refused the brand code or the private key (STAT %(stat)s: "
            "%(label)s). Check the Mondial Relay credentials of the carrier.",
            stat=stat,
            label=label,
        )
    elif stat == "14":
        message = _lt(
            "Mondial Relay does not know the relay point of this delivery (STAT 14: "
            "%(label)s). Choose another relay point.",
            label=label,
        )
    elif stat == "20":
        message = _lt(
            "Mondial Relay refused the weight of the parcel (STAT 20: %(label)s).",
            label=label,
        )
    elif stat in RETRYABLE_STATS:
        return SoapRetryableError(
            _lt(
                "Mondial Relay's service failed (STAT %(stat)s: %(label)s); the request "
                "will be tried again later.",
                stat=stat,
                label=label,
            ),
            code=stat,
            carrier_message=label,
        )
    else:
        message = _lt(
            "Mondial Relay refused the request (STAT %(stat)s: %(label)s).",
            stat=stat,
            label=label or "?",
        )
    return SoapCarrierError(message, code=stat, carrier_message=label)


class MondialRelayClient(SoapClient):
    """Mondial Relay WSI for one brand (``Enseigne``) and its private key."""

    carrier_name = "Mondial Relay"
    secret_tags = ()

    def __init__(
        self,
        enseigne,
        private_key,
        url=PRODUCTION_URL,
        label_base_url=LABEL_BASE_URL,
        language="FR",
        timeout=None,
        session=None,
    ):
        super().__init__(timeout=timeout, session=session)
        self.enseigne = enseigne or ""
        self.private_key = private_key or ""
        self.url = url or PRODUCTION_URL
        self.label_base_url = label_base_url or LABEL_BASE_URL
        self.language = language
        self.secrets = [self.private_key]

    # ------------------------------------------------------------ plumbing

    def call(self, operation, keys, values):
        """Sign ``values``, post the operation and return its ``…Result``
        element, raising on a STAT that is an error."""
        values = dict(values, Enseigne=self.enseigne)
        env, _header, body = envelope()
        call = add(body, operation, ns=NS)
        for key in keys:
            value = values.get(key)
            if value not in (None, ""):
                add(call, key, value, ns=NS)
        add(call, "Security", security(values, keys, self.private_key), ns=NS)
        root = self.post(self.url, env, soap_action=NS + operation)
        result = find_first(find_first(root, "Body"), f"{operation}Result")
        if result is None:
            raise SoapCarrierError(
                _lt("Mondial Relay sent an answer without a result; nothing was recorded.")
            )
        return result

    def _address(self, prefix, address, values):
        values[f"{prefix}_Langage"] = self.language
        name = clean_text(address.get("name"))
        company = clean_text(address.get("company"))
        values[f"{prefix}_Ad1"] = name or company
        values[f"{prefix}_Ad2"] = company if name and company != name else ""
        values[f"{prefix}_Ad3"] = clean_text(address.get("street"))
        values[f"{prefix}_Ad4"] = clean_text(address.get("street2"))
        values[f"{prefix}_Ville"] = clean_text(address.get("city"), 26)
        values[f"{prefix}_CP"] = (address.get("zip") or "").replace(" ", "")
        values[f"{prefix}_Pays"] = (address.get("country") or "FR").upper()
        values[f"{prefix}_Tel1"] = clean_phone(address.get("phone") or address.get("mobile"))
        values[f"{prefix}_Tel2"] = (
            clean_phone(address.get("mobile")) if address.get("phone") else ""
        )
        values[f"{prefix}_Mail"] = (address.get("email") or "")[:70]

    # ------------------------------------------------------------ labels

    def check_shipment(self, shipment):
        """Refuse before calling what Mondial Relay would refuse."""
        mode = shipment["mode"]
        if mode == "24R":
            if not shipment.get("relay_id"):
                raise SoapCarrierError(
                    _lt("Mondial Relay delivery to a relay point needs the relay id.")
                )
            recipient = shipment["recipient"]
            if not (recipient.get("mobile") or recipient.get("phone")):
                raise SoapCarrierError(
                    _lt(
                        "Mondial Relay delivery to a relay point needs the customer's "
                        "mobile phone (the customer is told by SMS when the parcel arrives)."
                    )
                )
        grams = shipment["weight_grams"]
        limit = MAX_WEIGHT.get(mode, 30000)
        if grams < MIN_WEIGHT:
            raise SoapCarrierError(
                _lt("Mondial Relay needs the weight of the parcel (at least 10 g).")
            )
        if grams > limit:
            raise SoapCarrierError(
                _lt(
                    "The parcel weighs %(weight)s kg, over the %(limit)s kg Mondial Relay accepts.",
                    weight=grams / 1000.0,
                    limit=limit / 1000,
                )
            )

    def prepare_label(self, shipment):
        """Signed-order parameter dict of ``WSI2_CreationEtiquette``."""
        values = {
            # dropped by the merchant at any relay point (as in the recorded exchange)
            "ModeCol": "REL",
            "COL_Rel_Pays": "FR",
            "COL_Rel": "AUTO",
            "ModeLiv": shipment["mode"],
            "NDossier": clean_text(shipment.get("reference"), 15).replace(" ", ""),
            "NClient": clean_text(shipment.get("customer_ref"), 9).replace(" ", ""),
            "Poids": int(shipment["weight_grams"]),
            "NbColis": 1,
            "CRT_Valeur": 0,
        }
        self._address("Expe", shipment["shipper"], values)
        self._address("Dest", shipment["recipient"], values)
        if shipment["mode"] == "24R":
            values["LIV_Rel_Pays"] = (shipment.get("relay_country") or "FR").upper()
            values["LIV_Rel"] = shipment["relay_id"]
        return values

    def create_label(self, shipment):
        """One parcel: ``{"tracking_number", "label" (PDF bytes),
        "label_format", "label_url"}``.

        ``shipment``: ``{"mode" (HOM | 24R), "reference", "customer_ref",
        "weight_grams", "shipper", "recipient", "relay_id", "relay_country"}``."""
        self.check_shipment(shipment)
        result = self.call(
            "WSI2_CreationEtiquette", CREATION_ETIQUETTE_KEYS, self.prepare_label(shipment)
        )
        stat = text(result, "STAT")
        if stat != "0":
            raise _stat_error(stat, "label")
        number = text(result, "ExpeditionNum")
        url = text(result, "URL_Etiquette")
        if not number or not url:
            raise SoapCarrierError(
                _lt("Mondial Relay returned no expedition number or label; nothing was recorded.")
            )
        label_url = urljoin(self.label_base_url.rstrip("/") + "/", url.lstrip("/"))
        return {
            "tracking_number": number,
            "label": self.download_label(label_url),
            "label_format": "pdf",
            "label_url": label_url,
        }

    def download_label(self, url):
        """GET the label PDF (second request of the label flow)."""
        self.request_count += 1
        try:
            response = self.session.get(url, timeout=self.timeout)
        except requests.RequestException as exc:
            raise SoapRetryableError(
                _lt(
                    "The Mondial Relay label could not be downloaded (%(error)s); the "
                    "request will be tried again later.",
                    error=exc.__class__.__name__,
                )
            ) from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise SoapRetryableError(
                _lt(
                    "The Mondial Relay label server is unavailable (HTTP %(status)s); the "
                    "request will be tried again later.",
                    status=response.status_code,
                )
            )
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            raise SoapCarrierError(
                _lt(
                    "The Mondial Relay label could not be downloaded (HTTP %(status)s, not a PDF).",
                    status=response.status_code,
                )
            )
        return response.content

    # ------------------------------------------------------------ tracking

    def trace(self, expedition):
        """``WSI2_TracingColisDetaille``: ``{"stat" (80-83, or "" when Mondial
        Relay does not know the parcel yet), "label", "relay_name",
        "relay_id", "events": [{"date", "label", "place", "relay_id"}]}``,
        events oldest first, the empty padding entries dropped."""
        result = self.call(
            "WSI2_TracingColisDetaille",
            TRACING_KEYS,
            {"Expedition": expedition, "Langue": self.language},
        )
        stat = text(result, "STAT")
        if stat == "94":
            # registered at the shop, not yet in Mondial Relay's system
            return {"stat": "", "label": "", "relay_name": "", "relay_id": "", "events": []}
        if stat not in TRACING_STATS:
            raise _stat_error(stat, "tracing")
        events = []
        for entry in children(child(result, "Tracing"), "ret_WSI2_sub_TracingColisDetaille"):
            label = text(entry, "Libelle")
            if not label:
                continue
            events.append(
                {
                    "date": _parse_date(text(entry, "Date"), text(entry, "Heure")),
                    "label": label,
                    "place": text(entry, "Emplacement"),
                    "relay_id": text(entry, "Relais_Num"),
                }
            )
        events.sort(key=lambda event: event["date"] or datetime.min)
        return {
            "stat": stat,
            "label": text(result, "Libelle01"),
            "relay_name": text(result, "Relais_Libelle"),
            "relay_id": text(result, "Relais_Num"),
            "events": events,
        }

    # ------------------------------------------------------------ relays

    def search_relays(self, country, zip_code, weight_grams=None, count=10, radius=None):
        """``WSI4_PointRelais_Recherche`` around a postcode: list of
        ``{"id", "name", "street", "zip", "city", "country", "latitude",
        "longitude", "hours", "locker"}`` (padding stripped, coordinates as
        floats)."""
        values = {
            "Pays": (country or "FR").upper(),
            "CP": (zip_code or "").replace(" ", ""),
            "Poids": int(weight_grams) if weight_grams else "",
            "Action": "24R",
            "RayonRecherche": radius or "",
            "NombreResultats": count,
        }
        result = self.call("WSI4_PointRelais_Recherche", RECHERCHE_KEYS, values)
        stat = text(result, "STAT")
        if stat != "0":
            raise _stat_error(stat, "search")
        relays = []
        for detail in children(child(result, "PointsRelais"), "PointRelais_Details"):
            hours = {}
            for day in ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"):
                slots = [
                    (sub.text or "").strip()
                    for sub in children(child(detail, f"Horaires_{day}"), "string")
                ]
                hours[day] = [
                    (slots[index], slots[index + 1])
                    for index in range(0, len(slots) - 1, 2)
                    if slots[index] and slots[index] != "0000"
                ]
            relays.append(
                {
                    "id": text(detail, "Num"),
                    "name": " ".join(
                        filter(None, (text(detail, "LgAdr1"), text(detail, "LgAdr2")))
                    ),
                    "street": " ".join(
                        filter(None, (text(detail, "LgAdr3"), text(detail, "LgAdr4")))
                    ),
                    "zip": text(detail, "CP"),
                    "city": text(detail, "Ville"),
                    "country": text(detail, "Pays"),
                    "latitude": to_float(text(detail, "Latitude")),
                    "longitude": to_float(text(detail, "Longitude")),
                    "hours": hours,
                    "locker": text(detail, "Information").upper() == "LOCKER",
                    "distance": text(detail, "Distance"),
                }
            )
        return relays


def _parse_date(day, hour):
    """ "dd/mm/yy" and "HH:MM" (local French time) → naive datetime."""
    for pattern in ("%d/%m/%y %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(f"{day} {hour}".strip(), pattern)
        except ValueError:
            continue
    return None
