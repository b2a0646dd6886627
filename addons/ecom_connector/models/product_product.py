# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    ecom_binding_ids = fields.One2many("ecom.product.binding", "product_id", string="Shop Products")

    def _ecom_get_extra_sellable_quantities(self, backend):
        """Extension point: ``{product id: quantity}`` a shop may sell on top
        of the warehouse's free stock.

        Default: when ecom_dropship is installed (its fields are there; no
        hard dependency), the trusted stock of the main supplier of dropship
        products, and of flux-tendu products when the shop sells the
        supplier's stock too.  Another addon returns its own case, else
        ``super()``.
        """
        if "ecom_procurement_mode" not in self._fields or not self:
            return {}
        modes = {"dropship", "flux_tendu"} if backend.sell_supplier_stock else {"dropship"}
        now = fields.Datetime.now()
        result = {}
        for product in self.filtered(lambda p: p.ecom_procurement_mode in modes):
            sellers = product.seller_ids.filtered(
                lambda s, p=product: not s.product_id or s.product_id == p
            )
            for seller in sellers.sorted(lambda s: (s.sequence, s.id)):
                quantity = seller._ecom_get_trusted_stock_qty(now=now)
                if quantity is not None:
                    factor = seller.product_uom._compute_quantity(1.0, product.uom_id)
                    result[product.id] = max(quantity * factor, 0.0)
                    break
        return result
