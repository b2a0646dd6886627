# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import of N WooCommerce orders of 3 lines from the local REST server,
against the same orders created and confirmed with the ORM directly, in the
same run.  Prints: wall-time ratio (goal <= 1.3), HTTP requests per order
(goal <= 0.05), SQL queries per order at 50 and at 500 orders (goal: equal).
Nothing is asserted; everything is rolled back."""

from datetime import datetime

from common import Measure, odoo_env, parse_args, report
from servers.catalogue import PRODUCTS, order_plan
from servers.woocommerce import CONSUMER_KEY, CONSUMER_SECRET, WooCommerceServer, woo_order

UNTIL = datetime(2026, 11, 22)


def setup_company(env):
    """A French company, products, taxes and a WooCommerce backend, as the
    connector's test base builds them."""
    from odoo import Command

    # the local WooCommerce server listens on the loopback (rolled back)
    env["ir.config_parameter"].set_param("ecom_base.allowed_private_hosts", "127.0.0.1")
    company = env["res.company"].create(
        {
            "name": "Bench SAS",
            "country_id": env.ref("base.fr").id,
            "currency_id": env.ref("base.EUR").id,
        }
    )
    env["account.chart.template"].try_loading("fr", company, install_demo=False)
    env.user.company_ids |= company
    env.user.company_id = company
    env = env(
        context=dict(
            env.context,
            allowed_company_ids=[company.id],
            tracking_disable=True,
            queue_job__no_delay=True,
        )
    )
    chart = env["account.chart.template"].with_company(company)
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1) or env[
        "stock.warehouse"
    ].create({"company_id": company.id, "name": "Bench", "code": "BCH"})
    products = {}
    for sku, barcode, name, price, _rate in PRODUCTS:
        products[sku] = env["product.product"].create(
            {
                "name": name,
                "default_code": sku,
                "barcode": barcode,
                "is_storable": True,
                "list_price": float(price),
            }
        )
        env["stock.quant"]._update_available_quantity(products[sku], warehouse.lot_stock_id, 5000)
    be = env["account.tax"].create(
        {
            "name": "TVA BE 21 %",
            "amount": 21,
            "type_tax_use": "sale",
            "price_include_override": "tax_included",
            "company_id": company.id,
        }
    )
    ship = env["product.product"].create({"name": "Colissimo", "type": "service"})
    carrier = env["delivery.carrier"].create(
        {"name": "Colissimo", "product_id": ship.id, "company_id": company.id}
    )
    taxes = {
        20: chart.ref("tva_normale_ttc"),
        10: chart.ref("tva_intermediaire_ttc"),
        5.5: chart.ref("tva_reduite_ttc"),
        2.1: chart.ref("tva_super_reduite_ttc"),
    }
    backend = env["ecom.backend"].create(
        {
            "name": "Bench WooCommerce",
            "platform": "woocommerce",
            "company_id": company.id,
            "warehouse_id": warehouse.id,
            "api_key": CONSUMER_KEY,
            "api_secret": CONSUMER_SECRET,
            "tax_map_ids": [Command.create({"rate": r, "tax_id": t.id}) for r, t in taxes.items()]
            + [Command.create({"rate": 21, "country_id": env.ref("base.be").id, "tax_id": be.id})],
            "carrier_map_ids": [Command.create({"code": "colissimo", "carrier_id": carrier.id})],
            "payment_map_ids": [
                Command.create({"code": "stripe", "rule": "paid"}),
                Command.create({"code": "bacs", "rule": "paid"}),
            ],
        }
    )
    return env, backend, products, taxes, be, carrier


def orm_baseline(env, backend, products, taxes, be, carrier, count):
    """The same orders, written straight with the ORM: partners, lines with
    their taxes, shipping, discounts, confirmation."""
    from odoo import Command

    partners = {}
    for index in range(count):
        plan = order_plan(index)
        ext, first, last, company, vat, email, street, zip_code, city, country = plan["customer"]
        key = email
        if key not in partners:
            partners[key] = env["res.partner"].create(
                {
                    "name": company or f"{first} {last}",
                    "email": email,
                    "street": street,
                    "zip": zip_code,
                    "city": city,
                    "is_company": bool(company),
                    "vat": vat or False,
                    "country_id": env["res.country"].search([("code", "=", country)]).id,
                }
            )
        partner = partners[key]

        def tax(rate):
            if not rate:
                return []
            if rate == 21:
                return [Command.set(be.ids)]
            return [Command.set(taxes[float(rate)].ids)]

        lines = []
        for line in plan["lines"]:
            lines.append(
                Command.create(
                    {
                        "product_id": products[line["sku"]].id,
                        "product_uom_qty": line["qty"],
                        "price_unit": float(line["price"]),
                        "tax_id": tax(line["rate"]),
                    }
                )
            )
            if line["discount"]:
                lines.append(
                    Command.create(
                        {
                            "product_id": backend.discount_product_id.id,
                            "product_uom_qty": 1,
                            "price_unit": -float(line["discount"]),
                            "tax_id": tax(line["rate"]),
                        }
                    )
                )
        ship = plan["shipping"]
        lines.append(
            Command.create(
                {
                    "product_id": carrier.product_id.id,
                    "price_unit": float(ship["amount"]),
                    "tax_id": tax(ship["rate"]),
                    "is_delivery": True,
                }
            )
        )
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": backend.company_id.id,
                "warehouse_id": backend.warehouse_id.id,
                "carrier_id": carrier.id,
                "order_line": lines,
            }
        )
        if plan["paid"]:
            order.action_confirm()


def main():
    args = parse_args(
        __doc__.splitlines()[0], lambda p: p.add_argument("--orders", type=int, default=500)
    )
    figures = {}
    for count in sorted({50, args.orders}):
        with (
            odoo_env(args) as env,
            WooCommerceServer([woo_order(i) for i in range(count)]) as server,
        ):
            env, backend, products, taxes, be, carrier = setup_company(env)
            backend.base_url = server.url
            env.flush_all()
            # the import runs in queue jobs, which keep only the language, time
            # zone and companies of the context: the baseline gets the same
            # (mail tracking on, as for any order a person creates)
            job_env = env(
                context={
                    k: v
                    for k, v in env.context.items()
                    if k in ("lang", "tz", "allowed_company_ids")
                }
            )
            with Measure(env) as baseline:
                orm_baseline(job_env, backend, products, taxes, be, carrier, count)
            env.cr.execute("SAVEPOINT bench")
            with Measure(env) as imported:
                backend._import_orders(until=UNTIL)
            done = env["ecom.sale.order"].search_count([("backend_id", "=", backend.id)])
            figures[count] = (baseline, imported, len(server.requests), done)
    rows = []
    for count, (baseline, imported, requests, done) in figures.items():
        rows += [
            (f"{count} orders: imported / in error", f"{done} / {count - done}"),
            (
                f"{count} orders: ORM baseline",
                f"{baseline.seconds:.2f} s, {baseline.queries / count:.0f} queries/order",
            ),
            (
                f"{count} orders: import from WooCommerce",
                f"{imported.seconds:.2f} s, {imported.queries / count:.0f} queries/order",
            ),
            (
                f"{count} orders: time ratio import / ORM (goal <= 1.3)",
                f"{imported.seconds / baseline.seconds:.2f}",
            ),
            (f"{count} orders: HTTP requests per order (goal <= 0.05)", f"{requests / count:.3f}"),
        ]
    small, large = figures[min(figures)], figures[max(figures)]
    rows.append(
        (
            "SQL queries per order, large / small run (goal: 1.0)",
            f"{(large[1].queries / max(figures)) / (small[1].queries / min(figures)):.2f}",
        )
    )
    report("WooCommerce order import", rows)


if __name__ == "__main__":
    main()
