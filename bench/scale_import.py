# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import throughput with one and two job workers: a real Odoo server (two
HTTP workers, queue_job's runner) polls N WooCommerce orders (default 5,000)
from the local server, then processes them with ``root.ecom`` at 1 and at 2
concurrent jobs; a run of ``--baseline`` orders (default 500) with 2 is the
baseline of the cost per order.  Prints wall times, orders per second, the
2 / 1 throughput ratio (goal >= 1.7) and the N / baseline time ratio (goal
<= 1.05 x N / baseline: 10.5 for 5,000 / 500).  Times are printed, never
asserted; each run's data stays in a company of its own (no fault
injected, stock not sent)."""

import time

from common import harness_registry, parse_args, report

CHANNELS = "root:3,root.ecom:{jobs},root.ecom.out:1,root.ecom.stock:1,root.carrier:1"


def _extra(parser):
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--timeout", type=int, default=7200, help="seconds per run")


def import_run(registry, args, orders, jobs):
    """Import ``orders`` orders with ``jobs`` concurrent import jobs;
    returns ``(wall seconds, processing seconds)``: from queueing the poll
    to the last order, and from the first processing job's start to the
    last one's end."""
    from odoo.addons.ecom_connector.tests.real_server import RealServer
    from odoo.addons.ecom_connector.tests.servers.woocommerce_out import WooCommerceOutServer

    from tests.fault_run import FaultRun, fault_order

    run = FaultRun(registry, args.config, orders=orders, fault_rate=0, timeout=args.timeout)
    shop = WooCommerceOutServer(
        [fault_order(index) for index in range(orders)], products=run.shop_products()
    )
    with shop:
        run.setup(shop.url, "http://127.0.0.1:9")
        server = RealServer(registry.db_name, args.config, channels=CHANNELS.format(jobs=jobs))
        try:
            with registry.cursor() as cr:
                backend = run.env(cr)["ecom.backend"].browse(run.ids["backend"])
                backend.stock_export = False
                cr.commit()  # pylint: disable=invalid-commit
            server.start()
            started = time.monotonic()
            with registry.cursor() as cr:
                run.env(cr)["ecom.backend"].browse(run.ids["backend"])._delay_import()
                cr.commit()  # pylint: disable=invalid-commit
            run.wait(
                "the import",
                "SELECT (SELECT count(*) FROM ecom_sale_order WHERE backend_id = %(backend)s)"
                " >= %(count)s",
            )
            wall = time.monotonic() - started
        finally:
            server.stop()
            run.restore()
    processing = run.query(
        "SELECT EXTRACT(EPOCH FROM max(date_done) - min(date_started)) FROM queue_job"
        " WHERE model_name = 'ecom.inbox' AND method_name = '_process' AND date_created >="
        " (SELECT create_date FROM ecom_backend WHERE id = %(backend)s)"
    )[0]
    if run.problems:
        print("\n".join(run.problems))  # noqa: T201
    return wall, float(processing or 0)


def main():
    args = parse_args(__doc__.splitlines()[0], _extra)
    registry = harness_registry(args)
    rows, results = [], {}
    for orders, jobs in ((args.baseline, 2), (args.orders, 1), (args.orders, 2)):
        wall, processing = import_run(registry, args, orders, jobs)
        results[orders, jobs] = processing
        rows.append(
            (
                f"{orders} orders, {jobs} job worker(s)",
                f"wall {wall:.0f} s, processing {processing:.0f} s "
                f"({orders / processing if processing else 0:.1f} orders/s)",
            )
        )
        print(rows[-1])  # noqa: T201
    one, two = results[args.orders, 1], results[args.orders, 2]
    base = results[args.baseline, 2]
    rows += [
        ("throughput 2 / 1 job workers (goal >= 1.7)", f"{one / two:.2f}" if two else "-"),
        (
            f"time {args.orders} / {args.baseline} orders, 2 workers "
            f"(goal <= {1.05 * args.orders / args.baseline:.1f})",
            f"{two / base:.2f}" if base else "-",
        ),
    ]
    report("Import throughput", rows)


if __name__ == "__main__":
    main()
