# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_carrier: polling open shipments against the local La Poste Suivi v2
server.

Creates N delivery orders (one Colissimo parcel each, default 5,000) and
runs the tracking job body (``delivery.carrier._ecom_poll_tracking``, chunks
of 100 parcels as the cron queues them) twice: first pass with two new
events per parcel, second pass with nothing new.  Baseline in the same run:
the first 500 parcels polled one number per request.  Prints requests sent
(goal: N / 10), wall time and SQL queries per shipment at 500 and N
shipments (goal: the same).  Everything is rolled back.
"""

from unittest.mock import patch

from common import Measure, odoo_env, parse_args, report


def _extra(parser):
    parser.add_argument("--shipments", type=int, default=5000)
    parser.add_argument("--chunk", type=int, default=100)


def _setup(env, count, server_url):
    company = env.company
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    product = env["product.product"].create({"name": "Bench delivery", "type": "service"})
    carrier = env["delivery.carrier"].create(
        {
            "name": "Colissimo bench",
            "delivery_type": "colissimo",
            "product_id": product.id,
            "company_id": company.id,
            "ecom_tracking_api_key": "a" * 64,
            "ecom_tracking_url": server_url + "/suivi/v2",
        }
    )
    partner = env["res.partner"].create({"name": "Bench customer", "zip": "75001"})
    picking_type = warehouse.out_type_id
    pickings = env["stock.picking"].create(
        [
            {
                "picking_type_id": picking_type.id,
                "partner_id": partner.id,
                "carrier_id": carrier.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
            }
            for _i in range(count)
        ]
    )
    parcels = env["ecom.carrier.parcel"].create(
        [
            {
                "picking_id": picking.id,
                "carrier_id": carrier.id,
                "tracking_number": f"6A{index:011d}",
            }
            for index, picking in enumerate(pickings, 1)
        ]
    )
    env.flush_all()
    return carrier, parcels


def _poll(carrier, parcels, chunk):
    for start in range(0, len(parcels), chunk):
        carrier._ecom_poll_tracking(parcels[start : start + chunk])


def main():
    args = parse_args(__doc__, _extra)
    with odoo_env(args, {"tracking_disable": True}) as env:
        from odoo.addons.ecom_carrier.models.delivery_carrier_colissimo import (
            DeliveryCarrier,
        )
        from odoo.addons.ecom_carrier.tests.servers.laposte import LaPosteServer

        with LaPosteServer() as server:
            carrier, parcels = _setup(env, args.shipments, server.url)
            for parcel in parcels:
                server.add_event(parcel.tracking_number, "PC1", "2026-11-20T18:00:00+01:00")
                server.add_event(parcel.tracking_number, "ET1", "2026-11-21T03:00:00+01:00")
            small = parcels[:500]

            # baseline: one number per request (what a naive poller does)
            with patch.object(
                DeliveryCarrier, "colissimo_ecom_tracking_batch_size", lambda self: 1
            ):
                before = len(server.requests)
                with Measure(env) as baseline:
                    _poll(carrier, small, args.chunk)
                baseline_requests = len(server.requests) - before
            small.write({"tracking_state": "label_created"})
            small.event_ids.unlink()
            small.picking_id.write({"ecom_tracking_state": False})
            env.flush_all()

            before = len(server.requests)
            with Measure(env) as first_small:
                _poll(carrier, small, args.chunk)
            small_requests = len(server.requests) - before
            before = len(server.requests)
            with Measure(env) as first_all:
                _poll(carrier, parcels - small, args.chunk)
            all_requests = small_requests + len(server.requests) - before
            before = len(server.requests)
            with Measure(env) as second:
                _poll(carrier, parcels, args.chunk)
            second_requests = len(server.requests) - before
            states = set(parcels.mapped("tracking_state"))
            events = env["ecom.carrier.parcel.event"].search_count(
                [("parcel_id", "in", parcels.ids)]
            )

        n = len(parcels)
        rest = n - len(small)
        first_seconds = first_small.seconds + first_all.seconds
        report(
            f"La Poste Suivi v2 polling, {n} open shipments (chunks of {args.chunk})",
            [
                ("requests, first pass (goal N/10)", f"{all_requests} (goal {n // 10})"),
                ("requests, second pass", second_requests),
                ("wall time, first pass", f"{first_seconds:.1f} s"),
                ("wall time, second pass (no new event)", f"{second.seconds:.1f} s"),
                ("shipments per second, first pass", f"{n / first_seconds:.0f}"),
                (
                    "SQL queries per shipment, first 500",
                    f"{first_small.queries / len(small):.2f}",
                ),
                (
                    f"SQL queries per shipment, next {rest}",
                    f"{first_all.queries / max(rest, 1):.2f}",
                ),
                ("SQL queries per shipment, second pass", f"{second.queries / n:.2f}"),
                ("states after polling", ", ".join(sorted(states))),
                ("events stored", events),
            ],
        )
        report(
            "Baseline: 500 shipments, one number per request",
            [
                ("requests", baseline_requests),
                ("wall time", f"{baseline.seconds:.2f} s"),
                ("SQL queries per shipment", f"{baseline.queries / len(small):.2f}"),
                (
                    "time ratio batched / baseline (500)",
                    f"{first_small.seconds / baseline.seconds:.2f}",
                ),
                (
                    "request ratio batched / baseline (500)",
                    f"{small_requests / baseline_requests:.2f}",
                ),
            ],
        )


if __name__ == "__main__":
    main()
