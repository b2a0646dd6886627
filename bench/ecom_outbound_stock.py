# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sellable stock out to the local WooCommerce and Shopify servers.

- Full resync of N products (default 10,000; goal < 15 s on 2 cores):
  wall time, requests sent, SQL queries per 1,000 products, against a
  1,000-product resync in the same run (baseline; goal: queries per 1,000
  constant in N).
- Delta run after 10 products changed: requests sent (goal: 1 per platform).
- Burst of 1,000 stock moves: stock jobs created (goal: 1 per backend).

Nothing is asserted; everything is rolled back."""

from common import Measure, odoo_env, parse_args, report
from servers.shopify import ACCESS_TOKEN
from servers.shopify_out import ShopifyOutServer, shopify_variants
from servers.woocommerce import CONSUMER_KEY, CONSUMER_SECRET
from servers.woocommerce_out import WooCommerceOutServer, woo_products


def extra(parser):
    parser.add_argument("--products", type=int, default=10000)


def make_backend(env, name, platform, server, products, warehouse):
    vals = {
        "name": name,
        "platform": platform,
        "base_url": server.url,
        "warehouse_id": warehouse.id,
        "company_id": warehouse.company_id.id,
        "stock_export_delay": 60,
    }
    if platform == "woocommerce":
        vals.update(api_key=CONSUMER_KEY, api_secret=CONSUMER_SECRET)
    else:
        vals.update(api_key=ACCESS_TOKEN, shopify_location_id="gid://shopify/Location/1")
    backend = env["ecom.backend"].create(vals)
    env["ecom.product.binding"].create(
        [
            {
                "backend_id": backend.id,
                "product_id": product.id,
                "sku": product.default_code,
                "external_id": str(10000 + index if platform == "woocommerce" else index),
                "inventory_item_id": f"gid://shopify/InventoryItem/{index}"
                if platform == "shopify"
                else False,
            }
            for index, product in enumerate(products, start=1)
        ]
    )
    return backend


def main():
    args = parse_args(__doc__, extra)
    count = args.products
    with odoo_env(args, {"tracking_disable": True}) as env:
        env.cr.execute("SET LOCAL synchronous_commit TO OFF")
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        products = env["product.product"].create(
            [
                {"name": f"Produit {i}", "default_code": f"SKU-{i:05d}", "is_storable": True}
                for i in range(1, count + 1)
            ]
        )
        for index, product in enumerate(products):
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 1 + index % 50
            )
        env.flush_all()
        rows = []
        with (
            WooCommerceOutServer(products=woo_products(count)) as woo,
            ShopifyOutServer(variants=shopify_variants(count)) as shop,
        ):
            backends = {}
            for platform, server in (("woocommerce", woo), ("shopify", shop)):
                small = make_backend(
                    env, f"{platform} 1k", platform, server, products[:1000], warehouse
                )
                large = make_backend(
                    env, f"{platform} {count}", platform, server, products, warehouse
                )
                backends[platform] = large
                figures = {}
                for label, backend in (("1000", small), (str(count), large)):
                    server.requests.clear()
                    with Measure(env) as measure:
                        result = backend._export_stock(full=True)
                    figures[label] = (measure, len(server.requests), result)
                base, big = figures["1000"][0], figures[str(count)][0]
                per_base = base.queries / 1.0
                per_big = big.queries / (count / 1000)
                rows += [
                    (f"{platform}: full resync of {count}, wall time", f"{big.seconds:.2f} s"),
                    (
                        f"{platform}: full resync of {count}, requests",
                        str(figures[str(count)][1]),
                    ),
                    (f"{platform}: SQL queries per 1,000 products at 1,000", f"{per_base:.0f}"),
                    (f"{platform}: SQL queries per 1,000 products at {count}", f"{per_big:.0f}"),
                    (f"{platform}: ratio (goal 1.0)", f"{per_big / per_base:.2f}"),
                    (f"{platform}: result", figures[str(count)][2]),
                ]
            # delta: 10 products change
            for product in products[:10]:
                env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 7)
            for platform, server in (("woocommerce", woo), ("shopify", shop)):
                server.requests.clear()
                with Measure(env) as measure:
                    backends[platform]._export_stock()
                rows.append(
                    (
                        f"{platform}: delta run after 10 changes, requests",
                        f"{len(server.requests)} in {measure.seconds:.2f} s",
                    )
                )
            # burst of 1,000 moves: jobs queued (not run)
            Job = env["queue.job"]
            before = Job.search_count([("method_name", "=", "_export_stock")])
            customers = env.ref("stock.stock_location_customers")
            benv = env(context=dict(env.context, queue_job__no_delay=False))
            with Measure(env) as measure:
                for product in products[:1000]:
                    move = benv["stock.move"].create(
                        {
                            "name": "burst",
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": customers.id,
                        }
                    )
                    move._action_confirm()
            jobs = Job.search_count([("method_name", "=", "_export_stock")]) - before
            stock_backends = env["ecom.backend"].search_count(
                [("company_id", "=", env.company.id), ("product_binding_ids", "!=", False)]
            )
            rows.append(
                (
                    "burst of 1,000 moves: stock jobs created",
                    f"{jobs} for {stock_backends} backends ({measure.seconds:.1f} s)",
                )
            )
        report(f"Stock out, {count} products", rows)


if __name__ == "__main__":
    main()
