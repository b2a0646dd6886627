# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import EcomDropshipCase


@tagged("post_install", "-at_install")
class TestBufferRotation(EcomDropshipCase):
    """Hand-computed figures, usage and rotation periods of 30 days.

    135 units in stock before the period, then deliveries of 5 (45 days
    ago, outside the periods), 20 (20 days ago) and 10 (10 days ago): 100
    left.  Usage = 30 / 30 = 1 a day; supplier lead time 5, safety 3, cycle
    10: min = 1 × (5 + 3) = 8, max = 8 + 1 × 10 = 18.  Stock over the
    period: 130 for 10 days, 110 for 10 days, 100 for 10 days: average
    113.33; rotation = 30 / 113.33 = 0.2647; days of stock = 100 / 1 = 100.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"ecom_buffer_adu_days": 30, "ecom_rotation_days": 30})
        cls.product = cls._create_product(
            "Coussin",
            sellers=[(cls.supplier_a, 8.0, {"delay": 5})],
            ecom_buffer_enabled=True,
            ecom_safety_days=3,
            ecom_order_cycle_days=10,
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock_location, 135)
        cls.now = fields.Datetime.now().replace(microsecond=0)
        for days, qty in ((45, 5), (20, 20), (10, 10)):
            cls._deliver_at(cls.product, qty, cls.now - timedelta(days=days))

    @classmethod
    def _deliver_at(cls, product, qty, date):
        order = cls._create_sale_order([(product, qty)])
        picking = order.picking_ids
        picking.action_assign()
        cls._validate(picking)
        picking.move_ids.write({"date": date})
        picking.move_ids.move_line_ids.write({"date": date})

    def test_figures_and_orderpoint(self):
        self.assertEqual(self.product.qty_available, 100)
        self.product.with_user(self.ecom_user).product_tmpl_id.action_ecom_compute_stock_metrics()
        self.product._ecom_compute_stock_metrics(date_to=self.now)
        self.assertAlmostEqual(self.product.ecom_adu, 1.0)
        self.assertEqual(self.product.ecom_buffer_lead_days, 5)
        self.assertAlmostEqual(self.product.ecom_buffer_min_qty, 8.0)
        self.assertAlmostEqual(self.product.ecom_buffer_max_qty, 18.0)
        self.assertAlmostEqual(self.product.ecom_qty_out_period, 30.0)
        self.assertAlmostEqual(self.product.ecom_average_stock, 340 / 3, places=2)
        self.assertAlmostEqual(self.product.ecom_rotation_rate, 30 / (340 / 3), places=4)
        self.assertAlmostEqual(self.product.ecom_days_of_stock, 100.0)
        # shown on the template form
        self.assertAlmostEqual(self.product.product_tmpl_id.ecom_buffer_max_qty, 18.0)
        orderpoint = self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", self.product.id)]
        )
        self.assertEqual(len(orderpoint), 1)
        self.assertEqual(orderpoint.location_id, self.stock_location)
        self.assertEqual(orderpoint.route_id, self.env.ref("purchase_stock.route_warehouse0_buy"))
        self.assertEqual((orderpoint.product_min_qty, orderpoint.product_max_qty), (8.0, 18.0))
        # more safety days: the same rule is updated
        self.product.ecom_safety_days = 7
        self.product._ecom_compute_stock_metrics(date_to=self.now)
        self.assertEqual((orderpoint.product_min_qty, orderpoint.product_max_qty), (12.0, 22.0))
        self.assertEqual(
            self.env["stock.warehouse.orderpoint"].search_count(
                [("product_id", "=", self.product.id)]
            ),
            1,
        )

    def test_longer_period_and_slow_mover(self):
        self.company.write({"ecom_buffer_adu_days": 60, "ecom_rotation_days": 60})
        sleeper = self._create_product("Bibelot", sellers=[(self.supplier_a, 2.0, {})])
        self.env["stock.quant"]._update_available_quantity(sleeper, self.stock_location, 50)
        products = self.product | sleeper
        products._ecom_compute_stock_metrics(date_to=self.now)
        # 35 out over 60 days
        self.assertAlmostEqual(self.product.ecom_adu, 35 / 60, places=4)
        # 135 × 15 + 130 × 25 + 110 × 10 + 100 × 10 = 7375 unit-days over 60
        self.assertAlmostEqual(self.product.ecom_average_stock, 7375 / 60, places=2)
        self.assertAlmostEqual(self.product.ecom_rotation_rate, 35 / (7375 / 60), places=4)
        # figures are per company: another company sees its own (none here)
        other = self.env["res.company"].create({"name": "Autre SAS"})
        self.assertEqual(self.product.with_company(other).ecom_adu, 0.0)
        self.assertEqual(sleeper.ecom_rotation_rate, 0.0)
        self.assertAlmostEqual(sleeper.ecom_average_stock, 50.0)
        self.assertEqual(sleeper.ecom_days_of_stock, 0.0, "nothing went out")
        self.assertFalse(
            self.env["stock.warehouse.orderpoint"].search([("product_id", "=", sleeper.id)]),
            "no buffer stock asked for",
        )
        slow = self.env["product.product"].search(
            [
                ("id", "in", products.ids),
                ("ecom_rotation_rate", "<", 2),
                ("qty_available", ">", 0),
            ]
        )
        self.assertEqual(slow, products)

    def test_buffer_orderpoint_buys(self):
        """Below the buffer minimum, the scheduler orders up to the maximum."""
        self.product._ecom_compute_stock_metrics(date_to=self.now)
        self._deliver_at(self.product, 95, self.now)
        self.assertEqual(self.product.qty_available, 5)
        self.env["procurement.group"].run_scheduler()
        line = self.env["purchase.order.line"].search([("product_id", "=", self.product.id)])
        self.assertEqual(line.partner_id, self.supplier_a)
        self.assertEqual(line.product_qty, 13, "up to the maximum of 18")
        self.assertTrue(line.ecom_supplier_choice_reason)

    def test_cron(self):
        self.env["product.product"]._cron_ecom_compute_stock_metrics()
        self.assertTrue(self.product.ecom_stock_metrics_date)
        self.assertGreater(self.product.ecom_adu, 0)
