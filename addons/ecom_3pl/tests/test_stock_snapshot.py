# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import Ecom3plCase


class TestStockSnapshot(Ecom3plCase):
    def test_snapshot_differences_applied_in_one_click(self):
        """The provider counts 18 A (Odoo 20), 10 B (same), no C (Odoo 4)
        and an unknown product: three lines to adjust... two differences,
        one error; one click makes the inventory adjustment."""
        self._drop(
            "STOCK_20261129.csv",
            self._csv(
                ("product_code", "quantity"),
                [("SKU-A", "18"), ("SKU-B", "10"), ("SKU-X", "5")],
            ),
        )
        self._run()
        file = self._files(flow="stock")
        self.assertEqual(file.state, "partial")
        self.assertIn("SKU-X", file.line_ids.filtered(lambda line: line.state == "error").message)
        discrepancies = file.discrepancy_ids
        self.assertEqual(
            {
                (d.product_id, d.odoo_quantity, d.provider_quantity, d.difference)
                for d in discrepancies
            },
            {(self.product_a, 20, 18, -2), (self.product_c, 4, 0, -4)},
        )
        with self.assertRaises(AccessError):
            file.with_user(self.ecom_user).action_apply_stock_discrepancies()
        file.with_user(self.ecom_manager).action_apply_stock_discrepancies()
        self.assertEqual(set(discrepancies.mapped("state")), {"applied"})
        self.assertEqual(
            self.product_a.with_context(warehouse_id=self.warehouse.id).qty_available, 18
        )
        self.assertEqual(
            self.product_c.with_context(warehouse_id=self.warehouse.id).qty_available, 0
        )
        self.assertTrue(all(discrepancies.mapped("move_id.is_inventory")))
        self.assertEqual(file.open_discrepancy_count, 0)
