# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_accounting_fr: cost of the ventilation when posting invoices.

Creates a French company with the French chart and the ventilation table,
then creates and posts N customer invoices of three lines (goods at 20 %,
a book at 5.5 %, shipping) with the ventilation, and N without it (the
``ecom_no_ventilation`` context key skips the override entirely), in
alternating rounds (ABBA) so that both see the same machine load and
database size.  Prints wall
time, SQL queries and the ratio with / without.  Everything is rolled back.

    .venv/bin/python bench/bench_ecom_accounting_fr.py --database ecom_test_accounting
"""

import statistics

from common import Measure, odoo_env, parse_args, report


def _setup(env):
    from odoo import Command

    company = env["res.company"].create(
        {
            "name": "Bench Boutique SAS",
            "country_id": env.ref("base.fr").id,
            "currency_id": env.ref("base.EUR").id,
            "vat": "FR23334175221",
        }
    )
    env["account.chart.template"].try_loading("fr", company, install_demo=False)
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=[company.id], tracking_disable=True))
    env.user.company_id = company
    env["ecom.accounting.setup"].with_company(company).create({}).action_apply()
    chart = env["account.chart.template"].with_company(company)
    tax_20, tax_55 = chart.ref("tva_normale"), chart.ref("tva_reduite")
    tax_55.active = True
    products = [
        env["product.product"].create(
            {"name": name, "type": ptype, "taxes_id": [Command.set(tax.ids)]}
        )
        for name, ptype, tax in (
            ("T-shirt", "consu", tax_20),
            ("Book", "consu", tax_55),
            ("Delivery", "service", tax_20),
        )
    ]
    products[2].ecom_accounting_nature = "shipping"
    partners = env["res.partner"].create(
        [{"name": f"Customer {i}", "country_id": env.ref("base.fr").id} for i in range(50)]
    )
    return env, products, partners


def _invoice_vals(products, partners, count):
    from odoo import Command

    return [
        {
            "move_type": "out_invoice",
            "partner_id": partners[i % len(partners)].id,
            "invoice_date": "2026-10-15",
            "invoice_line_ids": [
                Command.create(
                    {"product_id": products[0].id, "quantity": 1 + i % 3, "price_unit": 25.0}
                ),
                Command.create({"product_id": products[1].id, "quantity": 1, "price_unit": 18.0}),
                Command.create({"product_id": products[2].id, "quantity": 1, "price_unit": 5.9}),
            ],
        }
        for i in range(count)
    ]


def main():
    args = parse_args(
        __doc__,
        lambda p: (
            p.add_argument("--invoices", type=int, default=1000),
            p.add_argument("--rounds", type=int, default=8),
        ),
    )
    with odoo_env(args) as env:
        env, products, partners = _setup(env)
        per_round = args.invoices // args.rounds
        figures = {"without": [0.0, 0], "with": [0.0, 0]}
        pair_ratios = []
        accounts = {}
        # warm-up: caches, first-use queries
        for _key, ctx in (("without", {"ecom_no_ventilation": True}), ("with", {})):
            env["account.move"].with_context(**ctx).create(
                _invoice_vals(products, partners, 5)
            ).action_post()
        variants = [("without", {"ecom_no_ventilation": True}), ("with", {})]
        for round_no in range(args.rounds):
            # ABBA order: the database grows during the run, neither side
            # always comes second
            seconds = {}
            for key, ctx in variants if round_no % 2 == 0 else variants[::-1]:
                Move = env["account.move"].with_context(**ctx)
                with Measure(env) as m:
                    moves = Move.create(_invoice_vals(products, partners, per_round))
                    moves.action_post()
                figures[key][0] += m.seconds
                figures[key][1] += m.queries
                seconds[key] = m.seconds
                accounts[key] = sorted(set(moves.invoice_line_ids.account_id.mapped("code")))
            pair_ratios.append(seconds["with"] / seconds["without"])
        n = per_round * args.rounds
        without, with_ = figures["without"], figures["with"]
        report(
            f"Posting {n} invoices of 3 lines ({args.rounds} alternating rounds)",
            [
                ("without ventilation", f"{without[0]:.2f} s, {without[1]} queries"),
                ("with ventilation", f"{with_[0]:.2f} s, {with_[1]} queries"),
                ("ratio time with / without", f"{with_[0] / without[0]:.3f}"),
                ("median ratio of the rounds", f"{statistics.median(pair_ratios):.3f}"),
                ("ratios of the rounds", ", ".join(f"{r:.3f}" for r in pair_ratios)),
                ("ratio queries with / without", f"{with_[1] / without[1]:.3f}"),
                ("accounts without", ", ".join(accounts["without"])),
                ("accounts with", ", ".join(accounts["with"])),
            ],
        )


if __name__ == "__main__":
    main()
