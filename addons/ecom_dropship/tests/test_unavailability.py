# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields
from odoo.tests import tagged

from .common import EcomDropshipCase


@tagged("post_install", "-at_install")
class TestUnavailability(EcomDropshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.feed = cls.env["ecom.supplier.feed"].create(
            {
                "name": "A stock",
                "partner_id": cls.supplier_a.id,
                "csv_ref_column": "ref",
                "csv_ean_column": False,
                "csv_price_column": False,
                "csv_qty_column": "stock",
                "full_feed": False,
            }
        )
        cls.lamp = cls._create_product(
            "Lampe",
            mode="flux_tendu",
            sellers=[
                (
                    cls.supplier_a,
                    20.0,
                    {
                        "product_code": "A-LAMP",
                        "ecom_stock_qty": 10,
                        "ecom_stock_date": now,
                        "ecom_feed_id": cls.feed.id,
                    },
                )
            ],
        )
        cls.sofa = cls._create_product(
            "Canapé", mode="dropship", sellers=[(cls.supplier_b, 300.0, {})]
        )

    def _run_feed(self, content):
        self.feed.feed_file = base64.b64encode(content.encode())
        return self.env["ecom.supplier.feed.run"].browse(self.feed.action_run()["res_id"])

    def test_feed_drops_to_zero(self):
        order = self._create_sale_order([(self.lamp, 2)])
        other = self._create_sale_order([(self.sofa, 1)])
        purchase = order._get_purchase_orders()
        self._run_feed("ref;stock\nA-LAMP;8\n")
        self.assertFalse(order.ecom_replenishment_pending, "still in stock at the supplier")
        run = self._run_feed("ref;stock\nA-LAMP;0\n")
        self.assertEqual(run.state, "done")
        self.assertTrue(order.ecom_replenishment_pending)
        self.assertIn("no stock left of Lampe", order.ecom_replenishment_note)
        self.assertFalse(other.ecom_replenishment_pending)
        activity = purchase.activity_ids.filtered(lambda a: a.summary == "Supplier cannot deliver")
        self.assertEqual(len(activity), 1)
        self.assertIn(order.name, str(activity.note))
        order.with_user(self.ecom_user).action_ecom_clear_replenishment()
        self.assertFalse(order.ecom_replenishment_pending)

    def test_feed_drops_to_zero_for_dropship(self):
        self.sofa.seller_ids.write({"partner_id": self.supplier_a.id, "product_code": "A-SOFA"})
        order = self._create_sale_order([(self.sofa, 1)])
        purchase = order._get_purchase_orders()
        purchase.button_confirm()
        self._run_feed("ref;stock\nA-SOFA;0\n")
        self.assertTrue(order.ecom_replenishment_pending)
        # once delivered, a feed at 0 concerns nobody
        order.action_ecom_clear_replenishment()
        self._validate(purchase.picking_ids)
        self._run_feed("ref;stock\nA-SOFA;3\n")
        self._run_feed("ref;stock\nA-SOFA;0\n")
        self.assertFalse(order.ecom_replenishment_pending)

    def test_dropship_purchase_cancelled(self):
        order = self._create_sale_order([(self.sofa, 1)])
        purchase = order._get_purchase_orders()
        purchase.button_confirm()
        purchase.button_cancel()
        self.assertTrue(order.ecom_replenishment_pending)
        self.assertEqual(
            len(purchase.activity_ids.filtered(lambda a: a.summary == "Supplier cannot deliver")),
            1,
        )

    def test_short_receipt_without_backorder(self):
        order = self._create_sale_order([(self.lamp, 5)])
        purchase = order._get_purchase_orders()
        purchase.button_confirm()
        # validated by a warehouse worker who cannot write customer orders
        worker = self._create_ecom_user("ecom_worker", ("stock.group_stock_user",))
        self._validate(purchase.picking_ids.with_user(worker), {self.lamp: 3}, backorder=False)
        self.assertTrue(order.ecom_replenishment_pending)
        self.assertIn("will not be delivered", order.ecom_replenishment_note)
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertEqual(delivery.move_ids.quantity, 3, "what came in is reserved for the customer")
        self._validate(delivery, {self.lamp: 3})
        self.assertTrue(
            order.ecom_replenishment_pending,
            "2 are still missing after a partial delivery",
        )

    def test_flag_cleared_once_delivered(self):
        order = self._create_sale_order([(self.lamp, 2)])
        purchase = order._get_purchase_orders()
        self._run_feed("ref;stock\nA-LAMP;0\n")
        self.assertTrue(order.ecom_replenishment_pending)
        # the supplier delivers after all
        purchase.button_confirm()
        self._validate(purchase.picking_ids)
        self.assertTrue(order.ecom_replenishment_pending, "not delivered yet")
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        self._validate(delivery)
        self.assertFalse(order.ecom_replenishment_pending)
        self.assertFalse(order.ecom_replenishment_note)

    def test_full_receipt_flags_nothing(self):
        order = self._create_sale_order([(self.lamp, 5)])
        purchase = order._get_purchase_orders()
        purchase.button_confirm()
        self._validate(purchase.picking_ids)
        self.assertFalse(order.ecom_replenishment_pending)
        self.assertFalse(purchase.activity_ids)
