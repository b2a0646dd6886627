# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import Ecom3plCase


class TestShipment(Ecom3plCase):
    def test_full_cycle_two_parcels_and_backorder(self):
        """Order out, shipment back in two parcels with one product short:
        validated with the shipped quantities, a backorder for the rest,
        one package per parcel with its tracking number and weight."""
        picking = self._create_delivery([(self.product_a, 5), (self.product_b, 3)])
        self.assertEqual(picking.state, "assigned")
        self._run()
        self._sync()
        out = self._files(direction="out", flow="order")
        self.assertEqual(len(out), 1)
        self.assertEqual(out.state, "sent")
        self.assertEqual(picking.ecom_3pl_state, "sent")
        self.assertEqual(picking.ecom_3pl_file_id, out)
        self.assertEqual(self._remote("out"), [out.name])
        sent = open(f"{self.sftp_root}/out/{out.name}", encoding="utf-8").read()
        self.assertIn(picking.name, sent)
        self.assertIn("SKU-A", sent)
        self.assertIn("Camille Martin", sent)

        self._drop(
            "SHIP_0001.csv",
            self._csv(
                self._ship_rows_header(),
                [
                    (picking.name, "SKU-A", "2", "", "6A100000001", "Colissimo", "1.5"),
                    (picking.name, "SKU-A", "1", "", "6A100000002", "Colissimo", "0.7"),
                    (picking.name, "SKU-B", "3", "", "6A100000002", "Colissimo", ""),
                ],
            ),
        )
        self._run()
        shipment = self._files(direction="in", flow="shipment")
        self.assertEqual(shipment.state, "done", shipment.message)
        self.assertEqual(shipment.line_ok_count, 3)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.carrier_tracking_ref, "6A100000001,6A100000002")
        packages = picking.move_line_ids.result_package_id
        self.assertEqual(
            sorted(packages.mapped("ecom_3pl_tracking_ref")), ["6A100000001", "6A100000002"]
        )
        first = packages.filtered(lambda p: p.ecom_3pl_tracking_ref == "6A100000001")
        self.assertAlmostEqual(first.shipping_weight, 1.5)
        self.assertEqual(first.ecom_3pl_carrier, "Colissimo")
        move_a = picking.move_ids.filtered(lambda m: m.product_id == self.product_a)
        self.assertEqual(move_a.quantity, 3)
        self.assertEqual(sorted(move_a.move_line_ids.mapped("quantity")), [1.0, 2.0])
        backorder = picking.backorder_ids
        self.assertEqual(len(backorder), 1)
        self.assertEqual(backorder.move_ids.product_id, self.product_a)
        self.assertEqual(backorder.move_ids.product_uom_qty, 2)
        self.assertFalse(backorder.ecom_3pl_state)
        # the file is archived once the run is committed
        self.assertEqual(self._remote("in"), ["SHIP_0001.csv"])
        self._sync()
        self.assertEqual(self._remote("in"), [])
        self.assertEqual(self._remote("archive"), ["SHIP_0001.csv"])
        self.assertTrue(shipment.remote_done)
        # the backorder goes to the provider in the next file, the order not again
        backorder.action_assign()
        self._run()
        second = self._files(direction="out", flow="order")[1:]
        self.assertEqual(second.picking_ids, backorder)

    def test_malformed_lines(self):
        """Bad lines are listed with their reason; the other transfers are
        applied; a transfer with one bad line is not applied at all."""
        good = self._create_delivery([(self.product_a, 2)])
        above = self._create_delivery([(self.product_b, 1)])
        mixed = self._create_delivery([(self.product_a, 1), (self.product_b, 1)])
        self._run()
        self._drop(
            "SHIP_0002.csv",
            self._csv(
                self._ship_rows_header(),
                [
                    (good.name, "SKU-A", "2", "", "TRK-1", "GLS", "1"),
                    ("WH/OUT/99999", "SKU-A", "1", "", "TRK-2", "GLS", "1"),
                    (above.name, "SKU-B", "4", "", "TRK-3", "GLS", "1"),
                    (mixed.name, "SKU-A", "1", "", "TRK-4", "GLS", "1"),
                    (mixed.name, "SKU-ZZ", "1", "", "TRK-4", "GLS", "1"),
                ],
            ),
        )
        self._drop(
            "SHIP_0003.csv",
            self._csv(
                self._ship_rows_header(),
                [
                    (above.name, "SKU-B", "-1", "", "TRK-5", "GLS", "1"),
                    (mixed.name, "SKU-A", "deux", "", "TRK-6", "GLS", "1"),
                ],
            ),
        )
        self._run()
        first, second = self._files(direction="in", flow="shipment")
        self.assertEqual(first.state, "partial")
        self.assertEqual(first.line_ok_count, 1)
        self.assertEqual(first.line_error_count, 4)
        self.assertEqual(good.state, "done")
        self.assertEqual(above.state, "assigned")
        self.assertEqual(mixed.state, "assigned")
        self.assertFalse(mixed.carrier_tracking_ref)
        errors = first.line_ids.filtered(lambda line: line.state == "error")
        messages = dict(zip(errors.mapped("line_no"), errors.mapped("message"), strict=True))
        self.assertIn("WH/OUT/99999", messages[3])
        self.assertIn("4", messages[4])  # 4 shipped, above the 1 ordered
        self.assertIn(mixed.name, messages[5])  # not applied: another line in error
        self.assertIn("SKU-ZZ", messages[6])
        self.assertEqual(second.state, "error")
        self.assertEqual(second.line_error_count, 2)
        self._sync()
        self.assertEqual(self._remote("errors"), ["SHIP_0002.csv", "SHIP_0003.csv"])

        # fix in Odoo (the unknown product gets its reference), process again
        self.product_c.default_code = "SKU-ZZ"
        mixed.move_ids = [
            (
                0,
                0,
                {
                    "name": "SKU-ZZ",
                    "product_id": self.product_c.id,
                    "product_uom_qty": 1,
                    "product_uom": self.product_c.uom_id.id,
                    "location_id": mixed.location_id.id,
                    "location_dest_id": mixed.location_dest_id.id,
                },
            )
        ]
        mixed.action_confirm()
        mixed.action_assign()
        first.with_user(self.ecom_user).action_reprocess()
        self.assertEqual(mixed.state, "done")
        self.assertEqual(good.move_ids.quantity, 2)  # not applied twice
        self.assertEqual(first.state, "partial")  # the two other lines remain
        self.assertEqual(first.line_ok_count, 3)

    def test_lots_out_and_in(self):
        """Shipped lots are the ones of the file; received lots are created."""
        product = self.env["product.product"].create(
            {"name": "Engrais bio", "default_code": "SKU-L", "is_storable": True, "tracking": "lot"}
        )
        lot_1, lot_2 = self.env["stock.lot"].create(
            [
                {"name": "L-001", "product_id": product.id},
                {"name": "L-002", "product_id": product.id},
            ]
        )
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(product, self.stock_location, 5, lot_id=lot_1)
        Quant._update_available_quantity(product, self.stock_location, 5, lot_id=lot_2)
        picking = self._create_delivery([(product, 4)])
        other = self._create_delivery([(product, 1)])
        _order, receipt = self._create_purchase([(product, 6)])
        self._run()
        self._drop(
            "SHIP_L.csv",
            self._csv(
                self._ship_rows_header(),
                [
                    (picking.name, "SKU-L", "1", "L-001", "P1", "GLS", "2"),
                    (picking.name, "SKU-L", "3", "L-002", "P1", "GLS", ""),
                ],
            ),
        )
        self._drop(
            "SHIP_M.csv",
            self._csv(self._ship_rows_header(), [(other.name, "SKU-L", "1", "", "P2", "", "")]),
        )
        self._drop(
            "RECEIPT_L.csv",
            self._csv(
                ("asn_ref", "product_code", "quantity", "lot"),
                [(receipt.name, "SKU-L", "6", "L-NEW")],
            ),
        )
        self._run()
        self.assertEqual(picking.state, "done", self._files(name="SHIP_L.csv").message)
        self.assertEqual(
            sorted((ml.lot_id.name, ml.quantity) for ml in picking.move_line_ids),
            [("L-001", 1.0), ("L-002", 3.0)],
        )
        missing_lot = self._files(name="SHIP_M.csv")
        self.assertEqual(missing_lot.state, "error")
        self.assertIn("lot", missing_lot.line_ids.message)
        self.assertEqual(other.state, "assigned")
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.move_line_ids.lot_id.name, "L-NEW")
