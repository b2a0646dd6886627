# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A credit note posted in Odoo reported to a Shopify shop: one
``refundCreate`` per credit note with the shop's line ids, the credit note's
idempotency key (the same at every retry, recorded once), the notify rule,
the shipping, the payment refunded only when the shop says so."""

import json
import time

from odoo import Command
from odoo.tests import Form

from odoo.addons.queue_job.tests.common import trap_jobs

from ..platforms.outbound import idempotency_key
from ..platforms.shopify import exporter
from .common_outbound import EcomOutboundCase
from .servers.shopify_out import ShopifyOutServer

ORDER_GID = "gid://shopify/Order/A-1001"
SALE_GID = "gid://shopify/OrderTransaction/9"


class TestRefundShopify(EcomOutboundCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_shopify()
        cls.backend.action_reset_status_map()
        cls.server = cls.start(ShopifyOutServer())
        cls.accountant = cls._create_ecom_user("comptable", ("account.group_account_invoice",))

    def test_upgrade_adds_the_refunded_rule(self):
        """A Shopify shop created before refunds were reported gets the
        default "refunded" rule from the upgrade; its other rules, and a
        shop that already has one, are left as they are."""
        refunded = self.backend._get_status_rule("refunded")
        refunded.unlink()
        shipped = self.backend._get_status_rule("shipped")
        shipped.notify = "none"
        rules = len(self.backend.status_map_ids)
        self.backend._add_default_status_rules(["refunded"])
        rule = self.backend._get_status_rule("refunded")
        self.assertEqual((rule.shop_state, rule.notify), ("refund", "shop"))
        self.assertEqual(len(self.backend.status_map_ids), rules + 1)
        self.assertEqual(shipped.notify, "none")
        rule.notify = "odoo"
        self.backend._add_default_status_rules(["refunded"])
        self.assertEqual(self.backend._get_status_rule("refunded"), rule)
        self.assertEqual(rule.notify, "odoo")

    def setUp(self):
        super().setUp()
        self.server.refunds.clear()
        self.server.idempotency.clear()
        self.server.refund_orders[ORDER_GID] = {
            "lineItems": [
                {
                    "id": "gid://shopify/LineItem/101",
                    "sku": "THE-SENCHA",
                    "refundableQuantity": 2,
                    "variant": {"barcode": "3760000000017"},
                },
                {
                    "id": "gid://shopify/LineItem/102",
                    "sku": "THEIERE-FONTE",
                    "refundableQuantity": 1,
                    "variant": {"barcode": "3760000000024"},
                },
                {
                    "id": "gid://shopify/LineItem/103",
                    "sku": "",
                    "refundableQuantity": 3,
                    "variant": {"barcode": "3760000000048"},
                },
            ],
            "transactions": [
                {
                    "id": SALE_GID,
                    "kind": "SALE",
                    "status": "SUCCESS",
                    "gateway": "shopify_payments",
                    "parentTransaction": None,
                    "amountSet": {"shopMoney": {"amount": "88.10", "currencyCode": "EUR"}},
                }
            ],
            "shipping": 4.90,
        }

    # ------------------------------------------------------------ helpers

    def _shop_order(self):
        """The canonical order with Shopify's line ids on its first two
        lines; the third (by barcode) has none, as an order imported before
        the line ids were kept."""
        order = self.canonical_order()
        order["lines"][0]["external_id"] = "101"
        order["lines"][1]["external_id"] = "102"
        return self.import_order(lines=order["lines"])

    def _invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _credit_note(self, invoice, quantities=None, shipping=True, extra=None):
        """A draft credit note of ``invoice`` by the accountant, keeping only
        ``quantities`` ({product: qty}; all lines when None) and the shipping
        line when ``shipping``; ``extra``: a product line added."""
        refund = invoice.with_user(self.accountant)._reverse_moves()
        commands = []
        for line in refund.invoice_line_ids:
            if line.sale_line_ids.is_delivery:
                if not shipping:
                    commands.append(Command.delete(line.id))
            elif quantities is not None:
                if line.product_id in quantities:
                    commands.append(
                        Command.update(line.id, {"quantity": quantities[line.product_id]})
                    )
                else:
                    commands.append(Command.delete(line.id))
        if extra:
            commands.append(
                Command.create({"product_id": extra.id, "quantity": 1, "price_unit": 18.5})
            )
        if commands:
            refund.write({"invoice_line_ids": commands})
        return refund.with_user(self.accountant)

    def _refund_requests(self):
        return [json.loads(r.body) for r in self.server.routed() if b"refundCreate(" in r.body]

    def _jobs(self, trap):
        return [j for j in trap.enqueued_jobs if j.method_name == "_ecom_push_status"]

    # -------------------------------------------------------------- tests

    def test_credit_note_one_refund_with_lines_key_and_notify(self):
        order = self._shop_order()
        self.assertEqual(
            order.order_line[:3].mapped("ecom_line_external_id"), ["101", "102", False]
        )
        refund = self._credit_note(self._invoice(order))
        token = f"refunded:move{refund.id}"
        with trap_jobs() as trap:
            refund.action_post()
            trap.assert_enqueued_job(
                order._ecom_push_status,
                args=("refunded", token, False),
                kwargs={"refund_id": refund.id},
                properties={
                    "channel": "root.ecom.out",
                    "identity_key": f"ecom_status_{order.id}_{token}",
                },
            )
            self.assertEqual(len(self._jobs(trap)), 1)
            self.run_jobs(trap)
        (request,) = self._refund_requests()
        self.assertIn("@idempotent(key: $key)", request["query"])
        self.assertEqual(
            request["variables"]["key"],
            idempotency_key(self.backend.id, "refundCreate", refund.id),
        )
        data = request["variables"]["input"]
        self.assertEqual(data["orderId"], ORDER_GID)
        self.assertEqual(data["note"], refund.name)
        self.assertIs(data["notify"], True, "Shopify notifies by default")
        self.assertEqual(
            data["refundLineItems"],
            [
                {
                    "lineItemId": "gid://shopify/LineItem/101",
                    "quantity": 2,
                    "restockType": "NO_RESTOCK",
                },
                {
                    "lineItemId": "gid://shopify/LineItem/102",
                    "quantity": 1,
                    "restockType": "NO_RESTOCK",
                },
                # no line id kept: matched by its barcode on the Shopify order
                {
                    "lineItemId": "gid://shopify/LineItem/103",
                    "quantity": 3,
                    "restockType": "NO_RESTOCK",
                },
            ],
        )
        self.assertEqual(data["shipping"], {"fullRefund": True})
        self.assertEqual(data["transactions"], [], "recorded without moving money")
        self.assertEqual(len(self.server.refunds), 1)
        self.assertEqual(order.ecom_sync_state, "done")
        self.assertIn(token, order.ecom_status_sent.split())
        # posted a second time: never sent again
        with trap_jobs() as trap:
            refund.button_draft()
            refund.action_post()
            self.assertFalse(self._jobs(trap))
        self.assertEqual(len(self._refund_requests()), 1)

    def test_refund_retried_after_500_throttle_and_timeout_recorded_once(self):
        order = self._shop_order()
        refund = self._credit_note(self._invoice(order))
        self.server.faults.append(500)
        with trap_jobs() as trap:
            refund.action_post()
            trap.perform_enqueued_jobs()
            self.assertEqual(order.ecom_sync_state, "error", "HTTP 500: a retry is queued")
            self.assertIn("HTTP 500", order.ecom_sync_error)
            trap.assert_jobs_count(1, only=order._ecom_push_status)
            self.server.throttle_next = 1
            trap.perform_enqueued_jobs()
            self.assertIn("throttling", order.ecom_sync_error)
            trap.assert_jobs_count(1, only=order._ecom_push_status)
            # the refund is recorded by Shopify, its answer comes after Odoo gave up
            self.server.faults.extend([None, ("slow", 1.5)])
            trap.perform_enqueued_jobs()
            self.assertEqual(order.ecom_sync_state, "error")
            time.sleep(0.7)
            self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "done", order.ecom_sync_error)
        requests = self._refund_requests()
        self.assertEqual(len(requests), 2, "the timed-out call and its retry")
        self.assertEqual(len({r["variables"]["key"] for r in requests}), 1, "one key")
        self.assertEqual(len(self.server.refunds), 1, "recorded once")

    def test_two_partial_credit_notes_two_refunds(self):
        order = self._shop_order()
        invoice = self._invoice(order)
        sencha, teapot = self.products["THE-SENCHA"], self.products["THEIERE-FONTE"]
        first = self._credit_note(invoice, {sencha: 1}, shipping=False)
        second = self._credit_note(invoice, {teapot: 1})
        with trap_jobs() as trap:
            first.action_post()
            second.action_post()
            self.assertEqual(len(self._jobs(trap)), 2)
            self.run_jobs(trap)
        one, two = (r["variables"] for r in self._refund_requests())
        self.assertNotEqual(one["key"], two["key"])
        self.assertEqual(
            one["input"]["refundLineItems"],
            [
                {
                    "lineItemId": "gid://shopify/LineItem/101",
                    "quantity": 1,
                    "restockType": "NO_RESTOCK",
                }
            ],
        )
        self.assertNotIn("shipping", one["input"])
        self.assertEqual(
            [i["lineItemId"] for i in two["input"]["refundLineItems"]],
            ["gid://shopify/LineItem/102"],
        )
        self.assertEqual(two["input"]["shipping"], {"fullRefund": True})
        self.assertEqual(len(self.server.refunds), 2)
        lines = self.server.refund_orders[ORDER_GID]["lineItems"]
        self.assertEqual([line["refundableQuantity"] for line in lines], [1, 0, 3])
        self.assertEqual(order.ecom_sync_state, "done")

    def test_user_error_shown_on_order(self):
        order = self._shop_order()
        # refunded at Shopify already
        self.server.refund_orders[ORDER_GID]["lineItems"][0]["refundableQuantity"] = 0
        refund = self._credit_note(self._invoice(order), {self.products["THE-SENCHA"]: 2})
        with trap_jobs() as trap:
            refund.action_post()
            self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "error")
        self.assertIn(
            "Quantity cannot refund more items than were purchased", order.ecom_sync_error
        )
        self.assertIn(refund.name, order.ecom_sync_error)
        self.assertEqual(self.env["sale.order"].search(order._ecom_cockpit_domain("error")), order)
        self.assertFalse(self.server.refunds)
        # corrected at Shopify: sent again from the order, with the same key
        self.server.refund_orders[ORDER_GID]["lineItems"][0]["refundableQuantity"] = 2
        with trap_jobs() as trap:
            order.action_ecom_retry_sync()
            self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "done", order.ecom_sync_error)
        self.assertEqual(len(self.server.refunds), 1)
        self.assertEqual(len({r["variables"]["key"] for r in self._refund_requests()}), 1)

    def test_line_not_on_shopify_order_sends_nothing(self):
        order = self._shop_order()
        kit = self.products["KIT-PLANT"]
        refund = self._credit_note(
            self._invoice(order), {self.products["THE-SENCHA"]: 1}, extra=kit
        )
        with trap_jobs() as trap:
            refund.action_post()
            self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "error")
        self.assertIn(kit.display_name, order.ecom_sync_error)
        self.assertIn("nothing was sent", order.ecom_sync_error)
        self.assertFalse(self._refund_requests())

    def test_payment_refunded_when_the_shop_says_so(self):
        self.backend.shopify_refund_payment = True
        order = self._shop_order()
        invoice = self._invoice(order)
        refund = self._credit_note(invoice, {self.products["THEIERE-FONTE"]: 1}, shipping=False)
        with trap_jobs() as trap:
            refund.action_post()
            self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "done", order.ecom_sync_error)
        (request,) = self._refund_requests()
        self.assertEqual(
            request["variables"]["input"]["transactions"],
            [
                {
                    "orderId": ORDER_GID,
                    "parentId": SALE_GID,
                    "kind": "REFUND",
                    "gateway": "shopify_payments",
                    "amount": f"{refund.amount_total:.2f}",
                }
            ],
        )
        # more than what is left of the payment: Shopify's refusal on the order
        self.server.refund_orders[ORDER_GID]["transactions"][0]["amountSet"]["shopMoney"][
            "amount"
        ] = f"{refund.amount_total + 10:.2f}"
        second = self._credit_note(invoice, {self.products["THE-SENCHA"]: 2})
        with trap_jobs() as trap:
            second.action_post()
            self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "error")
        self.assertIn("Amount exceeds the refundable amount", order.ecom_sync_error)
        self.assertEqual(len(self.server.refunds), 1)

    def test_returned_goods_restocked_and_odoo_mails(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.backend._get_status_rule("refunded").notify = "odoo"
        order = self._shop_order()
        order.partner_id.lang = "fr_FR"
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        with trap_jobs():
            self.ship(picking)
        wizard = Form(
            self.env["stock.return.picking"].with_context(
                active_ids=picking.ids, active_id=picking.id, active_model="stock.picking"
            )
        ).save()
        for line in wizard.product_return_moves:
            line.quantity = 1 if line.product_id == self.products["THE-SENCHA"] else 0
        back = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        back.move_ids.write({"quantity": 1, "picked": True})
        with trap_jobs():
            back.button_validate()
        refund = self._credit_note(
            self._invoice(order),
            {self.products["THE-SENCHA"]: 1, self.products["THEIERE-FONTE"]: 1},
            shipping=False,
        )
        with trap_jobs() as trap:
            refund.action_post()
            self.run_jobs(trap)
        (request,) = self._refund_requests()
        data = request["variables"]["input"]
        self.assertEqual(
            data["refundLineItems"],
            [
                {
                    "lineItemId": "gid://shopify/LineItem/101",
                    "quantity": 1,
                    "restockType": "RETURN",
                    "locationId": "gid://shopify/Location/1",
                },
                {
                    "lineItemId": "gid://shopify/LineItem/102",
                    "quantity": 1,
                    "restockType": "NO_RESTOCK",
                },
            ],
        )
        self.assertIs(data["notify"], False, "Odoo notifies: Shopify does not")
        mails = order.message_ids.filtered(lambda m: "remboursée" in str(m.subject))
        self.assertEqual(len(mails), 1)
        self.assertIn(order.partner_id, mails.partner_ids)

    def test_half_unit_refused_before_sending(self):
        order = self._shop_order()
        refund = self._credit_note(self._invoice(order), {self.products["THE-SENCHA"]: 0.5})
        with trap_jobs() as trap:
            refund.action_post()
            self.run_jobs(trap)
        self.assertEqual(order.ecom_sync_state, "error")
        self.assertIn("whole units", order.ecom_sync_error)
        self.assertFalse(self._refund_requests())

    def test_refund_amount_split_over_the_payments(self):
        def sale(number, amount):
            return {
                "id": f"gid://shopify/OrderTransaction/{number}",
                "kind": "CAPTURE",
                "status": "SUCCESS",
                "gateway": "paypal",
                "amountSet": {"shopMoney": {"amount": amount}},
            }

        earlier = {
            "id": "gid://shopify/OrderTransaction/3",
            "kind": "REFUND",
            "status": "SUCCESS",
            "parentTransaction": {"id": "gid://shopify/OrderTransaction/1"},
            "amountSet": {"shopMoney": {"amount": "25.00"}},
        }
        transactions = exporter.refund_transactions(
            {"amount": "50.00"}, ORDER_GID, [sale(1, "40.00"), sale(2, "60.00"), earlier]
        )
        self.assertEqual(
            [(t["parentId"][-1], t["amount"]) for t in transactions],
            [("1", "15.00"), ("2", "35.00")],
        )
