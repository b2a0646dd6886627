# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_3pl: deliveries validated from a provider's shipment confirmation
file, against the same deliveries validated with the ORM in the same run.

    .venv/bin/python bench/bench_ecom_3pl_shipments.py --database ecom_t_3pl --orders 200

For 50 and N orders of 2 lines: the baseline sets the quantities and calls
``button_validate`` (no file); the 3PL run writes the order file, then reads
a shipment file (one parcel per order) from a server folder and validates.
Prints seconds and SQL queries per order and their ratio to the baseline.
Everything is rolled back (the folder is a temporary one).
"""

import shutil
import tempfile
from pathlib import Path

from common import Measure, odoo_env, parse_args, report


def _deliveries(env, warehouse, products, count, tag):
    group = env["procurement.group"]
    Procurement = group.Procurement
    partner = env["res.partner"].create({"name": f"Bench customer {tag}", "city": "Lyon"})
    groups = group.create([{"name": f"BENCH-{tag}-{i}"} for i in range(count)])
    procurements = [
        Procurement(
            product,
            1,
            product.uom_id,
            partner.property_stock_customer,
            product.name,
            pg.name,
            warehouse.company_id,
            {"warehouse_id": warehouse, "group_id": pg, "partner_id": partner.id},
        )
        for pg in groups
        for product in products
    ]
    group.run(procurements)
    pickings = env["stock.picking"].search([("group_id", "in", groups.ids)])
    pickings.action_assign()
    return pickings


def _baseline(env, pickings):
    with Measure(env) as measure:
        for picking in pickings:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.with_context(skip_backorder=True).button_validate()
    return measure


def _via_3pl(env, provider, pickings, folder):
    with Measure(env) as export:
        provider._export_outgoing()
    rows = ["order_ref;product_code;quantity;lot;tracking_ref;carrier;weight"]
    for picking in pickings:
        for move in picking.move_ids:
            rows.append(f"{picking.name};{move.product_id.default_code};1;;TRK{picking.id};GLS;1.2")
    (folder / "in" / f"SHIP_{len(pickings)}.csv").write_text("\r\n".join(rows) + "\r\n")
    with Measure(env) as shipment:
        with provider._get_transport() as transport:
            files = provider._receive_files(transport)
        files._process()
    assert all(p.state == "done" for p in pickings), files.message
    return export, shipment


def main():
    args = parse_args(__doc__, lambda p: p.add_argument("--orders", type=int, default=200))
    with odoo_env(args, {"tracking_disable": True}) as env:
        root = Path(tempfile.mkdtemp(prefix="bench_3pl_"))
        try:
            for name in ("in", "out", "archive", "errors"):
                (root / name).mkdir()
            env["ir.config_parameter"].set_param("ecom_3pl.folder_root", str(root))
            company = env.company
            warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
            env["ecom.3pl.provider"].search([("warehouse_id", "=", warehouse.id)]).unlink()
            provider = env["ecom.3pl.provider"].create(
                {
                    "name": "Bench provider",
                    "warehouse_id": warehouse.id,
                    "transport": "folder",
                    "folder_path": str(root),
                    "order_format_id": env.ref("ecom_3pl.ecom_3pl_format_csv_order").id,
                    "shipment_format_id": env.ref("ecom_3pl.ecom_3pl_format_csv_shipment").id,
                }
            )
            products = env["product.product"].create(
                [
                    {"name": f"Bench 3PL {i}", "default_code": f"B3PL-{i}", "is_storable": True}
                    for i in range(2)
                ]
            )
            for product in products:
                env["stock.quant"]._update_available_quantity(
                    product, warehouse.lot_stock_id, 4 * (args.orders + 50)
                )
            results = []
            for count in (50, args.orders):
                base_pickings = _deliveries(env, warehouse, products, count, f"base{count}")
                base = _baseline(env, base_pickings)
                tpl_pickings = _deliveries(env, warehouse, products, count, f"3pl{count}")
                export, shipment = _via_3pl(env, provider, tpl_pickings, root)
                results.append((count, base, export, shipment))
            rows = []
            for count, base, export, shipment in results:
                rows += [
                    (f"{count} orders: baseline s/order", f"{base.seconds / count:.4f}"),
                    (f"{count} orders: baseline queries/order", f"{base.queries / count:.1f}"),
                    (f"{count} orders: export s/order", f"{export.seconds / count:.4f}"),
                    (f"{count} orders: export queries/order", f"{export.queries / count:.1f}"),
                    (f"{count} orders: shipment file s/order", f"{shipment.seconds / count:.4f}"),
                    (
                        f"{count} orders: shipment file queries/order",
                        f"{shipment.queries / count:.1f}",
                    ),
                    (
                        f"{count} orders: shipment file / baseline time",
                        f"{shipment.seconds / base.seconds:.2f}",
                    ),
                ]
            report("ecom_3pl shipment confirmations", rows)
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
