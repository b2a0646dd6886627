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
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from ..base import CarrierError, CarrierRetryableError, LabelResult, TrackingEvent, TrackingResult
from ..soap import SoapClient, add, child, children, envelope, find_first, text

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
    "80": "Colis enregistré",
    "81": "Colis en traitement chez Mondial Relay",
    "82": "Colis livré",
    "83": "Anomalie",
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


def stat_error(stat):
    """The error for a ``STAT`` that is not a success (HTTP 200 anyway)."""
    message = f"STAT {stat} : {STAT_LABELS.get(stat, 'erreur inconnue')}"
    if stat in RETRYABLE_STATS:
        return CarrierRetryableError(message, code=stat)
    return CarrierError(message, code=stat)


class MondialRelayClient(SoapClient):
    """Mondial Relay WSI for one brand (``Enseigne``) and its private key."""

    name = "mondialrelay"
    test_url = prod_url = PRODUCTION_URL

    def __init__(
        self, enseigne, private_key, label_base_url=LABEL_BASE_URL, language="FR", **kwargs
    ):
        kwargs["secrets"] = [*kwargs.get("secrets", ()), private_key]
        super().__init__(**kwargs)
        self.enseigne = enseigne or ""
        self.private_key = private_key or ""
        self.label_base_url = label_base_url or LABEL_BASE_URL
        self.language = language

    # ------------------------------------------------------------ plumbing

    def call(self, operation, keys, values):
        """Sign ``values``, post the operation and return its ``…Result``
        element, raising on a STAT that is an error."""
        values = dict(values, Enseigne=self.enseigne)
        env, _header, body = envelope({"mr": NS})
        call = add(body, operation, ns=NS)
        for key in keys:
            value = values.get(key)
            if value not in (None, ""):
                add(call, key, value, ns=NS)
        add(call, "Security", security(values, keys, self.private_key), ns=NS)
        root = self.post_soap("", env, soap_action=NS + operation)
        result = find_first(find_first(root, "Body"), f"{operation}Result")
        if result is None:
            raise CarrierError(f"Mondial Relay: {operation} answer without a result")
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
        # the mobile first: relay deliveries are announced by SMS
        values[f"{prefix}_Tel1"] = clean_phone(address.get("mobile") or address.get("phone"))
        values[f"{prefix}_Tel2"] = (
            clean_phone(address.get("phone")) if address.get("mobile") else ""
        )
        values[f"{prefix}_Mail"] = (address.get("email") or "")[:70]

    # ------------------------------------------------------------ labels

    def prepare_label(self, shipment):
        """Signed-order parameter dict of ``WSI2_CreationEtiquette``."""
        values = {
            # dropped by the merchant at any relay point (as in the recorded exchange)
            "ModeCol": "REL",
            "COL_Rel_Pays": "FR",
            "COL_Rel": "AUTO",
            "ModeLiv": shipment["mode"],
            "NDossier": re.sub(r"[^0-9A-Z_-]", "", clean_text(shipment.get("reference")))[:15],
            "NClient": re.sub(r"[^0-9A-Z]", "", clean_text(shipment.get("customer_ref")))[:9],
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
        """One parcel: a :class:`LabelResult` with the PDF downloaded from
        ``URL_Etiquette`` (``extra["label_url"]``).

        ``shipment``: ``{"mode" (HOM | 24R), "reference", "customer_ref",
        "weight_grams", "shipper", "recipient", "relay_id", "relay_country"}``."""
        result = self.call(
            "WSI2_CreationEtiquette", CREATION_ETIQUETTE_KEYS, self.prepare_label(shipment)
        )
        stat = text(result, "STAT")
        if stat != "0":
            raise stat_error(stat)
        number = text(result, "ExpeditionNum")
        url = text(result, "URL_Etiquette")
        if not number or not url:
            raise CarrierError("Mondial Relay: no expedition number or label URL")
        label_url = urljoin(self.label_base_url.rstrip("/") + "/", url.lstrip("/"))
        return LabelResult(
            tracking_number=number,
            label=self.download_label(label_url),
            label_format="pdf",
            extra={"label_url": label_url},
        )

    def download_label(self, url):
        """GET the label PDF (second request of the label flow)."""
        response = self.request("GET", url)
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            raise CarrierError(
                f"Mondial Relay: the label could not be downloaded (HTTP {response.status_code})",
                code=str(response.status_code),
            )
        return response.content

    # ------------------------------------------------------------ tracking

    def trace(self, expedition):
        """``WSI2_TracingColisDetaille`` as a :class:`TrackingResult`.

        The WSI has no event codes: each ``Tracing`` entry gets a code from
        its wording (:func:`event_code`). The parcel's ``STAT`` says more
        than the wording for 82 (delivered) and 83 (anomaly): it is added as
        a last event ``STAT82`` / ``STAT83`` one second after the last
        entry (stable from one poll to the next) unless the last entry
        already says so. No entry yet (STAT 80 registered, 81 in progress)
        or STAT 94 (unknown parcel) is ``unknown_yet``, not an error; the
        empty padding entries are dropped."""
        result = self.call(
            "WSI2_TracingColisDetaille",
            TRACING_KEYS,
            {"Expedition": expedition, "Langue": self.language},
        )
        stat = text(result, "STAT")
        if stat == "94":
            return TrackingResult(expedition, status="unknown_yet")
        if stat not in TRACING_STATS:
            raise stat_error(stat)
        events = []
        for entry in children(child(result, "Tracing"), "ret_WSI2_sub_TracingColisDetaille"):
            label = text(entry, "Libelle")
            moment = _parse_date(text(entry, "Date"), text(entry, "Heure"))
            if not label or not moment:
                continue
            place = text(entry, "Emplacement")
            if text(entry, "Relais_Num"):
                place = f"{place} ({text(entry, 'Relais_Num')})".strip()
            events.append(
                TrackingEvent(code=event_code(label), label=label, date=moment, place=place)
            )
        events.sort(key=lambda event: event.date)
        if not events:
            return TrackingResult(expedition, status="unknown_yet")
        final_codes = {"82": "LIVRE", "83": "ANOMALIE"}
        if stat in final_codes and events[-1].code != final_codes[stat]:
            events.append(
                TrackingEvent(
                    code=f"STAT{stat}",
                    label=text(result, "Libelle01") or STAT_LABELS.get(stat, stat),
                    date=events[-1].date + timedelta(seconds=1),
                    place=text(result, "Relais_Libelle"),
                )
            )
        return TrackingResult(expedition, events=events, is_final=True if stat == "82" else None)

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
            raise stat_error(stat)
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


#: wording of the tracing entries → code of the Mondial Relay code table
EVENT_WORDS = (
    ("RETOUR", "RETOUR"),
    ("ANOMALIE", "ANOMALIE"),
    ("INCIDENT", "ANOMALIE"),
    ("DISPONIBLE", "DISPONIBLE"),
    ("EN COURS DE LIVRAISON", "EN_LIVRAISON"),
    ("LIVRE", "LIVRE"),
    ("PRIS EN CHARGE", "PRISE_EN_CHARGE"),
    ("PRISE EN CHARGE", "PRISE_EN_CHARGE"),
    ("ENREGISTRE", "ENREGISTRE"),
)


def event_code(label):
    """A code for a tracing entry, from its (French) wording; the wording
    itself, shortened, when no word is known (kept as in transit and
    logged by the framework)."""
    plain = unicodedata.normalize("NFKD", label)
    plain = "".join(char for char in plain if not unicodedata.combining(char)).upper()
    for word, code in EVENT_WORDS:
        if word in plain:
            return code
    return re.sub(r"[^A-Z0-9]+", "_", plain).strip("_")[:30]


def _parse_date(day, hour):
    """ "dd/mm/yy" and "HH:MM" (French local time) → naive UTC datetime."""
    for pattern in ("%d/%m/%y %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%y", "%d/%m/%Y"):
        try:
            moment = datetime.strptime(f"{day} {hour}".strip(), pattern)
        except ValueError:
            continue
        moment = moment.replace(tzinfo=ZoneInfo("Europe/Paris"))
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return None
