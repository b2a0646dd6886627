# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..hooks import stop_core_delivery_batches
from .common import PickingControlCase


@tagged("post_install", "-at_install")
class TestDayPickList(PickingControlCase):
    def test_batch_of_shippable_orders_sorted_by_location(self):
        first = self._make_delivery([(self.mug, 2), (self.tshirt, 1)])
        second = self._make_delivery([(self.mug, 1)])
        no_stock = self._product("Affiche rare", "3760000000048", 0.1, "RARE")
        waiting = self._make_delivery([(no_stock, 1)])
        wizard = Form(self.env_user["ecom.pick.list.wizard"])
        wizard.picking_type_id = self.out_type
        action = wizard.save().action_create()
        batch = self.env["stock.picking.batch"].search([("picking_ids", "in", first.ids)])
        self.assertEqual(batch.picking_ids, first | second)
        self.assertNotIn(waiting, batch.picking_ids)
        self.assertEqual(action["report_name"], "ecom_picking_control.report_pick_list")
        rows = batch._ecom_pick_list_rows()
        self.assertEqual(
            [(r["location"].name, r["product"].default_code, r["quantity"]) for r in rows],
            [("A-01", "TEE", 1.0), ("B-02", "MUG", 3.0)],
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ecom_picking_control.report_pick_list", batch.ids)[0]
            .decode()
        )
        self.assertLess(html.index("A-01"), html.index("B-02"))
        self.assertIn(first.name, html)
        with self.assertRaises(UserError):
            Form(self.env_user["ecom.pick.list.wizard"]).save().action_create()

    def test_partly_reserved_transfer_waits_for_goods(self):
        """A delivery "as soon as possible" with part of its goods in stock
        is ready for Odoo, but stays off the pick list until its supplier
        goods arrive, unless the wizard is told to include it."""
        scarce = self._product("Théière rare", "3760000000055", 0.8, "RARE")
        self.env["stock.quant"]._update_available_quantity(scarce, self.shelf_a, 1)
        full = self._make_delivery([(self.mug, 1)])
        partial = self._make_delivery([(scarce, 2), (self.tshirt, 1)])
        self.assertEqual(partial.move_type, "direct")
        self.assertEqual(partial.state, "assigned")
        self.assertIn("partially_available", partial.move_ids.mapped("state"))
        wizard = Form(self.env_user["ecom.pick.list.wizard"])
        wizard.picking_type_id = self.out_type
        self.assertEqual(wizard.waiting_count, 1)
        self.assertFalse(wizard.include_partial)
        wizard.save().action_create()
        self.assertEqual(full.batch_id.picking_ids, full)
        self.assertFalse(partial.batch_id)
        # all at once: partly reserved is not ready, even with the option
        partial.move_type = "one"
        wizard = Form(self.env_user["ecom.pick.list.wizard"])
        wizard.picking_type_id = self.out_type
        wizard.include_partial = True
        self.assertEqual(wizard.waiting_count, 1)
        with self.assertRaisesRegex(UserError, "1 wait for goods"):
            wizard.save().action_create()
        partial.move_type = "direct"
        wizard = Form(self.env_user["ecom.pick.list.wizard"])
        wizard.picking_type_id = self.out_type
        wizard.include_partial = True
        self.assertEqual(wizard.waiting_count, 0)
        wizard.save().action_create()
        self.assertTrue(partial.batch_id)
        self.assertNotEqual(partial.batch_id, full.batch_id)

    def test_core_batches_per_customer_kept_off_deliveries(self):
        """Odoo batches the deliveries of every new warehouse per customer,
        each reserved delivery in a batch at once, which would leave the
        day's pick list empty: new warehouses' delivery types come without
        it, existing ones lose it at install; receipts keep core's setting.
        A delivery a batch holds anyway is counted on the wizard."""
        warehouse = self.env["stock.warehouse"].create(
            {"name": "Entrepôt de Lille", "code": "LIL", "company_id": self.company.id}
        )
        self.assertFalse(warehouse.out_type_id.auto_batch)
        self.assertTrue(warehouse.in_type_id.auto_batch, "receipts keep core's setting")
        # a delivery type batched as core leaves it (before the module)
        self.out_type.write({"auto_batch": True, "batch_group_by_partner": True})
        batched = self._make_delivery([(self.mug, 1)])
        self.assertTrue(batched.batch_id, "Odoo put the reserved delivery in a batch")
        wizard = Form(self.env_user["ecom.pick.list.wizard"])
        wizard.picking_type_id = self.out_type
        self.assertEqual(wizard.batched_count, 1)
        with self.assertRaisesRegex(UserError, "1 are already in other batches"):
            wizard.save().action_create()
        self.assertIn(self.out_type, stop_core_delivery_batches(self.env))
        self.assertFalse(
            self.env["stock.picking.type"].search_count(
                [("code", "=", "outgoing"), ("auto_batch", "=", True)]
            )
        )
        self.assertFalse(self.out_type.auto_batch)
        self.assertTrue(warehouse.in_type_id.auto_batch)
        later = self._make_delivery([(self.tshirt, 1)])
        self.assertFalse(later.batch_id)
        wizard = Form(self.env_user["ecom.pick.list.wizard"])
        wizard.picking_type_id = self.out_type
        wizard.save().action_create()
        self.assertTrue(later.batch_id)
        self.assertNotEqual(later.batch_id, batched.batch_id)
