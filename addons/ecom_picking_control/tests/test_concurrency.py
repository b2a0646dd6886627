# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two stations scan the same transfer at the same moment, each in its own
transaction on committed data: no unit is counted twice."""

import threading

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

# each station works in its own committed transaction, as in production
# pylint: disable=invalid-commit


@tagged("post_install", "-at_install")
class TestConcurrentScans(TransactionCase):
    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _setup_committed(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
            ptype = env["stock.picking.type"].create(
                {
                    "name": "Course",
                    "code": "outgoing",
                    "sequence_code": "RACE",
                    "company_id": company.id,
                    "warehouse_id": warehouse.id,
                    "default_location_src_id": warehouse.lot_stock_id.id,
                    "default_location_dest_id": env.ref("stock.stock_location_customers").id,
                    "ecom_control_enabled": True,
                }
            )
            product = env["product.product"].create(
                {
                    "name": "Article de course",
                    "barcode": "RACE-EAN-1",
                    "is_storable": True,
                    "type": "consu",
                }
            )
            picking = env["stock.picking"].create(
                {
                    "picking_type_id": ptype.id,
                    "company_id": company.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": ptype.default_location_dest_id.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": 3,
                                "product_uom": product.uom_id.id,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": ptype.default_location_dest_id.id,
                            },
                        )
                    ],
                }
            )
            picking.action_confirm()
            cr.commit()
            return ptype.id, product.id, picking.id

    def _cleanup(self, ptype_id, product_id, picking_id):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            picking = env["stock.picking"].browse(picking_id)
            picking.action_cancel()
            picking.ecom_scan_ids.unlink()
            picking.move_ids.unlink()
            picking.unlink()
            env["stock.picking.type"].browse(ptype_id).unlink()
            env["product.product"].browse(product_id).product_tmpl_id.unlink()
            cr.commit()

    def test_two_stations_one_count(self):
        ptype_id, product_id, picking_id = self._setup_committed()
        self.addCleanup(self._cleanup, ptype_id, product_id, picking_id)
        a_scanned = threading.Event()
        b_done = threading.Event()
        outcomes = {}

        def station_a():
            with self.registry.cursor() as cr:
                picking = self._env(cr)["stock.picking"].browse(picking_id)
                state = picking._ecom_scan("RACE-EAN-1")
                outcomes["a"] = "retry" if state["retry"] else state["totals"]["scanned"]
                a_scanned.set()
                # hold the row lock until the other station has tried
                b_done.wait(timeout=60)
                cr.commit()

        def station_b():
            a_scanned.wait(timeout=60)
            try:
                with self.registry.cursor() as cr:
                    picking = self._env(cr)["stock.picking"].browse(picking_id)
                    state = picking._ecom_scan("RACE-EAN-1")
                    outcomes["b"] = "retry" if state["retry"] else state["totals"]["scanned"]
                    outcomes["b_message"] = state["message"]["text"]
                    if state["retry"]:
                        cr.rollback()
                    else:
                        cr.commit()
            finally:
                b_done.set()

        threads = [threading.Thread(target=station_a), threading.Thread(target=station_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        message = outcomes.pop("b_message")
        self.assertEqual(outcomes, {"a": 1.0, "b": "retry"})
        self.assertIn("Another station", message)
        # the packer scans again: it counts once, on top of the first
        with self.registry.cursor() as cr:
            picking = self._env(cr)["stock.picking"].browse(picking_id)
            state = picking._ecom_scan("RACE-EAN-1")
            self.assertFalse(state["retry"])
            self.assertEqual(state["totals"]["scanned"], 2.0)
            cr.commit()
        with self.registry.cursor() as cr:
            picking = self._env(cr)["stock.picking"].browse(picking_id)
            self.assertEqual(picking.move_ids.ecom_scanned_qty, 2.0)
            self.assertEqual(len(picking.ecom_scan_ids.filtered(lambda s: s.kind == "scan")), 2)
