# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_carrier: SOAP label round trips against the local Chronopost,
Mondial Relay and DPD France servers (client level, no database write).

Creates N parcels' labels (default 300) with each client:

- Chronopost in shipments of 3 parcels, ``shippingMultiParcelV5`` with the
  3 parcels in one request, against the baseline of the same parcels one
  request each (``numberOfParcel`` 1), in the same run;
- Mondial Relay, one signed ``WSI2_CreationEtiquette`` plus the PDF
  download per parcel;
- DPD France, one ``CreateShipmentWithLabelsBc`` per parcel.

Prints HTTP requests per parcel and wall time per parcel (envelope
building, signing, local HTTP, safe parsing, base64 decoding), and the
multi-parcel / one-by-one ratios for Chronopost. Never asserts.
"""

import importlib
import importlib.util
import sys
import time

from common import ROOT, odoo_env, parse_args, report

SHIPPER = {
    "name": "Boutique Bench",
    "street": "12 rue de la République",
    "zip": "69002",
    "city": "Lyon",
    "country": "FR",
    "phone": "0472000000",
}
RECIPIENT = {
    "name": "Camille Martin",
    "street": "5 rue de Rivoli",
    "zip": "75001",
    "city": "Paris",
    "country": "FR",
    "mobile": "0612345678",
    "email": "camille@example.com",
}


def _extra(parser):
    parser.add_argument("--parcels", type=int, default=300)


def _servers():
    """The local servers' modules, loaded as their own package: importing
    them through ``odoo.addons.ecom_carrier.tests`` would import the test
    framework."""
    path = ROOT / "addons" / "ecom_carrier" / "tests" / "servers"
    spec = importlib.util.spec_from_file_location(
        "ecom_carrier_bench_servers", path / "__init__.py", submodule_search_locations=[str(path)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = package
    spec.loader.exec_module(package)
    return [
        importlib.import_module(f"{spec.name}.{name}")
        for name in ("chronopost", "mondialrelay", "dpd")
    ]


def _timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main():
    args = parse_args(__doc__, _extra)
    count = args.parcels - args.parcels % 3
    with odoo_env(args):
        from odoo.addons.ecom_carrier.carriers.chronopost.client import ChronopostClient
        from odoo.addons.ecom_carrier.carriers.dpd.client import DpdClient
        from odoo.addons.ecom_carrier.carriers.mondialrelay.client import MondialRelayClient

        chronopost, mondialrelay, dpd = _servers()
        ChronopostServer = chronopost.ChronopostServer
        MondialRelayServer = mondialrelay.MondialRelayServer
        DpdServer = dpd.DpdServer

        rows = []
        with ChronopostServer() as server:
            client = ChronopostClient(server.account, server.password, base_url=server.url)

            def shipment(weights):
                return {
                    "reference": "BENCH",
                    "product_code": "01",
                    "shipper": SHIPPER,
                    "recipient": RECIPIENT,
                    "parcels": [{"weight": w, "reference": "P"} for w in weights],
                }

            def one_by_one():
                for _i in range(count):
                    client.create_labels(shipment([1.0]))

            def multi():
                for _i in range(count // 3):
                    client.create_labels(shipment([1.0, 2.0, 0.5]))

            client.request_count = 0
            base_seconds = _timed(one_by_one)
            base_requests = client.request_count
            client.request_count = 0
            multi_seconds = _timed(multi)
            multi_requests = client.request_count
            rows += [
                ("Chronopost one parcel per request: requests/parcel", base_requests / count),
                ("  ms/parcel", round(1000 * base_seconds / count, 2)),
                (
                    "Chronopost 3 parcels per request: requests/parcel",
                    round(multi_requests / count, 3),
                ),
                ("  ms/parcel", round(1000 * multi_seconds / count, 2)),
                ("  time ratio multi / one by one", round(multi_seconds / base_seconds, 2)),
            ]
        with MondialRelayServer() as server:
            client = MondialRelayClient(
                server.enseigne,
                server.private_key,
                base_url=server.url + "/Web_Services.asmx",
                label_base_url=server.url,
            )
            seconds = _timed(
                lambda: [
                    client.create_label(
                        {
                            "mode": "HOM",
                            "reference": "BENCH",
                            "weight_grams": 1200,
                            "shipper": SHIPPER,
                            "recipient": RECIPIENT,
                        }
                    )
                    for _i in range(count)
                ]
            )
            rows += [
                ("Mondial Relay: requests/parcel (label + PDF)", client.request_count / count),
                ("  ms/parcel", round(1000 * seconds / count, 2)),
            ]
        with DpdServer() as server:
            client = DpdClient(
                server.userid,
                server.password,
                "250",
                server.centernumber,
                server.customer,
                base_url=server.url + "/eprintwebservice/eprintwebservice.asmx",
            )
            seconds = _timed(
                lambda: [
                    client.create_label(
                        {
                            "product": "DPD_Predict",
                            "reference": "BENCH",
                            "weight": 1.2,
                            "shipper": SHIPPER,
                            "recipient": RECIPIENT,
                        }
                    )
                    for _i in range(count)
                ]
            )
            rows += [
                ("DPD France: requests/parcel", client.request_count / count),
                ("  ms/parcel", round(1000 * seconds / count, 2)),
            ]
        report(f"SOAP labels, {count} parcels per carrier (local servers)", rows)


if __name__ == "__main__":
    main()
