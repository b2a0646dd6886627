# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 orders (REST ``salesOrderRepositoryV1`` shape) to canonical
orders: pure, no network.  See :mod:`.client` for the mapping rules."""

from odoo.tools import LazyTranslate

from ..base import Mapper, PlatformError
from ..canonical import clean_rate, load_json, nearest_rate, split_json_orders, to_decimal

_lt = LazyTranslate(__name__)


def _search_result(data):
    """The orders of a search result as ``GET /V1/orders`` answers it."""
    if "total_count" in data and isinstance(data.get("items"), list):
        return data["items"]
    return None


class Magento2Mapper(Mapper):
    def split_payload(self, payload, content_type):
        return split_json_orders(
            payload, "Magento", lambda order: order.get("entity_id") or "", _search_result
        )

    # --------------------------------------------------------- mapping

    def _lines(self, items, incl):
        if not isinstance(items, list):
            raise PlatformError(_lt("The Magento order items are not a list."))
        by_id = {}
        for item in items:
            if not isinstance(item, dict):
                raise PlatformError(_lt("A Magento order item is not an object."))
            by_id[item.get("item_id")] = item

        def dynamic_bundle(item):
            return item.get("product_type") == "bundle" and not to_decimal(
                item.get("price_incl_tax") if incl else item.get("price"), "price"
            )

        lines = []
        for item in items:
            parent = by_id.get(item.get("parent_item_id")) if item.get("parent_item_id") else None
            if item.get("parent_item_id") and not (parent and dynamic_bundle(parent)):
                continue  # the parent row carries the configurable product
            if dynamic_bundle(item):
                continue  # its children carry the prices
            lines.append(
                {
                    "external_id": item.get("item_id"),
                    "sku": item.get("sku"),
                    "name": item.get("name"),
                    "quantity": to_decimal(item.get("qty_ordered"), "quantity"),
                    "price_unit": to_decimal(
                        item.get("price_incl_tax") if incl else item.get("price"), "unit price"
                    ),
                    "tax_rate": clean_rate(to_decimal(item.get("tax_percent"), "tax rate")),
                    "discount": to_decimal(item.get("discount_amount"), "discount"),
                }
            )
        return lines

    @staticmethod
    def _address(data, order):
        if not data:
            return None
        if not isinstance(data, dict):
            raise PlatformError(_lt("A Magento address is not an object."))
        street = data.get("street") or []
        if isinstance(street, str):
            street = [street]
        if not isinstance(street, list):
            raise PlatformError(_lt("The street of a Magento address is not a list."))
        return {
            "name": " ".join(filter(None, [data.get("firstname"), data.get("lastname")])),
            "company": data.get("company"),
            "street": street[0] if street else "",
            "street2": " ".join(str(s) for s in street[1:] if s),
            "zip": data.get("postcode"),
            "city": data.get("city"),
            "state_code": data.get("region_code"),
            "country_code": data.get("country_id"),
            "phone": data.get("telephone"),
            "email": data.get("email") or order.get("customer_email"),
            "vat": data.get("vat_id") if data.get("company") else "",
        }

    def map_order(self, payload):
        order = load_json(payload, "Magento")
        if not isinstance(order, dict):
            raise PlatformError(_lt("The Magento order is not an object."))
        if "items" not in order and "increment_id" not in order:
            raise PlatformError(_lt("The payload is not a Magento order."))
        incl = self.prices_include_tax
        extension = order.get("extension_attributes") or {}
        if not isinstance(extension, dict):
            raise PlatformError(_lt("The Magento order's extension attributes are not an object."))
        assignments = extension.get("shipping_assignments") or []
        if not isinstance(assignments, list):
            raise PlatformError(_lt("The Magento shipping assignments are not a list."))
        first = assignments[0] if assignments else {}
        if not isinstance(first, dict):
            raise PlatformError(_lt("A Magento shipping assignment is not an object."))
        # a virtual order has no shipping address: it is delivered to the billing one
        shipping_data = first.get("shipping") or {}
        if not isinstance(shipping_data, dict):
            raise PlatformError(_lt("A Magento shipping assignment is not an object."))
        billing = self._address(order.get("billing_address"), order)
        delivery = self._address(shipping_data.get("address"), order)
        shipping = None
        method = shipping_data.get("method") or order.get("shipping_method") or ""
        if method or order.get("shipping_description"):
            excl = to_decimal(order.get("shipping_amount"), "shipping amount")
            tax = to_decimal(order.get("shipping_tax_amount"), "shipping tax")
            amount = excl + tax if incl else excl
            if order.get("shipping_incl_tax") not in (None, "") and incl:
                amount = to_decimal(order.get("shipping_incl_tax"), "shipping amount")
            amount -= to_decimal(order.get("shipping_discount_amount"), "shipping discount")
            shipping = {
                # the carrier code (``colissimo`` of ``colissimo_domicile``) is what
                # the carrier mapping knows; the description names the method
                "code": str(method).split("_", 1)[0],
                "name": order.get("shipping_description"),
                "amount": amount,
                "tax_rate": nearest_rate(tax, excl),
            }
        payment = order.get("payment") or {}
        if not isinstance(payment, dict):
            raise PlatformError(_lt("The Magento payment is not an object."))
        state = order.get("state") or ""
        grand_total = order.get("grand_total")
        total_paid = to_decimal(order.get("total_paid"), "total paid")
        # ``customer_taxvat`` also holds personal tax ids (Italian codice fiscale...):
        # it is a VAT number only for a company
        vat = (
            (billing or {}).get("vat")
            or (order.get("customer_taxvat") if (billing or {}).get("company") else "")
            or ""
        )
        return {
            "external_id": order.get("entity_id"),
            "reference": order.get("increment_id"),
            "date_order": order.get("created_at"),
            "currency": order.get("order_currency_code"),
            "prices_include_tax": incl,
            "status": order.get("status") or state,
            # a free order (method "free") is invoiced for 0 and goes to processing
            "paid": bool(
                grand_total not in (None, "")
                and total_paid >= to_decimal(grand_total, "order total")
                and (total_paid > 0 or state in ("processing", "complete"))
            ),
            "authorized": bool(to_decimal(payment.get("amount_authorized"), "authorized")),
            "cancelled": state == "canceled",
            "payment_method": payment.get("method"),
            "note": order.get("customer_note"),
            "customer": {
                "external_id": ""
                if order.get("customer_is_guest")
                else (order.get("customer_id") or ""),
                "email": order.get("customer_email"),
                "name": " ".join(
                    filter(None, [order.get("customer_firstname"), order.get("customer_lastname")])
                ),
                "company": (billing or {}).get("company"),
                "vat": vat,
                "phone": (billing or {}).get("phone"),
            },
            "billing_address": billing,
            "shipping_address": delivery,
            "lines": self._lines(order.get("items") or [], incl),
            "shipping": shipping,
            "discounts": [],
            "total": grand_total,
        }
