# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_dropship: import of a supplier CSV feed, wall time and SQL queries
per 1,000 lines for a 1,000-line feed (baseline) and a 20,000-line one.

    .venv/bin/python bench/bench_ecom_dropship_feed.py --database ecom_test_dropship

The goal is a constant cost per line: one search prefetches the vendor
prices, the writes are flushed in batches.  Everything is rolled back.
"""

import base64
import random

from common import Measure, odoo_env, parse_args, report


def _create_catalog(env, supplier, size):
    products = env["product.product"]
    for start in range(0, size, 1000):
        products |= products.create(
            [
                {
                    "name": f"Bench product {i}",
                    "type": "consu",
                    "is_storable": True,
                    "barcode": f"376{i:010d}" if i % 2 else False,
                    "seller_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": supplier.id,
                                "product_code": f"REF-{i:06d}",
                                "price": 10.0,
                            },
                        )
                    ],
                }
                for i in range(start, min(size, start + 1000))
            ]
        )
    return products


def _feed_csv(size, seed):
    rng = random.Random(seed)
    lines = ["reference;ean;price;stock"]
    for i in range(size):
        if i % 2:
            # half of the lines come by EAN only
            lines.append(f";376{i:010d};{rng.uniform(5, 50):.2f};{rng.randint(0, 40)}")
        else:
            lines.append(f"REF-{i:06d};;{rng.uniform(5, 50):.2f};{rng.randint(0, 40)}")
    return "\n".join(lines).encode()


def _run(env, feed, payload):
    feed.feed_file = base64.b64encode(payload)
    env.flush_all()
    with Measure(env) as measure:
        run = feed._run_feed()
    assert run.state == "done", run.error_message
    return measure, run


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args, context={"tracking_disable": True}) as env:
        size = 20000
        supplier = env["res.partner"].create({"name": "Bench supplier", "is_company": True})
        _create_catalog(env, supplier, size)
        feed = env["ecom.supplier.feed"].create(
            {"name": "Bench feed", "partner_id": supplier.id, "full_feed": False}
        )
        rows = []
        baseline = None
        for lines, seed in ((1000, 1), (20000, 2), (20000, 3)):
            measure, run = _run(env, feed, _feed_csv(lines, seed))
            per_k_seconds = measure.seconds / lines * 1000
            per_k_queries = measure.queries / lines * 1000
            if baseline is None:
                baseline = (per_k_seconds, per_k_queries)
            rows.append(
                (
                    f"{lines:>6} lines (updated {run.lines_updated})",
                    (
                        f"{measure.seconds:7.2f} s, {measure.queries:6d} queries; per 1,000 lines "
                        f"{per_k_seconds:5.2f} s ({per_k_seconds / baseline[0]:4.2f}x), "
                        f"{per_k_queries:6.1f} queries ({per_k_queries / baseline[1]:4.2f}x)"
                    ),
                )
            )
        report("Supplier feed import (ratios against the 1,000-line feed)", rows)


if __name__ == "__main__":
    main()
