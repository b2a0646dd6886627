# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo carriers: the Colissimo, La Poste Suivi and Mondial Relay
protocol servers of the tests, served by ``setup/demo_servers.py`` beside
``./setup/ecom run`` at the ports the demo shipping methods point at
(``ecom_carrier_connector/demo``).

Beside the test servers, the demo ones behave like a carrier that moves the
parcels: a Colissimo label is taken in charge at once (La Poste Suivi shows
it in transit), a Mondial Relay parcel reaches its relay point."""

from datetime import datetime, timezone

from . import colissimo, laposte, mondialrelay

COLISSIMO_PORT = 8092
LAPOSTE_PORT = 8093
MONDIALRELAY_PORT = 8094
#: default port of each server (``demo_carrier_servers`` keys)
PORTS = {"colissimo": COLISSIMO_PORT, "laposte": LAPOSTE_PORT, "mondialrelay": MONDIALRELAY_PORT}
#: the demo shipping methods' settings (test accounts of the servers)
COLISSIMO = {
    "ecom_api_key": colissimo.API_KEY,
    "ecom_account_number": colissimo.CONTRACT,
    "ecom_tracking_api_key": laposte.OKAPI_KEY,
    "ecom_label_url": f"http://127.0.0.1:{COLISSIMO_PORT}{colissimo.SLS}",
    "ecom_relay_url": f"http://127.0.0.1:{COLISSIMO_PORT}{colissimo.RELAY}",
    "ecom_tracking_url": f"http://127.0.0.1:{LAPOSTE_PORT}/suivi/v2",
}
MONDIALRELAY = {
    "ecom_account_number": "BDTEST13",
    "ecom_password": "PrivateK",
    "ecom_label_url": f"http://127.0.0.1:{MONDIALRELAY_PORT}/Web_Services.asmx",
    "mondialrelay_label_host": f"http://127.0.0.1:{MONDIALRELAY_PORT}",
}


def _now():
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class DemoColissimoServer(colissimo.ColissimoServer):
    """Colissimo whose labels La Poste Suivi (``laposte``) then tracks."""

    def __init__(self, laposte_server):
        super().__init__()
        self.laposte = laposte_server

    def _generate_label(self, request):
        count = len(self.issued)
        response = super()._generate_label(request)
        for number in self.issued[count:]:
            self.laposte.add_event(number, "PC1", _now())
            self.laposte.add_event(number, "ET1", _now())
        return response


class DemoMondialRelayServer(mondialrelay.MondialRelayServer):
    """Mondial Relay whose parcels reach their relay point at once."""

    def __init__(self):
        super().__init__(
            enseigne=MONDIALRELAY["ecom_account_number"],
            private_key=MONDIALRELAY["ecom_password"],
        )
        # the point of the demo WooCommerce shop's relay order
        self.relays["024576"] = {
            "LgAdr1": "RELAIS TABAC PRESSE DE LA GARE",
            "LgAdr3": "2 PLACE DE LA GARE",
            "CP": "69003",
            "Ville": "LYON",
            "Pays": "FR",
            "Latitude": "45,7604960",
            "Longitude": "04,8590240",
            "Information": "",
        }

    def _WSI2_CreationEtiquette(self, values):
        count = len(self.expeditions)
        response = super()._WSI2_CreationEtiquette(values)
        day = datetime.now().strftime("%d/%m/%y")
        for number in list(self.expeditions)[count:]:
            relay = values.get("LIV_Rel", "")
            self.tracing[number] = (
                "81",
                [
                    (day, "08:10", "PRISE EN CHARGE EN AGENCE", "LYON", ""),
                    (day, "11:45", "COLIS DISPONIBLE AU POINT RELAIS", "VILLEURBANNE", relay),
                ],
            )
        return response


def demo_carrier_servers():
    """``[(key, name, server)]``: the demo carrier servers, not started, on
    ephemeral ports (``setup/demo_servers.py`` moves them to ``PORTS``)."""
    laposte_server = laposte.LaPosteServer()
    return [
        ("colissimo", "Colissimo (étiquettes)", DemoColissimoServer(laposte_server)),
        ("laposte", "La Poste Suivi", laposte_server),
        ("mondialrelay", "Mondial Relay", DemoMondialRelayServer()),
    ]
