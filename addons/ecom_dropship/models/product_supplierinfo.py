# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models


class ProductSupplierinfo(models.Model):
    _inherit = "product.supplierinfo"

    ecom_stock_qty = fields.Float(
        string="Supplier Stock",
        digits="Product Unit of Measure",
        help="Quantity the supplier reported in stock, in the purchase unit.",
    )
    ecom_stock_date = fields.Datetime(
        string="Supplier Stock Date",
        help="When the supplier stock was reported; empty when no feed reports it.",
    )
    ecom_feed_id = fields.Many2one(
        "ecom.supplier.feed",
        string="Supplier Feed",
        ondelete="set null",
        index="btree_not_null",
        help="Feed that last updated this vendor price.",
    )

    def _ecom_get_trusted_stock_qty(self, now=None):
        """Supplier stock of this vendor price, or None when no feed reports
        it or its date is older than the feed's maximum age."""
        self.ensure_one()
        if not self.ecom_stock_date:
            return None
        max_age = self.ecom_feed_id.max_age_hours
        now = now or fields.Datetime.now()
        if max_age and self.ecom_stock_date < now - timedelta(hours=max_age):
            return None
        return self.ecom_stock_qty
