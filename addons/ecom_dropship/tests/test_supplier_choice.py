# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import EcomDropshipCase


@tagged("post_install", "-at_install")
class TestSupplierChoice(EcomDropshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.feed_b = cls.env["ecom.supplier.feed"].create(
            {"name": "Stock B", "partner_id": cls.supplier_b.id, "max_age_hours": 24}
        )
        now = fields.Datetime.now()
        # A is the cheapest but out of stock; C is cheaper than B once its
        # 22 USD are converted (2 USD = 1 EUR → 11 EUR)
        cls.product = cls._create_product(
            "Chaise",
            mode="flux_tendu",
            sellers=[
                (cls.supplier_a, 10.0, {"ecom_stock_qty": 0, "ecom_stock_date": now}),
                (
                    cls.supplier_b,
                    12.0,
                    {
                        "ecom_stock_qty": 50,
                        "ecom_stock_date": now,
                        "ecom_feed_id": cls.feed_b.id,
                    },
                ),
                (
                    cls.supplier_c,
                    22.0,
                    {
                        "ecom_stock_qty": 50,
                        "ecom_stock_date": now,
                        "currency_id": cls.usd.id,
                    },
                ),
            ],
        )
        cls.seller_a, cls.seller_b, cls.seller_c = cls.product.seller_ids.sorted(
            lambda s: s.partner_id.name
        )

    def test_cheapest_with_stock_in_company_currency(self):
        choice = self.product._ecom_choose_seller(5)
        self.assertEqual(choice["seller"], self.seller_c)
        self.assertFalse(choice["stock_missing"])
        self.assertIn("Supplier C Inc", choice["reason"].splitlines()[0])
        self.assertIn("Fournisseur A skipped", choice["reason"])
        # the same choice through Odoo's own hook
        self.assertEqual(self.product._select_seller(quantity=5), self.seller_c)
        # a requested vendor keeps core's behaviour
        self.assertEqual(
            self.product._select_seller(partner_id=self.supplier_a, quantity=5),
            self.seller_a,
        )

    def test_minimum_quantity(self):
        self.seller_c.min_qty = 10
        choice = self.product._ecom_choose_seller(5)
        self.assertEqual(choice["seller"], self.seller_b)
        self.assertIn("minimum quantity", choice["reason"])
        self.assertEqual(self.product._ecom_choose_seller(10)["seller"], self.seller_c)

    def test_expired_price(self):
        self.seller_c.date_end = fields.Date.today() - timedelta(days=1)
        choice = self.product._ecom_choose_seller(5)
        self.assertEqual(choice["seller"], self.seller_b)
        self.assertIn("not valid", choice["reason"])

    def test_maximum_lead_time(self):
        self.company.ecom_max_supplier_delay = 5
        self.seller_c.delay = 8
        choice = self.product._ecom_choose_seller(5)
        self.assertEqual(choice["seller"], self.seller_b)
        self.assertIn("lead time 8 days", choice["reason"])

    def test_no_supplier_meets_the_conditions(self):
        self.company.ecom_max_supplier_delay = 1
        self.assertFalse(self.product._ecom_choose_seller(5)["seller"])
        order = self._create_sale_order([(self.product, 5)])
        line = order._get_purchase_orders().order_line
        self.assertTrue(line, "the customer order still gets its supplier order")
        self.assertIn("No supplier meets the conditions", line.ecom_supplier_choice_reason)
        self.assertIn("lead time 2 days", line.ecom_supplier_choice_reason)

    def test_reordering_rule_uses_the_choice(self):
        self.product.ecom_procurement_mode = "stock"
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.product.id,
                "location_id": self.stock_location.id,
                "product_min_qty": 10,
                "product_max_qty": 20,
                "route_id": self.env.ref("purchase_stock.route_warehouse0_buy").id,
            }
        )
        orderpoint.action_replenish()
        line = self.env["purchase.order.line"].search([("product_id", "=", self.product.id)])
        self.assertEqual(line.partner_id, self.supplier_c)
        self.assertEqual(line.product_qty, 20)
        self.assertIn("Supplier C Inc chosen", line.ecom_supplier_choice_reason)
        # a vendor set on the rule wins, and the line says so
        line.order_id.button_cancel()
        orderpoint.supplier_id = self.seller_b
        orderpoint.action_replenish()
        line = self.env["purchase.order.line"].search(
            [("product_id", "=", self.product.id), ("state", "!=", "cancel")]
        )
        self.assertEqual(line.partner_id, self.supplier_b)
        self.assertEqual(line.ecom_supplier_choice_reason, "Vendor set on the reordering rule.")

    def test_not_enough_stock(self):
        self.seller_c.ecom_stock_qty = 4
        self.assertEqual(self.product._ecom_choose_seller(5)["seller"], self.seller_b)
        self.assertEqual(self.product._ecom_choose_seller(4)["seller"], self.seller_c)

    def test_stale_feed_not_trusted(self):
        self.seller_c.ecom_stock_qty = 0
        self.seller_b.ecom_stock_date = fields.Datetime.now() - timedelta(hours=30)
        choice = self.product._ecom_choose_seller(5)
        # nobody has trusted stock: the cheapest, with the flag
        self.assertEqual(choice["seller"], self.seller_a)
        self.assertTrue(choice["stock_missing"])

    def test_sale_order_explains_choice(self):
        order = self._create_sale_order([(self.product, 5)])
        line = order._get_purchase_orders().order_line
        self.assertEqual(line.partner_id, self.supplier_c)
        # the order is in the supplier's purchase currency (EUR here): 22 USD
        self.assertEqual(line.order_id.currency_id, self.eur)
        self.assertAlmostEqual(line.price_unit, 11.0)
        self.assertIn("Supplier C Inc chosen", line.ecom_supplier_choice_reason)
        self.assertFalse(line.ecom_supplier_stock_missing)
        self.assertFalse(line.order_id.activity_ids)

    def test_fallback_without_stock_schedules_activity(self):
        (self.seller_b | self.seller_c).ecom_stock_qty = 0
        order = self._create_sale_order([(self.product, 5)])
        purchase = order._get_purchase_orders()
        self.assertEqual(purchase.partner_id, self.supplier_a, "cheapest regardless of stock")
        self.assertTrue(purchase.order_line.ecom_supplier_stock_missing)
        self.assertIn("No supplier has the stock", purchase.order_line.ecom_supplier_choice_reason)
        activity = purchase.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "No supplier has the stock")

    def test_without_any_feed_cheapest(self):
        (self.seller_a | self.seller_b | self.seller_c).ecom_stock_date = False
        choice = self.product._ecom_choose_seller(5)
        self.assertEqual(choice["seller"], self.seller_a)
        self.assertFalse(choice["stock_missing"])
        self.assertIn("no supplier stock feed", choice["reason"])
