# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cost of one order's processing job, counted rather than timed: the SQL
queries, Python function calls and CPU seconds of ``ecom.inbox._process``
for ``--orders`` new orders of one customer, on the shop left by the last
``scale_import.py`` run (run it first), with core's automatic batches of
deliveries off and then on.  Everything is rolled back.  Prints the mean
per group of orders: a flat column is a cost that does not grow with the
number of orders; the counts do not depend on the machine's load."""

import cProfile
import json
import pstats
import statistics
import time

from common import Measure, odoo_env, parse_args, report

GROUPS = 4


def _extra(parser):
    parser.add_argument("--orders", type=int, default=40)


def order_costs(args, auto_batch):
    """``[(queries, calls, cpu seconds)]`` of each order, in order."""
    with odoo_env(args) as env:
        backend = env["ecom.backend"].search(
            [("name", "like", "WooCommerce en panne")], order="id desc", limit=1
        )
        if not backend:
            raise SystemExit("no shop of a scale_import.py run in this database: run it first")
        # as the job runs: no tracking_disable, the shop's company
        env = env(context={"allowed_company_ids": backend.company_id.ids})
        backend = backend.with_env(env)
        backend.warehouse_id.out_type_id.auto_batch = auto_batch
        entries = env["ecom.inbox"].search(
            [("backend_id", "=", backend.id), ("source", "=", "poll")], order="id"
        )
        payloads = [json.loads(entry.payload) for entry in entries]
        email = payloads[0]["billing"]["email"]
        payloads = [payload for payload in payloads if payload["billing"]["email"] == email]
        costs = []
        for index in range(args.orders):
            payload = dict(payloads[index % len(payloads)])
            payload["id"] = payload["number"] = 9_000_000 + index
            entry = env["ecom.inbox"]._receive(
                backend,
                json.dumps(payload),
                source="poll",
                external_id=str(payload["id"]),
                process=False,
            )
            # a job starts with empty caches
            env.flush_all()
            env.invalidate_all()
            profile = cProfile.Profile()
            started = time.process_time()
            with Measure(env) as measure:
                profile.enable()
                entry._process()
                profile.disable()
            cpu = time.process_time() - started
            if entry.state != "done":
                raise SystemExit(f"order {payload['id']}: {entry.state} {entry.error}")
            costs.append((measure.queries, pstats.Stats(profile).total_calls, cpu))
    return costs


def main():
    args = parse_args(__doc__.splitlines()[0], _extra)
    size = max(1, args.orders // GROUPS)
    for auto_batch in (False, True):
        # the first order warms the caches of the process up: left out
        costs = order_costs(args, auto_batch)[1:]
        rows = []
        for start in range(0, len(costs), size):
            group = costs[start : start + size]
            queries, calls, cpu = (statistics.mean(cost[k] for cost in group) for k in range(3))
            rows.append(
                (
                    f"orders {start + 2}-{start + len(group) + 1}",
                    f"{queries:.0f} queries, {calls:,.0f} calls, {cpu:.2f} s CPU",
                )
            )
        report(
            f"One customer's orders, core's automatic batches {'on' if auto_batch else 'off'}", rows
        )


if __name__ == "__main__":
    main()
