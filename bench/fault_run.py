# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fault run on N orders (default 500): a real Odoo server (two HTTP
workers, queue_job's runner on the suite's channels), the local WooCommerce
and La Poste servers answering 10 % of the requests with a fault (5xx, 429,
time-outs, truncated bodies, resets), webhooks and a poll racing, then every
delivery shipped and tracked until delivered (``tests/fault_run.py``).

Prints the figures and every broken promise (orders imported twice or half,
customers duplicated, trackings, statuses or stock updates sent twice or
never, jobs failed without a reason shown).  Times are printed, never
asserted.  The data stays in a company of its own in the database."""

from common import harness_registry, parse_args, report


def _extra(parser):
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--rate", type=float, default=0.10, help="share of faulty answers")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per phase")


def main():
    args = parse_args(__doc__.splitlines()[0], _extra)
    registry = harness_registry(args)
    from tests.fault_run import SEED, FaultRun

    run = FaultRun(
        registry,
        args.config,
        orders=args.orders,
        fault_rate=args.rate,
        seed=SEED if args.seed is None else args.seed,
        timeout=args.timeout,
    )
    figures, problems = run.run()
    report(f"Fault run: {args.orders} orders, {args.rate:.0%} faults", figures)
    report("Broken promises", [(str(n), p) for n, p in enumerate(problems, 1)] or [("", "none")])


if __name__ == "__main__":
    main()
