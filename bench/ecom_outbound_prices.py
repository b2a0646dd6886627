# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Prices out to the local Magento 2 and PrestaShop servers.

- Magento 2 (``POST /V1/products/base-prices``, 100 rows a request): full
  run of N products (default 10,000) against 1,000 in the same run
  (baseline): wall time, requests, SQL queries per 1,000 products (goal:
  constant in N).
- PrestaShop (a GET and a full-XML PUT per product, no batch endpoint): the
  same with M products (default 1,000) against 100.
- Delta run after 10 prices changed: requests per platform (Magento goal: 1;
  PrestaShop: 2 per changed product).

Nothing is asserted; everything is rolled back."""

from common import Measure, odoo_env, parse_args, report
from servers.magento2 import ACCESS_TOKEN as MAGENTO_TOKEN
from servers.magento2_out import Magento2OutServer
from servers.prestashop import WS_KEY
from servers.prestashop_out import PrestaShopOutServer


def extra(parser):
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--presta-products", type=int, default=1000)


def make_backend(env, name, platform, server, products, warehouse):
    backend = env["ecom.backend"].create(
        {
            "name": name,
            "platform": platform,
            "base_url": server.url,
            "warehouse_id": warehouse.id,
            "company_id": warehouse.company_id.id,
            "api_key": MAGENTO_TOKEN if platform == "magento2" else WS_KEY,
            "stock_export": False,
            "price_export": True,
        }
    )
    env["ecom.product.binding"].create(
        [
            {
                "backend_id": backend.id,
                "product_id": product.id,
                "sku": product.default_code,
                "external_id": str(index),
            }
            for index, product in enumerate(products, start=1)
        ]
    )
    return backend


def measure_full(env, platform, server, products, base_count, warehouse):
    """Rows of a full run of ``base_count`` then of every product."""
    figures = {}
    for count in (base_count, len(products)):
        backend = make_backend(
            env, f"{platform} {count}", platform, server, products[:count], warehouse
        )
        server.requests.clear()
        with Measure(env) as measure:
            result = backend._export_prices(full=True)
        figures[count] = (measure, len(server.requests), result, backend)
    base, big = figures[base_count][0], figures[len(products)][0]
    per_base = base.queries / (base_count / 1000)
    per_big = big.queries / (len(products) / 1000)
    count = len(products)
    rows = [
        (f"{platform}: full run of {count}, wall time", f"{big.seconds:.2f} s"),
        (f"{platform}: full run of {count}, requests", str(figures[count][1])),
        (f"{platform}: SQL queries per 1,000 products at {base_count}", f"{per_base:.0f}"),
        (f"{platform}: SQL queries per 1,000 products at {count}", f"{per_big:.0f}"),
        (f"{platform}: ratio (goal 1.0)", f"{per_big / per_base:.2f}"),
        (f"{platform}: result", figures[count][2]),
    ]
    return rows, figures[count][3]


def main():
    args = parse_args(__doc__, extra)
    count, presta_count = args.products, args.presta_products
    with odoo_env(args, {"tracking_disable": True}) as env:
        env.cr.execute("SET LOCAL synchronous_commit TO OFF")
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        products = env["product.product"].create(
            [
                {
                    "name": f"Produit {i}",
                    "default_code": f"PRIX-{i:05d}",
                    "list_price": 10 + i % 90,
                    "taxes_id": [],
                }
                for i in range(1, max(count, presta_count) + 1)
            ]
        )
        env.flush_all()
        rows = []
        magento_products = {
            p.default_code: {"id": i, "sku": p.default_code, "qty": 0}
            for i, p in enumerate(products[:count], start=1)
        }
        with Magento2OutServer(products=magento_products) as magento, PrestaShopOutServer() as ps:
            for index in range(1, presta_count + 1):
                ps.add_product(index, f"PRIX-{index:05d}", price="1.000000")
            magento_rows, magento_backend = measure_full(
                env, "magento2", magento, products[:count], 1000, warehouse
            )
            presta_rows, presta_backend = measure_full(
                env, "prestashop", ps, products[:presta_count], 100, warehouse
            )
            rows += magento_rows + presta_rows
            for product in products[:10]:
                product.list_price += 1
            for platform, server, backend in (
                ("magento2", magento, magento_backend),
                ("prestashop", ps, presta_backend),
            ):
                server.requests.clear()
                with Measure(env) as measure:
                    backend._export_prices()
                rows.append(
                    (
                        f"{platform}: delta run after 10 changes, requests",
                        f"{len(server.requests)} in {measure.seconds:.2f} s",
                    )
                )
        report(f"Prices out, {count} Magento / {presta_count} PrestaShop products", rows)


if __name__ == "__main__":
    main()
