# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PickingControlCase


@tagged("post_install", "-at_install")
class TestPackingReports(PickingControlCase):
    def test_error_rate_per_packer_and_product(self):
        picking = self._make_delivery([(self.mug, 3)])
        self._scan(picking, "3760000000017", "3760000000093", "3760000000017", "3760000000017")
        self._scan(picking, "3760000000017", env=self.env_manager)  # over-scan
        self.env.flush_all()
        report = self.env["ecom.packing.error.report"]
        by_user = {
            group["user_id"][0]: group
            for group in report.read_group(
                [("picking_id", "=", picking.id)],
                ["error_rate:avg", "scan_count:sum", "error_count:sum"],
                ["user_id"],
            )
        }
        self.assertEqual(by_user[self.ecom_user.id]["scan_count"], 4)
        self.assertAlmostEqual(by_user[self.ecom_user.id]["error_rate"], 25.0)
        self.assertAlmostEqual(by_user[self.ecom_manager.id]["error_rate"], 100.0)
        by_product = {
            group["product_id"][0]: group
            for group in report.read_group(
                [("picking_id", "=", picking.id)], ["error_count:sum"], ["product_id"]
            )
        }
        self.assertEqual(by_product[self.poster.id]["error_count"], 1)

    def test_product_whose_weight_keeps_differing_is_flagged(self):
        self.station.package_type_id = False
        for _i in range(3):
            picking = self._make_delivery([(self.mug, 2)])
            self._scan(picking, "3760000000017", "3760000000017")
            # real mugs weigh 0.5 kg, not the recorded 0.4
            self._station().ecom_weigh(picking.id, "1.0")
            picking = self._make_delivery([(self.tshirt, 1)])
            self._scan(picking, "3760000000024")
            self._station().ecom_weigh(picking.id, "0.2")
        self.env.flush_all()
        rows = {
            row.product_id: row
            for row in self.env["ecom.weight.deviation.report"].search(
                [("product_id", "in", (self.mug | self.tshirt).ids)]
            )
        }
        self.assertTrue(rows[self.mug].flagged)
        self.assertAlmostEqual(rows[self.mug].avg_unit_weight, 0.5)
        self.assertAlmostEqual(rows[self.mug].avg_deviation_pct, 25.0)
        self.assertEqual(rows[self.mug].weighing_count, 3)
        self.assertFalse(rows[self.tshirt].flagged)
        self.assertTrue(self.mug.product_tmpl_id.ecom_weight_to_check)
        self.assertFalse(self.tshirt.product_tmpl_id.ecom_weight_to_check)
