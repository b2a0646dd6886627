# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_picking_control: server time and SQL queries per scan at the packing
station, on a 50-line transfer (baseline) and a 500-line one.

    .venv/bin/python bench/bench_ecom_picking_control.py --database ecom_t_pick

500 scans on each (10 units on each of the 50 lines, 1 unit on each of the
500 lines), interleaved so both see the same machine load, through the
station's method (lock, barcode resolution, move update, audit row, JSON
state), as the packer's RPC does, with the ORM caches emptied before each
scan like a new request.  The goal is the same cost per scan
whatever the transfer's length: p95 <= 30 ms on 2 cores and a constant
number of queries.  Everything is rolled back.
"""

import statistics

from common import Measure, odoo_env, parse_args, report


def _transfer(env, ptype, products, tag, demand=2):
    stock = ptype.default_location_src_id
    customers = env.ref("stock.stock_location_customers")
    picking = env["stock.picking"].create(
        {
            "picking_type_id": ptype.id,
            "location_id": stock.id,
            "location_dest_id": customers.id,
            "origin": f"BENCH-{tag}",
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": demand,
                        "product_uom": product.uom_id.id,
                        "location_id": stock.id,
                        "location_dest_id": customers.id,
                    },
                )
                for product in products
            ],
        }
    )
    picking.action_confirm()
    return picking


def _scan(env, station, picking, product):
    # each scan is its own RPC request: start from empty caches
    env.invalidate_all()
    with Measure(env) as measure:
        state = station.ecom_scan(picking.id, product.barcode)
    assert state["message"]["type"] == "success", state["message"]
    return measure.seconds * 1000, measure.queries


def _p95(values):
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args, context={"tracking_disable": True}) as env:
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        warehouse.action_ecom_enable_packing_control()
        ptype = warehouse.out_type_id
        products = env["product.product"].create(
            [
                {
                    "name": f"Bench scan {i}",
                    "type": "consu",
                    "is_storable": True,
                    "barcode": f"BENCH-SCAN-{i:05d}",
                    "weight": 0.1,
                }
                for i in range(550)
            ]
        )
        station = env["ecom.packing.station"].create({"name": "Bench station"})
        # 500 scans on each transfer, interleaved so that both see the same
        # machine load: 10 units on each of 50 lines, 1 unit on each of 500
        small = _transfer(env, ptype, products[:50], "50", demand=10)
        large = _transfer(env, ptype, products[50:550], "500")
        env.flush_all()
        # warm the caches and the query plans on a throw-away transfer
        warm = _transfer(env, ptype, products[:10], "warm")
        for product in products[:10]:
            _scan(env, station, warm, product)
        measured = {"50 lines": ([], []), "500 lines": ([], [])}
        for i in range(500):
            for label, picking, product in (
                ("50 lines", small, products[i % 50]),
                ("500 lines", large, products[50 + i]),
            ):
                ms, queries = _scan(env, station, picking, product)
                measured[label][0].append(ms)
                measured[label][1].append(queries)
        rows = []
        figures = {}
        for label, (times, queries) in measured.items():
            figures[label] = (statistics.median(times), _p95(times), statistics.mean(queries))
            rows += [
                (f"{label}: scans", len(times)),
                (f"{label}: median ms/scan", f"{statistics.median(times):.1f}"),
                (f"{label}: p95 ms/scan", f"{_p95(times):.1f}"),
                (f"{label}: max ms/scan", f"{max(times):.1f}"),
                (f"{label}: SQL queries/scan (min-max)", f"{min(queries)}-{max(queries)}"),
            ]
        base, big = figures["50 lines"], figures["500 lines"]
        rows += [
            ("ratio 500/50 median", f"{big[0] / base[0]:.2f}"),
            ("ratio 500/50 p95", f"{big[1] / base[1]:.2f}"),
            ("ratio 500/50 queries", f"{big[2] / base[2]:.2f}"),
        ]
        report("Packing station: one scan (ecom.packing.station.ecom_scan)", rows)


if __name__ == "__main__":
    main()
