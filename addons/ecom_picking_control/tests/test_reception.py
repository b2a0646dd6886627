# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command
from odoo.tests import Form, tagged

from .common import PickingControlCase


@tagged("post_install", "-at_install")
class TestReceptionConformity(PickingControlCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cap = cls._product("Casquette", "3760000000031", 0.1, "CAP")

    def _purchase(self, lines):
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "company_id": self.company.id,
                "user_id": self.ecom_user.id,
                "picking_type_id": self.in_type.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_qty": q, "price_unit": 5.0})
                    for p, q in lines
                ],
            }
        )
        order.button_confirm()
        return order

    def _receive(self, receipt, quantities, extra=()):
        for move in receipt.move_ids:
            move.quantity = quantities.get(move.product_id, 0.0)
            # a product that did not come at all stays unpicked
            move.picked = bool(move.quantity)
        for product, qty in extra:
            self.env["stock.move"].create(
                {
                    "name": product.name,
                    "picking_id": receipt.id,
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "quantity": qty,
                    "picked": True,
                    "product_uom": product.uom_id.id,
                    "location_id": receipt.location_id.id,
                    "location_dest_id": receipt.location_dest_id.id,
                }
            )
        res = receipt.with_env(self.env_user).button_validate()
        if isinstance(res, dict) and res.get("res_model") == "stock.backorder.confirmation":
            Form.from_action(self.env_user, res).save().process_cancel_backorder()

    def test_short_over_missing_and_unexpected(self):
        # a customer order waits for more mugs than the stock and this receipt hold
        waiting = self._make_delivery([(self.mug, 40)]).sale_id
        purchase = self._purchase([(self.mug, 10), (self.tshirt, 5), (self.poster, 4)])
        receipt = purchase.picking_ids
        notified = []
        with patch.object(
            type(self.env["sale.order"]),
            "_ecom_notify_supply_delay",
            lambda orders: notified.append(orders),
            create=True,
        ):
            self._receive(receipt, {self.mug: 8, self.tshirt: 7}, extra=[(self.cap, 2)])
        self.assertEqual(receipt.state, "done")
        discrepancy = receipt.ecom_discrepancy_ids
        self.assertEqual(len(discrepancy), 1)
        lines = {line.product_id: line for line in discrepancy.line_ids}
        self.assertEqual(lines[self.mug].kind, "short")
        self.assertEqual(lines[self.mug].difference, -2)
        self.assertEqual(lines[self.tshirt].kind, "over")
        self.assertEqual(lines[self.poster].kind, "missing")
        self.assertEqual(lines[self.cap].kind, "unexpected")
        self.assertEqual(lines[self.cap].received_qty, 2)
        self.assertEqual(discrepancy.purchase_id, purchase)
        self.assertEqual(discrepancy.partner_id, self.supplier)
        # the PDF report, the buyer's activity, the flagged customer order
        self.assertEqual(discrepancy.report_attachment_id.res_id, discrepancy.id)
        self.assertTrue(discrepancy.report_attachment_id.raw)
        self.assertEqual(discrepancy.activity_ids.user_id, self.ecom_user)
        self.assertIn(waiting, discrepancy.sale_order_ids)
        self.assertTrue(waiting.ecom_supply_issue)
        self.assertEqual(len(notified), 1)
        self.assertIn(waiting, notified[0])
        # ecom_3pl calling the contract again after validation changes nothing
        self.assertEqual(receipt._ecom_record_reception_discrepancy(), discrepancy)
        self.assertEqual(len(receipt.ecom_discrepancy_ids), 1)

    def test_claim_mailed_to_the_supplier(self):
        purchase = self._purchase([(self.mug, 10)])
        self._receive(purchase.picking_ids, {self.mug: 6})
        discrepancy = purchase.picking_ids.ecom_discrepancy_ids
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "ecom_picking_control.report_reception_discrepancy", discrepancy.ids
            )[0]
            .decode()
        )
        self.assertIn(purchase.name, html)
        self.assertIn("Mug", html)
        action = discrepancy.with_env(self.env_user).action_send_claim()
        composer = Form(self.env_user["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertEqual(discrepancy.state, "claimed")
        message = discrepancy.message_ids.filtered(lambda m: self.supplier in m.partner_ids)
        self.assertTrue(message)
        self.assertTrue(message.attachment_ids, "the report goes with the claim")

    def test_conform_receipt_makes_no_discrepancy(self):
        purchase = self._purchase([(self.mug, 3)])
        self._receive(purchase.picking_ids, {self.mug: 3})
        self.assertFalse(purchase.picking_ids.ecom_discrepancy_ids)

    def test_contract_method_for_other_receipt_flows(self):
        self.in_type.ecom_reception_check = False
        purchase = self._purchase([(self.mug, 3)])
        receipt = purchase.picking_ids
        self._receive(receipt, {self.mug: 2})
        self.assertFalse(receipt.ecom_discrepancy_ids, "switched off on the type")
        discrepancy = receipt._ecom_record_reception_discrepancy()
        self.assertEqual(discrepancy.line_ids.kind, "short")
