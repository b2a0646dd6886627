# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_connector's cockpit with ecom_dropship: a shop order with a dropship
or a flux-tendu line needs a supplier order, and the cockpit names it, from
the sale confirmation (procurement) until the supplier delivers."""

from odoo import Command

from odoo.addons.ecom_connector.tests.common_outbound import EcomOutboundCase


class TestCockpitDropship(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Fonderie de Kyoto", "is_company": True, "country_id": cls.country_fr.id}
        )
        cls.teapot = cls.products["THEIERE-FONTE"]
        cls.kit = cls.products["KIT-PLANT"]
        for product, mode, price in ((cls.teapot, "dropship", 20.0), (cls.kit, "flux_tendu", 8.0)):
            product.write(
                {
                    "ecom_procurement_mode": mode,
                    "seller_ids": [
                        Command.create({"partner_id": cls.supplier.id, "price": price, "delay": 2})
                    ],
                }
            )

    def _import(self, external_id, sku, quantity, price_unit, tax_rate):
        return self.import_order(
            external_id=external_id,
            reference=f"#{external_id}",
            lines=[
                {
                    "sku": sku,
                    "quantity": quantity,
                    "price_unit": f"{price_unit:.2f}",
                    "tax_rate": tax_rate,
                }
            ],
            discounts=[],
            total=f"{quantity * price_unit + 4.90:.2f}",
        )

    def _needing_supplier(self):
        return self.env["sale.order"].search(
            [("ecom_bind_ids", "!=", False), ("ecom_needs_supplier", "=", True)]
        )

    def test_dropship_line_needs_its_purchase_order(self):
        order = self._import("D-1", "THEIERE-FONTE", 1, 45.90, 20)
        self.assertEqual(order.state, "sale")
        purchase = order._get_purchase_orders()
        self.assertEqual(len(purchase), 1, "the procurement made a dropship order")
        self.assertEqual(purchase.partner_id, self.supplier)
        self.assertTrue(order.ecom_needs_supplier)
        self.assertEqual(order.ecom_supplier_orders, purchase.name)
        self.assertFalse(order.ecom_waiting_stock, "nothing waits for our stock")
        self.assertFalse(order.ecom_shippable, "nothing leaves our warehouse")
        self.assertEqual(self._needing_supplier(), order)
        # the supplier confirms, then ships to the customer
        purchase.button_confirm()
        dropship = purchase.picking_ids
        self.assertEqual(dropship.sale_id, order)
        self.assertTrue(order.ecom_needs_supplier, "confirmed, not delivered yet")
        self.ship(dropship)
        self.assertFalse(order.ecom_needs_supplier)
        self.assertFalse(order.ecom_supplier_orders)
        self.assertFalse(self._needing_supplier())

    def test_flux_tendu_line_waits_for_its_purchase_order(self):
        order = self._import("F-1", "KIT-PLANT", 3, 20.35, 10)
        purchase = order._get_purchase_orders()
        self.assertEqual(len(purchase), 1, "flux tendu buys, even with stock on hand")
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertEqual(delivery.move_ids.procure_method, "make_to_order")
        self.assertTrue(order.ecom_needs_supplier)
        self.assertEqual(order.ecom_supplier_orders, purchase.name)
        self.assertTrue(order.ecom_waiting_stock)
        self.assertFalse(order.ecom_shippable)
        cockpit = self.env["ecom.cockpit"].with_user(self.ecom_user).create({})
        self.assertEqual(cockpit.waiting_stock_count, 1)
        # the goods come in: reserved for this order, shippable now
        purchase.button_confirm()
        self.ship(purchase.picking_ids)
        self.assertEqual(delivery.state, "assigned")
        self.assertFalse(order.ecom_needs_supplier)
        self.assertFalse(order.ecom_waiting_stock)
        self.assertTrue(order.ecom_shippable)
        self.assertEqual(self.env["ecom.cockpit"].create({}).shippable_count, 1)
