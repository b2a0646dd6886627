# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import Ecom3plCase


class TestReceipt(Ecom3plCase):
    def test_asn_out_then_short_receipt(self):
        """ASN of a confirmed purchase out; the provider receives less of
        one product: validated with the received quantities, a backorder for
        the rest, the discrepancy recorded."""
        order, receipt = self._create_purchase([(self.product_a, 10), (self.product_b, 5)])
        self.assertEqual(receipt.picking_type_id, self.warehouse.in_type_id)
        self._run()
        self._sync()
        asn = self._files(direction="out", flow="asn")
        self.assertEqual(asn.picking_ids, receipt)
        content = open(f"{self.sftp_root}/out/{asn.name}", encoding="utf-8").read()
        self.assertIn(f"ASN;{receipt.name};{order.name};Fournisseur Jardin SARL", content)

        self._drop(
            "RECEIPT_0001.csv",
            self._csv(
                ("asn_ref", "product_code", "quantity", "lot"),
                [(receipt.name, "SKU-A", "7", ""), (receipt.name, "SKU-B", "5", "")],
            ),
        )
        self._run()
        file = self._files(direction="in", flow="receipt")
        self.assertEqual(file.state, "done", file.message)
        self.assertEqual(receipt.state, "done")
        move_a = receipt.move_ids.filtered(lambda m: m.product_id == self.product_a)
        self.assertEqual(move_a.quantity, 7)
        self.assertEqual(order.order_line[0].qty_received, 7)
        backorder = receipt.backorder_ids
        self.assertEqual(backorder.move_ids.product_uom_qty, 3)
        line_a = file.line_ids.filtered(lambda line: line.product_id == self.product_a)
        self.assertTrue(line_a.discrepancy)
        self.assertEqual((line_a.quantity_expected, line_a.quantity_done), (10, 7))
        self.assertFalse(
            file.line_ids.filtered(lambda line: line.product_id == self.product_b).discrepancy
        )
        if hasattr(receipt, "_ecom_record_reception_discrepancy"):
            self.assertTrue(self.env["ecom.reception.discrepancy"].search_count([]))
        else:
            activity = receipt.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertIn("Arrosoir", str(activity.note))

    def test_over_receipt_and_unknown_receipt(self):
        """An over receipt is accepted and recorded; an unknown receipt
        reference is an error line."""
        order, receipt = self._create_purchase([(self.product_b, 2)])
        self._run()
        self._drop(
            "RECEIPT_0002.csv",
            self._csv(
                ("asn_ref", "product_code", "quantity", "lot"),
                [(receipt.name, "SKU-B", "3", ""), ("WH/IN/99999", "SKU-B", "1", "")],
            ),
        )
        self._run()
        file = self._files(direction="in", flow="receipt")
        self.assertEqual(file.state, "partial")
        self.assertEqual(receipt.state, "done")
        self.assertEqual(order.order_line.qty_received, 3)
        self.assertFalse(receipt.backorder_ids)
        line = file.line_ids.filtered(lambda rec: rec.picking_id == receipt)
        self.assertEqual((line.quantity_expected, line.quantity_done), (2, 3))
        error = file.line_ids.filtered(lambda rec: rec.state == "error")
        self.assertIn("WH/IN/99999", error.message)
