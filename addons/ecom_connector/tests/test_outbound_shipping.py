# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tracking and order status out: once per shipment / transition, never
before the tracking number, not duplicated after a time-out, partial
shipments, each platform's form."""

import json
import time

from odoo.exceptions import AccessError

from odoo.addons.queue_job.tests.common import trap_jobs

from .common_outbound import EcomOutboundCase
from .servers.magento2 import ACCESS_TOKEN as MAGENTO_TOKEN
from .servers.magento2_out import Magento2OutServer
from .servers.prestashop import WS_KEY
from .servers.prestashop_out import PrestaShopOutServer
from .servers.shopify import ACCESS_TOKEN as SHOPIFY_TOKEN
from .servers.shopify_out import ShopifyOutServer
from .servers.woocommerce_out import WooCommerceOutServer


class TestShippingWooCommerce(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = cls.start(
            WooCommerceOutServer(orders=[{"id": "A-1001", "status": "processing"}])
        )

    def setUp(self):
        super().setUp()
        self.server.notes.clear()
        self.server.trackings.clear()
        self.server.statuses.clear()

    def _order_and_picking(self):
        order = self.import_order()
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        return order, picking

    def test_status_confirmed_queued_once_with_identity_key(self):
        with trap_jobs() as trap:
            order = self.import_order()
            order._ecom_order_event("confirmed")
        trap.assert_enqueued_job(
            order._ecom_push_status,
            args=("confirmed", "confirmed", False),
            properties={
                "channel": "root.ecom.out",
                "identity_key": f"ecom_status_{order.id}_confirmed",
            },
        )
        self.assertEqual(
            len([j for j in trap.enqueued_jobs if j.method_name == "_ecom_push_status"]), 1
        )
        self.run_jobs(trap)
        self.assertEqual(self.server.statuses, [("A-1001", "processing")])
        self.assertEqual(order.ecom_sync_state, "done")
        order._ecom_order_event("confirmed")
        self.assertEqual(self.server.statuses, [("A-1001", "processing")], "sent once")

    def test_status_retried_after_500(self):
        order = self.import_order()
        self.server.faults.append(500)
        with trap_jobs() as trap:
            order._ecom_push_status("confirmed", "confirmed")
        self.assertEqual(order.ecom_sync_state, "error")
        self.assertIn("HTTP 500", order.ecom_sync_error)
        self.assertEqual(
            self.env["sale.order"].search_count(
                order._ecom_cockpit_domain("error") + [("id", "=", order.id)]
            ),
            1,
        )
        trap.assert_jobs_count(1)
        self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "done")
        self.assertEqual(self.server.statuses, [("A-1001", "processing")])

    def test_shop_refusal_shown_as_written(self):
        order = self.import_order()
        rule = self.backend._get_status_rule("confirmed")
        rule.shop_state = "expediee"
        order._ecom_push_status("confirmed", "confirmed")
        self.assertEqual(order.ecom_sync_state, "error")
        self.assertIn("status is not one of pending", order.ecom_sync_error)

    def test_tracking_never_before_number_then_once(self):
        order, picking = self._order_and_picking()
        with trap_jobs() as trap:
            self.ship(picking)
        self.assertFalse([j for j in trap.enqueued_jobs if j.method_name == "_ecom_push_shipment"])
        self.assertFalse(picking.ecom_shipment_state)
        with trap_jobs() as trap:
            picking.carrier_tracking_ref = "6A12345678901"
            trap.assert_enqueued_job(
                picking._ecom_push_shipment,
                properties={
                    "channel": "root.ecom.out",
                    "identity_key": f"ecom_shipment_{picking.id}",
                },
            )
            self.run_jobs(trap)
        self.assertEqual(picking.ecom_shipment_state, "sent")
        (note,) = self.server.notes["A-1001"]
        self.assertIn("6A12345678901", note["note"])
        self.assertTrue(note["customer_note"], "the shop notifies (WooCommerce default)")
        # shipped -> completed, once
        self.assertIn(("A-1001", "completed"), self.server.statuses)
        picking._ecom_push_shipment()
        picking.carrier_tracking_ref = "6A12345678901"
        self.assertEqual(len(self.server.notes["A-1001"]), 1)

    def test_tracking_not_duplicated_after_timeout(self):
        order, picking = self._order_and_picking()
        with trap_jobs() as trap:
            self.ship(picking, tracking="6A99999999999")
            self.server.faults.extend([None, ("slow", 1.5)])  # GET notes, then POST times out
            trap.perform_enqueued_jobs()
        self.assertEqual(picking.ecom_shipment_state, "error")
        self.assertIn("does not answer", picking.ecom_shipment_error)
        with trap_jobs() as trap:
            picking._ecom_delay_shipment()
        time.sleep(0.7)  # the shop finishes the request Odoo gave up on
        self.run_jobs(trap)
        self.assertEqual(picking.ecom_shipment_state, "sent")
        self.assertEqual(len(self.server.notes["A-1001"]), 1, "found at the shop, not sent again")

    def test_shipment_tracking_extension(self):
        self.backend.woo_tracking_mode = "extension"
        order, picking = self._order_and_picking()
        with trap_jobs() as trap:
            self.ship(picking, tracking="6A11111111111")
            self.run_jobs(trap)
        (tracking,) = self.server.trackings["A-1001"]
        self.assertEqual(tracking["tracking_number"], "6A11111111111")
        self.assertRegex(tracking["date_shipped"], r"^\d{4}-\d{2}-\d{2}$")
        self.assertEqual(picking.ecom_shipment_ref, "t1")

    # ------------------------------------------------------------ refunds

    def _invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _refund(self, invoice, user):
        """A credit note of ``invoice`` created and posted by ``user``."""
        refund = invoice.with_user(user)._reverse_moves()
        refund.action_post()
        return refund

    def test_refund_sends_refunded_once_with_retries(self):
        order = self.import_order()
        invoice = self._invoice(order)
        # an accountant who has no right on the shops posts the credit note
        accountant = self._create_ecom_user("comptable", ("account.group_account_invoice",))
        self.server.faults.append(500)
        with trap_jobs() as trap:
            self._refund(invoice, accountant)
            trap.assert_enqueued_job(
                order._ecom_push_status,
                args=("refunded", "refunded", False),
                properties={
                    "channel": "root.ecom.out",
                    "identity_key": f"ecom_status_{order.id}_refunded",
                },
            )
            trap.perform_enqueued_jobs()
            self.assertEqual(order.ecom_sync_state, "error", "HTTP 500: a retry is queued")
            self.assertIn("HTTP 500", order.ecom_sync_error)
            trap.assert_jobs_count(1, only=order._ecom_push_status)
            self.run_jobs(trap)
        self.assertEqual(self.server.statuses, [("A-1001", "refunded")])
        self.assertEqual(order.ecom_sync_state, "done")
        # WooCommerce mails its own "refunded" e-mail: not Odoo
        self.assertFalse(
            order.message_ids.filtered(lambda m: self._has(m, "is refunded", "remboursée"))
        )
        # a second (partial) credit note: the shop already knows
        with trap_jobs() as trap:
            self._refund(invoice, accountant)
            trap.assert_jobs_count(0, only=order._ecom_push_status)
        self.assertEqual(self.server.statuses, [("A-1001", "refunded")])

    def test_refund_mail_when_odoo_notifies(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.backend._get_status_rule("refunded").notify = "odoo"
        order = self.import_order()
        order.partner_id.lang = "fr_FR"
        invoice = self._invoice(order)
        with trap_jobs() as trap:
            self._refund(invoice, self.ecom_user)
            self._refund(invoice, self.ecom_user)
            self.run_jobs(trap)
        mails = order.message_ids.filtered(lambda m: "remboursée" in str(m.subject or m.body))
        self.assertEqual(len(mails), 1, "once per order")
        self.assertIn(order.partner_id, mails.partner_ids)
        self.assertIn("est remboursée", mails.subject)
        self.assertEqual(
            self.server.statuses, [("A-1001", "refunded")], "the status is sent all the same"
        )
        # nobody notifies: the status alone
        self.backend._get_status_rule("refunded").notify = "none"
        other = self.import_order(external_id="A-1002", reference="#1002")
        entry = {"id": "A-1002", "status": "processing"}
        self.server.orders.append(entry)
        self.addCleanup(self.server.orders.remove, entry)
        with trap_jobs() as trap:
            self._refund(self._invoice(other), self.ecom_user)
            self.run_jobs(trap)
        self.assertFalse(other.message_ids.filtered(lambda m: "rembours" in str(m.subject)))
        self.assertIn(("A-1002", "refunded"), self.server.statuses)

    # --------------------------------------------- a warehouse user's rights

    def test_warehouse_user_reserves_and_ships_without_sale_rights(self):
        worker = self._create_ecom_user("magasinier", ("stock.group_stock_user",))
        stock = self.warehouse.lot_stock_id
        for product in self.products.values():
            self.env["stock.quant"]._update_available_quantity(product, stock, -50)
        order, picking = self._order_and_picking()
        self.assertEqual(picking.state, "confirmed", "nothing in stock")
        self.assertFalse(order.ecom_notified)
        for product in self.products.values():
            self.env["stock.quant"]._update_available_quantity(product, stock, 5)
        picking = picking.with_user(worker)
        with self.assertRaises(AccessError):
            picking.sale_id.ecom_bind_ids.read(["external_id"])  # the shop's binding
        picking.action_assign()
        self.assertEqual(picking.state, "assigned")
        self.assertIn("preparation", order.ecom_notified.split(), "reserved: in preparation")
        with trap_jobs() as trap:
            self.ship(picking, tracking="6A55555555555")
            (job,) = [j for j in trap.enqueued_jobs if j.method_name == "_ecom_push_shipment"]
            # the transfer's job keeps the worker's rights; only the order is read as superuser
            self.assertEqual(job.recordset.env.uid, worker.id)
            self.assertFalse(job.recordset.env.su)
            self.run_jobs(trap)
        self.assertEqual(picking.ecom_shipment_state, "sent")
        self.assertIn(("A-1001", "completed"), self.server.statuses)
        with self.assertRaises(AccessError):
            picking.sale_id.ecom_bind_ids.read(["external_id"])  # still not readable


class TestShippingShopify(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend.write({"platform": "shopify", "api_key": SHOPIFY_TOKEN})
        cls.backend.action_reset_status_map()
        cls.server = cls.start(ShopifyOutServer())

    def setUp(self):
        super().setUp()
        self.server.shipping["gid://shopify/Order/A-1001"] = {
            "fulfillments": [],
            "fulfillmentOrders": [
                {
                    "id": "gid://shopify/FulfillmentOrder/1",
                    "status": "OPEN",
                    "lineItems": {
                        "nodes": [
                            {
                                "id": "gid://shopify/FulfillmentOrderLineItem/11",
                                "remainingQuantity": 2,
                                "lineItem": {"sku": "THE-SENCHA"},
                            },
                            {
                                "id": "gid://shopify/FulfillmentOrderLineItem/12",
                                "remainingQuantity": 1,
                                "lineItem": {"sku": "THEIERE-FONTE"},
                            },
                            {
                                "id": "gid://shopify/FulfillmentOrderLineItem/13",
                                "remainingQuantity": 3,
                                "lineItem": {"sku": "REVUE-THE"},
                            },
                        ]
                    },
                }
            ],
        }

    def _fulfillments(self):
        return [json.loads(r.body) for r in self.server.requests if b"fulfillmentCreate(" in r.body]

    def test_partial_shipments_each_with_its_lines_and_number(self):
        order = self.import_order()
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        with trap_jobs() as trap:
            self.ship(picking, {self.products["THE-SENCHA"]: 2}, tracking="XY111")
            self.run_jobs(trap)
        first = self._fulfillments()[-1]["variables"]["fulfillment"]
        self.assertEqual(
            first["lineItemsByFulfillmentOrder"][0]["fulfillmentOrderLineItems"],
            [{"id": "gid://shopify/FulfillmentOrderLineItem/11", "quantity": 2}],
        )
        self.assertEqual(first["trackingInfo"]["numbers"], ["XY111"])
        self.assertNotIn("shipped", (order.ecom_status_sent or "").split())
        backorder = order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "done"
        )
        with trap_jobs() as trap:
            self.ship(backorder, tracking="XY222,XY223")
            self.run_jobs(trap)
        second = self._fulfillments()[-1]["variables"]["fulfillment"]
        self.assertEqual(
            len(second["lineItemsByFulfillmentOrder"][0]["fulfillmentOrderLineItems"]), 2
        )
        self.assertEqual(second["trackingInfo"]["numbers"], ["XY222", "XY223"])
        self.assertEqual(len(self.server.shipping["gid://shopify/Order/A-1001"]["fulfillments"]), 2)
        self.assertEqual(backorder.ecom_shipment_state, "sent")
        self.assertTrue(backorder.ecom_shipment_ref.startswith("gid://shopify/Fulfillment/"))

    def test_fulfilment_not_duplicated_after_timeout(self):
        order = self.import_order()
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        with trap_jobs() as trap:
            self.ship(picking, tracking="XY333")
            self.server.faults.extend([None, ("slow", 1.5)])
            trap.perform_enqueued_jobs()
        self.assertEqual(picking.ecom_shipment_state, "error")
        time.sleep(0.7)
        with trap_jobs() as trap:
            picking._ecom_delay_shipment()
            self.run_jobs(trap)
        self.assertEqual(picking.ecom_shipment_state, "sent")
        self.assertEqual(len(self.server.shipping["gid://shopify/Order/A-1001"]["fulfillments"]), 1)

    def test_delivery_event_and_cancel(self):
        order = self.import_order()
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        with trap_jobs() as trap:
            self.ship(picking, tracking="XY444")
            self.run_jobs(trap)
        with trap_jobs() as trap:
            picking._ecom_delivery_event("delivered")
            self.run_jobs(trap)
        self.assertEqual(
            self.server.events,
            [{"fulfillmentId": picking.ecom_shipment_ref, "status": "DELIVERED"}],
        )
        other = self.import_order(external_id="A-1002", reference="#1002")
        with trap_jobs() as trap:
            other.with_context(disable_cancel_warning=True).action_cancel()
            self.run_jobs(trap)
        self.assertEqual(self.server.cancelled, ["gid://shopify/Order/A-1002"])


class TestShippingMagentoPrestaShop(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.magento = cls.env["ecom.backend"].create(
            {
                "name": "Magento",
                "platform": "magento2",
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "api_key": MAGENTO_TOKEN,
                "tax_map_ids": [
                    (0, 0, {"rate": m.rate, "tax_id": m.tax_id.id, "country_id": m.country_id.id})
                    for m in cls.backend.tax_map_ids
                ],
                "carrier_map_ids": [(0, 0, {"code": "colissimo", "carrier_id": cls.carrier.id})],
                "payment_map_ids": [(0, 0, {"code": "stripe", "rule": "paid"})],
                "prices_include_tax": True,
            }
        )
        cls.presta = cls.magento.copy(
            {"name": "PrestaShop", "platform": "prestashop", "api_key": WS_KEY}
        )
        cls.presta.status_map_ids = [(5, 0, 0)] + cls.presta._prepare_status_map_commands()
        cls.magento_server = cls.start(Magento2OutServer(), backend=cls.magento)
        cls.presta_server = cls.start(PrestaShopOutServer(), backend=cls.presta)

    def test_magento_ship_with_items_and_tracks(self):
        self.magento_server.order_items["A-1001"] = [
            {"item_id": 1, "sku": "THE-SENCHA", "qty_ordered": 2, "qty_shipped": 0},
            {"item_id": 2, "sku": "THEIERE-FONTE", "qty_ordered": 1, "qty_shipped": 0},
            {"item_id": 3, "sku": "REVUE-THE", "qty_ordered": 3, "qty_shipped": 0},
        ]
        order = self.import_order(backend=self.magento)
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        with trap_jobs() as trap:
            self.ship(picking, tracking="CB123456789FR")
            self.run_jobs(trap)
        self.assertEqual(picking.ecom_shipment_state, "sent", picking.ecom_shipment_error)
        (shipment,) = self.magento_server.shipments
        self.assertEqual(shipment["tracks"][0]["track_number"], "CB123456789FR")
        self.assertEqual(sorted(i["qty"] for i in shipment["items"]), [1, 2, 3])
        self.assertEqual(picking.ecom_shipment_ref, str(shipment["entity_id"]))
        # delivered: a comment with the status
        with trap_jobs() as trap:
            picking._ecom_delivery_event("delivered")
            self.run_jobs(trap)
        self.assertEqual(self.magento_server.comments[-1][1]["status"], "complete")

    def test_prestashop_tracking_and_order_history(self):
        self.presta_server.add_order_carrier("A-1001")
        order = self.import_order(backend=self.presta)
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        with trap_jobs() as trap:
            self.ship(picking, tracking="6A12345678901")
            self.run_jobs(trap)
        (carrier,) = self.presta_server.order_carriers.values()
        self.assertEqual(carrier["tracking_number"], "6A12345678901")
        self.assertIn(
            ("order_carriers", carrier["id"]), self.presta_server.emails, "the shop mails"
        )
        states = [h["id_order_state"] for h in self.presta_server.order_histories]
        self.assertIn("4", states)
        self.assertEqual(states.count("4"), 1)
