# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import EcomDropshipCase


@tagged("post_install", "-at_install")
class TestProcurementMode(EcomDropshipCase):
    def test_mode_sets_routes(self):
        routes = self.env["product.template"]._ecom_get_procurement_routes()
        buy = self.env.ref("purchase_stock.route_warehouse0_buy")
        dropship = self.env.ref("stock_dropshipping.route_drop_shipping")
        mto = routes["flux_tendu"] - buy
        self.assertTrue(mto.active, "the MTO route is unarchived on first use")
        self.assertTrue(self.warehouse.mto_pull_id.active)
        product = self._create_product("Lampe", categ_id=self.category_flux.id)
        self.assertEqual(product.ecom_procurement_mode, "flux_tendu")
        self.assertEqual(product.route_ids, buy | mto)
        product.ecom_procurement_mode = "dropship"
        self.assertEqual(product.route_ids, dropship)
        product.ecom_procurement_mode = "stock"
        self.assertFalse(product.route_ids)
        # other routes the merchant set are kept
        custom = self.env["stock.route"].create(
            {
                "name": "Custom",
                "product_selectable": True,
                "company_id": self.company.id,
            }
        )
        product.route_ids = custom
        product.categ_id = self.category_dropship
        self.assertEqual(product.ecom_procurement_mode, "dropship")
        self.assertEqual(product.route_ids, dropship | custom)
        # a product created without category mode stays in stock mode
        stock_product = self._create_product("Vase")
        self.assertEqual(stock_product.ecom_procurement_mode, "stock")
        self.assertFalse(stock_product.route_ids)

    def test_category_mode_applied_to_its_products(self):
        lamp = self._create_product("Lampe", categ_id=self.category_flux.id)
        vase = self._create_product("Vase", categ_id=self.category_flux.id, mode="stock")
        other = self._create_product("Tapis", mode="stock")
        self.category_flux.ecom_procurement_mode = "dropship"
        self.assertEqual(lamp.ecom_procurement_mode, "flux_tendu", "a default only")
        self.category_flux.action_ecom_apply_procurement_mode()
        dropship = self.env.ref("stock_dropshipping.route_drop_shipping")
        self.assertEqual((lamp | vase).mapped("ecom_procurement_mode"), ["dropship"] * 2)
        self.assertEqual(lamp.route_ids, dropship)
        self.assertEqual(vase.route_ids, dropship)
        self.assertEqual(other.ecom_procurement_mode, "stock")

    def test_stock_mode_ships_from_stock(self):
        product = self._create_product("Vase", sellers=[(self.supplier_a, 4.0, {})])
        self.env["stock.quant"]._update_available_quantity(product, self.stock_location, 5)
        order = self._create_sale_order([(product, 2)])
        self.assertFalse(order._get_purchase_orders(), "no supplier order in stock mode")
        delivery = order.picking_ids
        self.assertEqual(delivery.move_ids.procure_method, "make_to_stock")
        delivery.with_user(self.ecom_user).action_assign()
        self.assertEqual(delivery.state, "assigned")
        self._validate(delivery.with_user(self.ecom_user))
        self.assertEqual(order.order_line.qty_delivered, 2)
        self.assertEqual(product.qty_available, 3)

    def test_flux_tendu_chain(self):
        """SO → PO → receipt → delivery reserved for that customer order."""
        product = self._create_product(
            "Lampe", mode="flux_tendu", sellers=[(self.supplier_a, 20.0, {})]
        )
        # stock that belongs to nobody: flux tendu must not take it
        self.env["stock.quant"]._update_available_quantity(product, self.stock_location, 10)
        order = self._create_sale_order([(product, 3)])
        purchase = order._get_purchase_orders()
        self.assertEqual(len(purchase), 1)
        self.assertEqual(purchase.partner_id, self.supplier_a)
        self.assertEqual(purchase.state, "draft", "supplier A is confirmed manually")
        self.assertEqual(purchase.order_line.product_qty, 3)
        self.assertTrue(purchase.ecom_auto_created)
        self.assertIn("Fournisseur A", purchase.order_line.ecom_supplier_choice_reason)
        delivery = order.picking_ids
        self.assertEqual(delivery.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(delivery.move_ids.procure_method, "make_to_order")
        delivery.action_assign()
        self.assertEqual(delivery.state, "waiting", "the delivery waits for the supplier")
        purchase.with_user(self.ecom_user).button_confirm()
        receipt = purchase.picking_ids
        self.assertEqual(receipt.picking_type_id, self.warehouse.in_type_id)
        self.assertEqual(receipt.move_ids.move_dest_ids, delivery.move_ids)
        self._validate(receipt.with_user(self.ecom_user))
        self.assertEqual(delivery.state, "assigned", "received goods are reserved at once")
        self._validate(delivery.with_user(self.ecom_user))
        self.assertEqual(delivery.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 3)
        self.assertEqual(product.qty_available, 10, "the free stock was left alone")

    def test_dropship_chain_and_slip(self):
        product = self._create_product(
            "Canapé",
            mode="dropship",
            sellers=[(self.supplier_b, 300.0, {})],
            default_code="CAN-1",
        )
        order = self._create_sale_order([(product, 1)])
        self.assertFalse(order.picking_ids.filtered(lambda p: not p.is_dropship))
        purchase = order._get_purchase_orders()
        self.assertEqual(purchase.partner_id, self.supplier_b)
        self.assertEqual(purchase.dest_address_id, self.customer)
        self.assertTrue(purchase.ecom_is_dropship)
        purchase.button_confirm()
        dropship = purchase.picking_ids
        self.assertTrue(dropship.is_dropship)
        self.assertEqual(dropship.location_dest_id.usage, "customer")
        self._validate(dropship)
        self.assertEqual(order.order_line.qty_delivered, 1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ecom_dropship.report_dropship_slip", purchase.ids)[0]
            .decode()
        )
        self.assertIn("SHOP-1001", html)
        self.assertIn("Camille Martin", html)
        self.assertIn("8 avenue Jean Jaurès", html)
        self.assertIn("Canapé", html)
        self.assertIn("CAN-1", html)
        # no merchant branding, no price
        self.assertNotIn("Boutique Test SAS", html)
        self.assertNotIn("FR23334175221", html)
        self.assertNotIn("12 rue de la République", html)
        self.assertNotIn("300", html)
        # and it goes with the purchase order e-mailed to the supplier
        template = self.env.ref("purchase.email_template_edi_purchase_done")
        attachments = template._generate_template_attachments(
            purchase.ids, ["report_template_ids"]
        )[purchase.id]["attachments"]
        slips = [
            base64.b64decode(content).decode()
            for name, content in attachments
            if name.startswith("Delivery slip - SHOP-1001.")
        ]
        self.assertEqual(len(slips), 1)
        self.assertIn("Camille Martin", slips[0])
        stock_product = self._create_product("Vase", sellers=[(self.supplier_b, 3.0, {})])
        other = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier_b.id,
                "order_line": [Command.create({"product_id": stock_product.id, "product_qty": 1})],
            }
        )
        attachments = template._generate_template_attachments(other.ids, ["report_template_ids"])[
            other.id
        ].get("attachments", [])
        self.assertFalse([name for name, _content in attachments if "Delivery slip" in name])

    def test_grouping_per_supplier_and_auto_confirm(self):
        self.supplier_b.with_company(self.company).ecom_po_auto_confirm = "immediate"
        lamp = self._create_product(
            "Lampe", mode="flux_tendu", sellers=[(self.supplier_a, 20.0, {})]
        )
        shade = self._create_product(
            "Abat-jour", mode="flux_tendu", sellers=[(self.supplier_a, 5.0, {})]
        )
        rug = self._create_product(
            "Tapis", mode="flux_tendu", sellers=[(self.supplier_b, 40.0, {})]
        )
        order_1 = self._create_sale_order([(lamp, 1), (rug, 1)])
        order_2 = self._create_sale_order([(lamp, 2), (shade, 4)])
        po_a = order_1._get_purchase_orders().filtered(lambda p: p.partner_id == self.supplier_a)
        self.assertEqual(po_a, order_2._get_purchase_orders(), "one open RFQ per supplier")
        self.assertEqual(po_a.state, "draft")
        self.assertEqual(
            sorted(po_a.order_line.mapped(lambda line: (line.product_id.name, line.product_qty))),
            [("Abat-jour", 4.0), ("Lampe", 3.0)],
        )
        lamp_line = po_a.order_line.filtered(lambda line: line.product_id == lamp)
        self.assertEqual(
            lamp_line.move_dest_ids.group_id.sale_id,
            order_1 | order_2,
            "the merged line still feeds each customer order",
        )
        po_b = order_1._get_purchase_orders() - po_a
        self.assertEqual(po_b.partner_id, self.supplier_b)
        self.assertEqual(po_b.state, "purchase", "supplier B is confirmed as soon as created")
        self.assertTrue(po_b.picking_ids)
        # a confirmed order is closed: the next customer order opens a new one
        order_3 = self._create_sale_order([(rug, 1)])
        self.assertNotEqual(order_3._get_purchase_orders(), po_b)

    def test_settings_are_checked(self):
        from odoo.exceptions import ValidationError

        for vals in (
            {"ecom_po_cutoff_hour": 24.5},
            {"ecom_max_supplier_delay": -1},
            {"ecom_buffer_adu_days": 0},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.company.write(vals)

    def test_cutoff(self):
        self.company.partner_id.tz = "Europe/Paris"
        self.company.ecom_po_cutoff_hour = 14.0
        # 11:00 in Paris (UTC+1 in November): today's 14:00 Paris = 13:00 UTC
        self.assertEqual(
            self.company._ecom_get_next_cutoff(datetime(2026, 11, 23, 10, 0)),
            datetime(2026, 11, 23, 13, 0),
        )
        # 15:30 in Paris: tomorrow's cut-off
        self.assertEqual(
            self.company._ecom_get_next_cutoff(datetime(2026, 11, 23, 14, 30)),
            datetime(2026, 11, 24, 13, 0),
        )
        self.supplier_a.with_company(self.company).ecom_po_auto_confirm = "cutoff"
        lamp = self._create_product(
            "Lampe", mode="flux_tendu", sellers=[(self.supplier_a, 20.0, {})]
        )
        order_1 = self._create_sale_order([(lamp, 1)])
        purchase = order_1._get_purchase_orders()
        self.assertEqual(purchase.ecom_cutoff_datetime, self.company._ecom_get_next_cutoff())
        self.assertEqual(purchase.state, "draft", "confirmed at the cut-off, not before")
        order_2 = self._create_sale_order([(lamp, 1)])
        self.assertEqual(order_2._get_purchase_orders(), purchase)
        self.env["purchase.order"]._cron_ecom_confirm_after_cutoff()
        self.assertEqual(purchase.state, "draft")
        # the cut-off passes: the RFQ is closed to new lines and confirmed
        purchase.ecom_cutoff_datetime = fields.Datetime.now() - timedelta(minutes=1)
        order_3 = self._create_sale_order([(lamp, 1)])
        self.assertNotEqual(order_3._get_purchase_orders(), purchase)
        self.env["purchase.order"]._cron_ecom_confirm_after_cutoff()
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(order_3._get_purchase_orders().state, "draft")
