# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Mondial Relay's WSI web service (ASP.NET ``Web_Services.asmx``) and its
label server on 127.0.0.1.

Like the real service: the ``SOAPAction`` header must name a known
operation (else an ASMX ``soap:Client`` fault, HTTP 500), the body must be a
well-formed envelope (else "Server was unable to read request", HTTP 500);
then every answer is HTTP 200 with a ``STAT``: the ``Security`` signature is
recomputed from the received fields in the WSDL order (97 when it differs),
the fields are checked against the formats of the WSI documentation (36
postcode, 38 phone, 20 weight, 29 delivery mode, 14 unknown delivery relay,
30/33/35 address lines), tracing answers 80-83 with the ``Tracing`` list
padded with empty entries, 24 for a malformed expedition number and 94 for
an unknown one; relay search answers space-padded fields and decimal-comma
coordinates. Labels are served under ``/ww2/PDF/StickerMaker2.aspx``."""

import hashlib
import re
from urllib.parse import quote

from lxml import etree

from .soap_base import Response, SoapTestServer, escape, pdf, soap_fault, soap_response, values_of

NS = "http://www.mondialrelay.fr/webservice/"
# the WSDL order of each operation's parameters (written out here on purpose,
# independently of the client, so that a wrong order in the client fails)
CREATION_ETIQUETTE_KEYS = (
    "Enseigne",
    "ModeCol",
    "ModeLiv",
    "NDossier",
    "NClient",
    "Expe_Langage",
    "Expe_Ad1",
    "Expe_Ad2",
    "Expe_Ad3",
    "Expe_Ad4",
    "Expe_Ville",
    "Expe_CP",
    "Expe_Pays",
    "Expe_Tel1",
    "Expe_Tel2",
    "Expe_Mail",
    "Dest_Langage",
    "Dest_Ad1",
    "Dest_Ad2",
    "Dest_Ad3",
    "Dest_Ad4",
    "Dest_Ville",
    "Dest_CP",
    "Dest_Pays",
    "Dest_Tel1",
    "Dest_Tel2",
    "Dest_Mail",
    "Poids",
    "Longueur",
    "Taille",
    "NbColis",
    "CRT_Valeur",
    "CRT_Devise",
    "Exp_Valeur",
    "Exp_Devise",
    "COL_Rel_Pays",
    "COL_Rel",
    "LIV_Rel_Pays",
    "LIV_Rel",
    "TAvisage",
    "TReprise",
    "Montage",
    "TRDV",
    "Assurance",
    "Instructions",
)
TRACING_KEYS = ("Enseigne", "Expedition", "Langue")
RECHERCHE_KEYS = (
    "Enseigne",
    "Pays",
    "NumPointRelais",
    "Ville",
    "CP",
    "Latitude",
    "Longitude",
    "Taille",
    "Poids",
    "Action",
    "DelaiEnvoi",
    "RayonRecherche",
    "TypeActivite",
    "NACE",
    "NombreResultats",
)
OPERATIONS = {
    "WSI2_CreationEtiquette": CREATION_ETIQUETTE_KEYS,
    "WSI2_TracingColisDetaille": TRACING_KEYS,
    "WSI4_PointRelais_Recherche": RECHERCHE_KEYS,
}
ADDRESS = r"^[0-9A-Z_\-'., /]{0,32}$"
FORMATS = {
    # field: (regex, STAT when it does not match)
    "Dest_Ad1": (r"^[0-9A-Z_\-'., /]{2,32}$", "30"),
    "Dest_Ad3": (r"^[0-9A-Z_\-'., /]{2,32}$", "33"),
    "Dest_Ad4": (ADDRESS, "34"),
    "Dest_Ville": (r"^[A-Z_\-' 0-9]{2,26}$", "35"),
    "Dest_Tel1": (r"^((00|\+)[1-9][0-9]{8,13}|0[1-9][0-9]{8})$", "38"),
    "Expe_Ad1": (r"^[0-9A-Z_\-'., /]{2,32}$", "30"),
    "Expe_Ad3": (r"^[0-9A-Z_\-'., /]{2,32}$", "33"),
    "Expe_Ville": (r"^[A-Z_\-' 0-9]{2,26}$", "35"),
    "Expe_Tel1": (r"^((00|\+)[1-9][0-9]{8,13}|0[1-9][0-9]{8})$", "38"),
    "Poids": (r"^[0-9]{2,7}$", "20"),
    "NbColis": (r"^[0-9]{1,2}$", "47"),
}
DELIVERY_MODES = {"24R", "24L", "HOM", "HOC", "LCC", "LD1", "LDS"}


def signature(values, keys, private_key):
    signed = "".join(values[key] for key in keys if values.get(key))
    return hashlib.md5((signed + private_key).encode("iso-8859-1")).hexdigest().upper()


class MondialRelayServer(SoapTestServer):
    def __init__(self, enseigne="BDTEST13", private_key="PrivateK"):
        super().__init__()
        self.enseigne = enseigne
        self.private_key = private_key
        self.sequence = 50018890
        #: expedition number → the received fields
        self.expeditions = {}
        #: expedition number → (STAT, [(dd/mm/yy, HH:MM, Libelle, Emplacement, Relais_Num)])
        self.tracing = {}
        #: relay points known by the server: id → dict
        self.relays = {
            "005680": {
                "LgAdr1": "BUREAU COPY",
                "LgAdr3": "31 COURS ANDRE PHILIP",
                "CP": "69100",
                "Ville": "VILLEURBANNE",
                "Pays": "FR",
                "Latitude": "45,7728450",
                "Longitude": "04,8630410",
                "Information": "",
            },
            "020339": {
                "LgAdr1": "LOCKER 24/7 GARE PART DIEU",
                "LgAdr3": "5 PLACE CHARLES BERAUDIER",
                "CP": "69003",
                "Ville": "LYON",
                "Pays": "FR",
                "Latitude": "45,7604960",
                "Longitude": "04,8590240",
                "Information": "LOCKER",
            },
        }

    # ------------------------------------------------------------ routes

    def route(self, request):
        if request.method == "GET" and request.path == "/ww2/PDF/StickerMaker2.aspx":
            return self._label(request)
        if request.method != "POST" or request.path != "/Web_Services.asmx":
            return None
        action = (request.header("SOAPAction") or "").strip('"')
        operation_name = action[len(NS) :] if action.startswith(NS) else ""
        if operation_name not in OPERATIONS:
            return soap_fault(
                "soap:Client",
                f"Server did not recognize the value of HTTP Header SOAPAction: {action}.",
            )
        operation = request.operation
        if operation is None or etree.QName(operation) != etree.QName(NS, operation_name):
            return soap_fault(
                "soap:Client",
                "Server was unable to read request. ---> There is an error in XML document (1, 1).",
            )
        values = values_of(operation)
        for element in operation:
            if etree.QName(element).namespace != NS:
                # ASMX ignores unknown elements: a field in the wrong namespace is simply missing
                values.pop(etree.QName(element).localname, None)
        keys = OPERATIONS[operation_name]
        if values.get("Enseigne") != self.enseigne:
            return self._stat(operation_name, "2")
        if values.get("Security") != signature(values, keys, self.private_key):
            return self._stat(operation_name, "97")
        return getattr(self, f"_{operation_name}")(values)

    def _stat(self, operation, stat, inner=""):
        return Response(
            200,
            soap_response(
                f'<{operation}Response xmlns="{NS}"><{operation}Result><STAT>{stat}</STAT>'
                f"{inner}</{operation}Result></{operation}Response>"
            ),
        )

    # ------------------------------------------------------------ operations

    def _WSI2_CreationEtiquette(self, values):
        operation = "WSI2_CreationEtiquette"
        if values.get("ModeLiv") not in DELIVERY_MODES:
            return self._stat(operation, "29")
        for field, (pattern, stat) in FORMATS.items():
            if field in ("Dest_Ad4",) and not values.get(field):
                continue
            if not re.match(pattern, values.get(field, "")):
                return self._stat(operation, stat)
        if values.get("Dest_Pays") == "FR" and not re.match(
            r"^[0-9]{5}$", values.get("Dest_CP", "")
        ):
            return self._stat(operation, "36")
        weight = int(values["Poids"])
        if weight < 10 or weight > 30000:
            return self._stat(operation, "20")
        if values["ModeLiv"] == "24R":
            if values.get("LIV_Rel") not in self.relays or values.get("LIV_Rel_Pays") != "FR":
                return self._stat(operation, "14")
        self.sequence += 1
        number = str(self.sequence)
        self.expeditions[number] = values
        crc = hashlib.md5(f"{number}{self.private_key}".encode()).hexdigest().upper()
        url = (
            f"/ww2/PDF/StickerMaker2.aspx?ens={quote(self.enseigne)}11&amp;expedition={number}"
            f"&amp;lg=FR&amp;format=A4&amp;crc={crc}"
        )
        return self._stat(
            operation,
            "0",
            f"<ExpeditionNum>{number}</ExpeditionNum><URL_Etiquette>{url}</URL_Etiquette>",
        )

    def _label(self, request):
        number = request.param("expedition", "")
        crc = hashlib.md5(f"{number}{self.private_key}".encode()).hexdigest().upper()
        if number not in self.expeditions or request.param("crc") != crc:
            return Response(404, "<html><body>Erreur</body></html>", content_type="text/html")
        return Response(200, pdf(f"Mondial Relay {number}"), content_type="application/pdf")

    def _WSI2_TracingColisDetaille(self, values):
        operation = "WSI2_TracingColisDetaille"
        number = values.get("Expedition", "")
        if not re.match(r"^[0-9]{8}$", number):
            return self._stat(operation, "24")
        if number not in self.expeditions:
            return self._stat(operation, "94")
        stat, events = self.tracing.get(number, ("80", []))
        entries = [
            "<ret_WSI2_sub_TracingColisDetaille>"
            f"<Libelle>{escape(label)}</Libelle><Date>{day}</Date><Heure>{hour}</Heure>"
            f"<Emplacement>{escape(place)}</Emplacement><Relais_Num>{relay}</Relais_Num>"
            "<Relais_Pays>FR</Relais_Pays></ret_WSI2_sub_TracingColisDetaille>"
            for day, hour, label, place, relay in events
        ]
        # the real service pads the list with empty entries
        entries += ["<ret_WSI2_sub_TracingColisDetaille/>"] * max(0, 10 - len(entries))
        relay = self.expeditions[number].get("LIV_Rel", "")
        relay_name = self.relays.get(relay, {}).get("LgAdr1", "")
        return self._stat(
            operation,
            stat,
            f"<Libelle01>{escape(events[-1][2] if events else '')}</Libelle01>"
            f"<Relais_Libelle>{escape(relay_name)}</Relais_Libelle><Relais_Num>{relay}</Relais_Num>"
            f"<Libelle02/><Tracing>{''.join(entries)}</Tracing>",
        )

    def _WSI4_PointRelais_Recherche(self, values):
        operation = "WSI4_PointRelais_Recherche"
        if not re.match(r"^[0-9]{5}$", values.get("CP", "")):
            return self._stat(operation, "36")
        details = []
        for number, relay in self.relays.items():
            hours = "".join(
                f"<Horaires_{day}><string>0900</string><string>1230</string>"
                f"<string>1400</string><string>1830</string></Horaires_{day}>"
                for day in ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi")
            ) + (
                "<Horaires_Dimanche><string>0000</string><string>0000</string>"
                "<string>0000</string><string>0000</string></Horaires_Dimanche>"
            )
            details.append(
                "<PointRelais_Details><STAT>0</STAT>"
                f"<Num>{number}</Num><LgAdr1>{relay['LgAdr1']:<32}</LgAdr1><LgAdr2>{'':<32}</LgAdr2>"
                f"<LgAdr3>{relay['LgAdr3']:<32}</LgAdr3><LgAdr4>{'':<32}</LgAdr4>"
                f"<CP>{relay['CP']}</CP><Ville>{relay['Ville']:<26}</Ville><Pays>{relay['Pays']}</Pays>"
                f"<Localisation1>{'':<40}</Localisation1><TypeActivite>000</TypeActivite>"
                f"<Information>{relay['Information']}</Information>"
                f"<Latitude>{relay['Latitude']}</Latitude><Longitude>{relay['Longitude']}</Longitude>"
                f"{hours}<URL_Photo>https://example.invalid/{number}.jpg</URL_Photo>"
                f"<Distance>{len(details) * 350 + 120}</Distance></PointRelais_Details>"
            )
        return self._stat(operation, "0", f"<PointsRelais>{''.join(details)}</PointsRelais>")
