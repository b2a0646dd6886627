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
injected, stock not sent, core's automatic batches off unless
``--auto-batch``).  While the jobs run, PostgreSQL is sampled: what the
database's active connections wait on, who blocks whom, and the processing
jobs postponed by a retryable error (lock contention)."""

import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

from common import harness_registry, parse_args, report

CHANNELS = "root:3,root.ecom:{jobs},root.ecom.out:1,root.ecom.stock:1,root.carrier:1"


def _extra(parser):
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--timeout", type=int, default=7200, help="seconds per run")
    parser.add_argument(
        "--auto-batch",
        action="store_true",
        help="keep core's automatic batches of the deliveries (one per customer)",
    )
    parser.add_argument("--sample", type=float, default=0.5, help="seconds between samples")
    parser.add_argument(
        "--skip-one-worker",
        action="store_true",
        help="only the runs with 2 job workers (the N / baseline cost; no 2 / 1 ratio)",
    )
    parser.add_argument(
        "--variants",
        type=int,
        help="variants of each product (the fault run's 40 by default): 1 sells the same "
        "stock in every order, as a bestseller does",
    )


class Sampler(threading.Thread):
    """Samples ``pg_stat_activity`` of ``dbname`` every ``interval`` seconds
    on a connection of its own: the wait events of the active connections,
    the blocked queries with their blockers' (``pg_blocking_pids``), and
    the ``ecom.inbox`` jobs put back to pending with a reason (a retryable
    error: a lock another job held)."""

    def __init__(self, dbname, interval):
        super().__init__(daemon=True)
        self.dbname = dbname
        self.interval = interval
        self.samples = 0
        self.waits = Counter()
        self.blocked = Counter()
        self.postponed = {}
        self.running = Counter()
        self._halt = threading.Event()

    def run(self):
        import psycopg2

        from odoo.sql_db import connection_info_for

        connection = psycopg2.connect(**connection_info_for(self.dbname)[1])
        connection.autocommit = True
        try:
            with connection.cursor() as cr:
                while not self._halt.wait(self.interval):
                    self._sample(cr)
        finally:
            connection.close()

    def _sample(self, cr):
        cr.execute(
            "SELECT a.wait_event_type, a.wait_event, left(a.query, 100),"
            " (SELECT left(b.query, 100) FROM pg_stat_activity b"
            "  WHERE b.pid = (pg_blocking_pids(a.pid))[1])"
            " FROM pg_stat_activity a WHERE a.datname = %s AND a.state = 'active'"
            " AND a.pid <> pg_backend_pid()",
            (self.dbname,),
        )
        self.samples += 1
        for wait_type, wait_event, query, blocker in cr.fetchall():
            self.waits[f"{wait_type or 'CPU'}:{wait_event or '-'}"] += 1
            if blocker:
                self.blocked[(" ".join(query.split()), " ".join(blocker.split()))] += 1
        cr.execute(
            "SELECT uuid, left(result, 80) FROM queue_job WHERE state = 'pending'"
            " AND result IS NOT NULL AND model_name = 'ecom.inbox'"
        )
        self.postponed.update(dict(cr.fetchall()))
        cr.execute(
            "SELECT count(*) FROM queue_job WHERE state = 'started' AND model_name = 'ecom.inbox'"
        )
        self.running[cr.fetchone()[0]] += 1

    def stop(self):
        self._halt.set()
        self.join(timeout=30)

    def figures(self):
        """``(label, value)`` rows of what was seen."""
        reasons = Counter(result.split(":")[0] for result in self.postponed.values())
        rows = [
            ("samples of the active connections", self.samples),
            ("their wait events (CPU: none)", dict(self.waits.most_common(8)) or "-"),
            ("blocked queries (waiter <- blocker)", sum(self.blocked.values())),
        ]
        rows += [(f"  {n} x {w[:60]}", f"<- {b[:60]}") for (w, b), n in self.blocked.most_common(5)]
        rows += [
            ("processing jobs postponed", dict(reasons) or 0),
            ("samples by processing jobs running", dict(sorted(self.running.items()))),
        ]
        return rows


def _spin(loops):
    """CPU only: ``loops`` multiplications; returns the CPU seconds used."""
    started = time.process_time()
    total = 0
    for number in range(loops):
        total += number * number
    return time.process_time() - started


def machine_ratio(loops=10_000_000, rounds=3):
    """The 2 / 1 throughput ratio that the machine gives right now to a
    loop that only computes (``rounds`` alternations of one and two
    processes): the ceiling of the job workers' ratio, 2.0 on two idle
    cores, lower when other processes load the machine."""
    seconds = {1: 0.0, 2: 0.0}
    for _round in range(rounds):
        for processes in (1, 2):
            with ProcessPoolExecutor(processes) as pool:
                started = time.monotonic()
                list(pool.map(_spin, [loops] * processes))
                seconds[processes] += time.monotonic() - started
    return 2 * seconds[1] / seconds[2]


def import_run(registry, args, orders, jobs):
    """Import ``orders`` orders with ``jobs`` concurrent import jobs;
    returns ``(wall seconds, processing seconds, sampler)``: from queueing
    the poll to the last order, from the first processing job's start to
    the last one's end, and what PostgreSQL was seen doing meanwhile."""
    from odoo.addons.ecom_connector.tests.real_server import RealServer
    from odoo.addons.ecom_connector.tests.servers.woocommerce_out import WooCommerceOutServer

    from tests import fault_run
    from tests.fault_run import FaultRun, fault_order

    if args.variants:
        # read by fault_order() and FaultRun.catalogue() when called
        fault_run.VARIANTS = args.variants

    run = FaultRun(registry, args.config, orders=orders, fault_rate=0, timeout=args.timeout)
    shop = WooCommerceOutServer(
        [fault_order(index) for index in range(orders)], products=run.shop_products()
    )
    with shop:
        run.setup(shop.url, "http://127.0.0.1:9")
        server = RealServer(registry.db_name, args.config, channels=CHANNELS.format(jobs=jobs))
        sampler = Sampler(registry.db_name, args.sample)
        try:
            with registry.cursor() as cr:
                backend = run.env(cr)["ecom.backend"].browse(run.ids["backend"])
                backend.stock_export = False
                # stock_picking_batch puts each new warehouse's deliveries in
                # one batch per customer; the suite batches by day instead
                # (ecom_picking_control) and its tests switch it off; adding
                # a delivery costs in proportion to the open deliveries of
                # its customer and its company (bench/README.md)
                backend.warehouse_id.out_type_id.auto_batch = args.auto_batch
                cr.commit()  # pylint: disable=invalid-commit
            server.start()
            sampler.start()
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
            if sampler.is_alive():
                sampler.stop()
            server.stop()
            run.restore()
    processing = run.query(
        "SELECT EXTRACT(EPOCH FROM max(date_done) - min(date_started)) FROM queue_job"
        " WHERE model_name = 'ecom.inbox' AND method_name = '_process' AND date_created >="
        " (SELECT create_date FROM ecom_backend WHERE id = %(backend)s)"
    )[0]
    if run.problems:
        print("\n".join(run.problems))  # noqa: T201
    return wall, float(processing or 0), sampler


def main():
    args = parse_args(__doc__.splitlines()[0], _extra)
    registry = harness_registry(args)
    rows, results, ceilings = [], {}, [machine_ratio()]
    runs = ((args.baseline, 2), (args.orders, 1), (args.orders, 2))
    if args.skip_one_worker:
        runs = ((args.baseline, 2), (args.orders, 2))
    for orders, jobs in runs:
        wall, processing, sampler = import_run(registry, args, orders, jobs)
        results[orders, jobs] = processing
        rows.append(
            (
                f"{orders} orders, {jobs} job worker(s)",
                f"wall {wall:.0f} s, processing {processing:.0f} s "
                f"({orders / processing if processing else 0:.2f} orders/s)",
            )
        )
        print(rows[-1])  # noqa: T201
        report(f"PostgreSQL during {orders} orders, {jobs} job worker(s)", sampler.figures())
    ceilings.append(machine_ratio())
    one, two = results.get((args.orders, 1)), results[args.orders, 2]
    base = results[args.baseline, 2]
    rows += [
        ("throughput 2 / 1 job workers (goal >= 1.7)", f"{one / two:.2f}" if one and two else "-"),
        (
            "the machine's 2 / 1 for a CPU loop, before / after (ceiling)",
            " / ".join(f"{ceiling:.2f}" for ceiling in ceilings),
        ),
        (
            f"time {args.orders} / {args.baseline} orders, 2 workers "
            f"(goal <= {1.05 * args.orders / args.baseline:.1f})",
            f"{two / base:.2f}" if base else "-",
        ),
    ]
    report("Import throughput", rows)


if __name__ == "__main__":
    main()
