# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import float_compare, float_round

from ..platforms import PlatformError
from ..platforms.outbound import idempotency_key
from .ecom_sale_order import CHARGE_PRODUCTS


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        # a posted credit note of a shop order: the shop learns it is refunded
        posted = super()._post(soft=soft)
        for refund in posted.filtered(lambda m: m.move_type == "out_refund"):
            refund._ecom_shop_orders()._ecom_order_event("refunded", refund=refund)
        return posted

    def _ecom_shop_orders(self):
        """The shop orders (sale orders with a shop binding) these invoices
        or credit notes bill, read as superuser: an accountant posts a
        credit note without any right on the shop, while its status and the
        customer e-mail are the connector's work."""
        return self.sudo().line_ids.sale_line_ids.order_id.filtered("ecom_bind_ids")

    def _ecom_prepare_refund(self, order):
        """The refund of this credit note for ``order``'s shop (the
        ``status["refund"]`` dict of :mod:`..platforms.outbound`): the
        products' lines with their shop line ids and whole quantities, the
        shipping refunded, the amount.

        Restock: a line is restocked at the shop (``restock``) when returned
        goods (a done return of the order's delivery) cover its refunded
        quantity, less what earlier credit notes of that line already
        refunded; otherwise nothing goes back to the shop's stock (the goods
        stay with the customer, or the stock export corrects the shop's
        quantity once they are back).  Lines of discounts and of charges
        (wrapping, duties, tips, fees) are left to the shop, which computes
        them on the refunded products."""
        self.ensure_one()
        move = self.sudo()
        binding = order.ecom_bind_ids[:1]
        backend = binding.backend_id
        charges = move._ecom_charge_products(backend)
        amount_field = "price_total" if backend.prices_include_tax else "price_subtotal"
        lines = {}
        shipping_lines = self.env["account.move.line"]
        for line in move.invoice_line_ids.filtered(lambda ln: ln.display_type == "product"):
            sale_line = line.sale_line_ids.filtered(lambda sl: sl.order_id == order)[:1]
            if line.product_id in charges or (line.sale_line_ids and not sale_line):
                # a discount or a charge, or a line of another order of the credit note
                continue
            if sale_line.is_delivery:
                shipping_lines |= line
                continue
            quantity = line.product_uom_id._compute_quantity(
                line.quantity,
                sale_line.product_uom or line.product_id.uom_id or line.product_uom_id,
            )
            whole = float_round(quantity, precision_digits=0)
            if float_compare(quantity, whole, precision_digits=3):
                raise PlatformError(
                    self.env._(
                        "The credit note %(number)s refunds %(quantity)s of %(product)s: the "
                        "shop refunds whole units only.",
                        number=move.name,
                        quantity=quantity,
                        product=line.product_id.display_name or line.name,
                    )
                )
            key = sale_line.ecom_line_external_id or f"{line.product_id.id}:{line.name}"
            entry = lines.setdefault(
                key,
                {
                    "line_external_id": sale_line.ecom_line_external_id or "",
                    "sku": line.product_id.default_code or "",
                    "barcode": line.product_id.barcode or "",
                    "name": line.product_id.display_name or line.name or "",
                    "quantity": 0,
                    "sale_line": sale_line,
                },
            )
            entry["quantity"] += int(whole)
        for entry in lines.values():
            entry["restock"] = move._ecom_is_returned(entry.pop("sale_line"), entry["quantity"])
        shipping = None
        if shipping_lines:
            amount = sum(shipping_lines.mapped(amount_field))
            charged = sum(
                shipping_lines.sale_line_ids.filtered(lambda sl: sl.order_id == order).mapped(
                    amount_field
                )
            )
            shipping = {
                "full": order.currency_id.compare_amounts(amount, charged) >= 0,
                "amount": f"{amount:.2f}",
            }
        return {
            "key": idempotency_key(backend.id, "refundCreate", move.id),
            "number": move.name,
            "lines": [entry for entry in lines.values() if entry["quantity"] > 0],
            "shipping": shipping,
            "amount": f"{move.amount_total:.2f}",
            "currency": move.currency_id.name,
            "refund_payment": bool(backend.shopify_refund_payment),
            "location_id": backend.shopify_location_id or "",
        }

    def _ecom_charge_products(self, backend):
        """The products of the shop's discounts and charges (not products the
        customer bought)."""
        products = backend.discount_product_id
        for field, xmlid in CHARGE_PRODUCTS.values():
            products |= (
                backend[field]
                or self.env.ref(xmlid, raise_if_not_found=False)
                or self.env["product.product"]
            )
        return products

    def _ecom_is_returned(self, sale_line, quantity):
        """Whether done returns of ``sale_line`` cover ``quantity`` units
        beyond what the other posted credit notes of the line refunded."""
        if not sale_line:
            return False
        returned = sum(
            move.product_qty
            for move in sale_line.move_ids
            if move.state == "done"
            and move.origin_returned_move_id
            and move.location_dest_id.usage == "internal"
        )
        refunded = sum(
            line.product_uom_id._compute_quantity(line.quantity, sale_line.product_id.uom_id)
            for line in sale_line.invoice_lines
            if line.move_id != self
            and line.move_id.move_type == "out_refund"
            and line.move_id.state == "posted"
        )
        return quantity > 0 and returned - refunded >= quantity
