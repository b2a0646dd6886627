# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EcomProductBinding(models.Model):
    """An Odoo product linked to a shop's product or variant: the ids the
    shop needs to update its stock and price, and what was last sent."""

    _name = "ecom.product.binding"
    _description = "E-commerce Product Binding"
    _order = "backend_id, sku, id"
    _check_company_auto = True

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    active = fields.Boolean(default=True)
    sku = fields.Char(string="Shop SKU", index=True)
    external_id = fields.Char(string="Shop Product ID", required=True)
    variant_id = fields.Char(
        string="Shop Variant ID",
        help="WooCommerce variation, Shopify variant, PrestaShop combination; empty for a "
        "simple product.",
    )
    inventory_item_id = fields.Char(string="Inventory Item ID", help="Shopify inventory item.")
    stock_available_id = fields.Char(
        string="Stock Record ID",
        help="PrestaShop stock_available id, Magento stock item id (read once when linked).",
    )
    safety_stock_override = fields.Boolean(
        string="Own Safety Stock", help="Use this product's safety stock instead of the shop's."
    )
    safety_stock = fields.Integer(string="Safety Stock (product)")
    last_qty_sent = fields.Integer(string="Last Quantity Sent", readonly=True, copy=False)
    stock_sent_at = fields.Datetime(string="Stock Sent On", readonly=True, copy=False)
    last_price_sent = fields.Float(digits="Product Price", readonly=True, copy=False)
    price_sent_at = fields.Datetime(string="Price Sent On", readonly=True, copy=False)
    last_error = fields.Text(readonly=True, copy=False)
    error_at = fields.Datetime(string="Error On", readonly=True, copy=False)

    _sql_constraints = [
        (
            "product_uniq",
            "unique(backend_id, product_id)",
            "This Odoo product is already linked to a product of this shop.",
        ),
    ]

    @api.depends("backend_id", "sku", "product_id")
    def _compute_display_name(self):
        for binding in self:
            binding.display_name = (
                f"{binding.backend_id.name} / {binding.sku or binding.external_id}"
            )

    @api.constrains("backend_id", "external_id", "variant_id")
    def _check_shop_product_unique(self):
        for binding in self:
            twin = self.with_context(active_test=False).search(
                [
                    ("id", "!=", binding.id),
                    ("backend_id", "=", binding.backend_id.id),
                    ("external_id", "=", binding.external_id),
                    ("variant_id", "=", binding.variant_id),
                ],
                limit=1,
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "The shop product %(sku)s is already linked to %(product)s: unlink "
                        "it before linking it to %(other)s.",
                        sku=binding.sku or binding.external_id,
                        product=twin.product_id.display_name,
                        other=binding.product_id.display_name,
                    )
                )

    # ------------------------------------------------------- business

    def _get_sellable_quantities(self):
        """``{binding id: int}``: what each shop may sell, never negative.

        Free quantity in the shop's warehouse, less what confirmed orders
        still need and is not reserved yet (an order imported a second ago
        counts at once), less the safety stock, plus what
        :meth:`product.product._ecom_get_extra_sellable_quantities` adds
        (a dropship supplier's stock).  Queries per backend, not per product.
        """
        result = {}
        for backend in self.backend_id:
            bindings = self.filtered(lambda b, backend=backend: b.backend_id == backend)
            products = bindings.product_id.with_context(
                warehouse_id=backend.warehouse_id.id or None
            ).with_company(backend.company_id)
            # the quantities may have moved since they were read in this transaction
            products.invalidate_recordset(["qty_available", "free_qty", "outgoing_qty"])
            extra = products._ecom_get_extra_sellable_quantities(backend)
            # read on the whole recordset: one batch of stock queries per shop
            own_qty = {
                product.id: min(product.free_qty, product.qty_available - product.outgoing_qty)
                for product in products
            }
            for binding in bindings:
                own = own_qty[binding.product_id.id]
                safety = (
                    binding.safety_stock if binding.safety_stock_override else backend.safety_stock
                )
                quantity = max(own, 0.0) - safety + extra.get(binding.product_id.id, 0.0)
                result[binding.id] = max(0, math.floor(quantity + 1e-9))
        return result

    def _get_shop_prices(self):
        """``{binding id: price}`` from the shop's pricelist (else the sales
        price), tax included or not as the shop expects it
        (:meth:`ecom.backend._is_price_export_tax_included`)."""
        result = {}
        for backend in self.backend_id:
            bindings = self.filtered(lambda b, backend=backend: b.backend_id == backend)
            pricelist = backend.pricelist_id
            for binding in bindings:
                product = binding.product_id.with_company(backend.company_id)
                price = (
                    pricelist._get_product_price(product, 1.0) if pricelist else product.lst_price
                )
                taxes = product.taxes_id.filtered(lambda t, b=backend: t.company_id == b.company_id)
                if taxes:
                    computed = taxes.compute_all(price, product=product, handle_price_include=True)
                    price = (
                        computed["total_included"]
                        if backend._is_price_export_tax_included()
                        else computed["total_excluded"]
                    )
                result[binding.id] = round(price, 2)
        return result

    def _prepare_export_item(self, quantity=None, price=None):
        """The plain dict the platform adapters send (no record in them)."""
        self.ensure_one()
        return {
            "key": self.id,
            "sku": self.sku or self.product_id.default_code or "",
            "external_id": self.external_id,
            "variant_id": self.variant_id or "",
            "inventory_item_id": self.inventory_item_id or "",
            "stock_available_id": self.stock_available_id or "",
            "quantity": quantity,
            "previous": self.last_qty_sent if self.stock_sent_at else None,
            "price": price,
        }
