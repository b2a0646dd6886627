# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce orders (REST API v3 shape) to canonical orders: pure, no
network."""

import re
from decimal import Decimal

from odoo.tools import LazyTranslate

from ..base import Mapper, PlatformError
from ..canonical import load_json, split_json_orders, to_decimal

_lt = LazyTranslate(__name__)

CANCELLED = {"cancelled", "refunded", "failed", "trash"}
PAID = {"processing", "completed"}
#: order meta of the Mondial Relay plugins: the relay point the customer
#: chose (``FR-020339``: country and point number, or the number alone)
MONDIAL_RELAY_META = "_mondialrelay_relay_id"
_RELAY_ID = re.compile(r"(?:[A-Za-z]{2}-)?(\w+)")


class WooCommerceMapper(Mapper):
    def split_payload(self, payload, content_type):
        return split_json_orders(payload, "WooCommerce", lambda order: order.get("id", ""))

    @staticmethod
    def _rate(taxes, rates):
        """Tax rate (percent) of a line from its ``taxes`` and the order's
        ``tax_lines``; 0 when the line carries no tax."""
        for tax in taxes or []:
            if to_decimal(tax.get("total") or tax.get("subtotal"), "tax") != 0:
                return rates.get(tax.get("id"), Decimal(0))
        return Decimal(0)

    @staticmethod
    def _relay_point(meta):
        """The Mondial Relay point of the order's meta data, or None; the
        shipping address is then the point's own address."""
        value = str(meta.get(MONDIAL_RELAY_META) or "").strip()
        if not value:
            return None
        match = _RELAY_ID.fullmatch(value)
        # an id of another form goes as sent: Mondial Relay says if it is unknown
        return {"network": "mondialrelay", "id": match.group(1) if match else value}

    def map_order(self, payload):
        order = load_json(payload, "WooCommerce")
        if not isinstance(order, dict):
            raise PlatformError(_lt("The WooCommerce order is not an object."))
        if order.get("id") and set(order) <= {"id"}:
            # the body of an order.deleted webhook (order deleted or trashed):
            # cancelled like a cancellation at the shop
            return {"external_id": order["id"], "status": "trash", "cancelled": True}
        incl = bool(order.get("prices_include_tax"))
        rates = {
            t.get("rate_id"): to_decimal(t.get("rate_percent"), "tax rate")
            for t in order.get("tax_lines") or []
            if isinstance(t, dict)
        }
        billing = order.get("billing") or {}
        shipping = order.get("shipping") or {}
        meta = {
            m.get("key"): m.get("value")
            for m in order.get("meta_data") or []
            if isinstance(m, dict)
        }
        vat = meta.get("_billing_vat") or meta.get("vat_number") or ""

        def address(data, email=""):
            if not data:
                return None
            name = " ".join(filter(None, [data.get("first_name"), data.get("last_name")]))
            return {
                "name": name,
                "company": data.get("company"),
                "street": data.get("address_1"),
                "street2": data.get("address_2"),
                "zip": data.get("postcode"),
                "city": data.get("city"),
                "state_code": data.get("state"),
                "country_code": data.get("country"),
                "phone": data.get("phone"),
                "email": data.get("email") or email,
                "vat": vat if data.get("company") else "",
            }

        lines = []
        for item in order.get("line_items") or []:
            if not isinstance(item, dict):
                raise PlatformError(_lt("A WooCommerce line item is not an object."))
            qty = to_decimal(item.get("quantity"), "quantity")
            subtotal = to_decimal(item.get("subtotal"), "line subtotal")
            total = to_decimal(item.get("total"), "line total")
            if incl:
                subtotal += to_decimal(item.get("subtotal_tax"), "line tax")
                total += to_decimal(item.get("total_tax"), "line tax")
            lines.append(
                {
                    "external_id": item.get("id"),
                    "sku": item.get("sku"),
                    "name": item.get("name"),
                    "quantity": qty,
                    "price_unit": (subtotal / qty).quantize(Decimal("0.0001")) if qty else subtotal,
                    "tax_rate": self._rate(item.get("taxes"), rates),
                    "discount": (subtotal - total).quantize(Decimal("0.01")),
                }
            )
        ship = None
        shipping_lines = [s for s in order.get("shipping_lines") or [] if isinstance(s, dict)]
        if shipping_lines:
            amount = sum(
                (to_decimal(s.get("total"), "shipping") for s in shipping_lines), Decimal(0)
            )
            if incl:
                amount += sum(
                    (to_decimal(s.get("total_tax"), "shipping tax") for s in shipping_lines),
                    Decimal(0),
                )
            first = shipping_lines[0]
            ship = {
                "code": first.get("method_id"),
                "name": first.get("method_title"),
                "amount": amount,
                "tax_rate": self._rate(first.get("taxes"), rates),
            }
        status = order.get("status") or ""
        return {
            "external_id": order.get("id"),
            "reference": order.get("number"),
            "date_order": order.get("date_created_gmt"),
            "currency": order.get("currency"),
            "prices_include_tax": incl,
            "status": status,
            "paid": bool(order.get("date_paid_gmt")) or status in PAID,
            "authorized": status == "on-hold",
            "cancelled": status in CANCELLED,
            "payment_method": order.get("payment_method"),
            "note": order.get("customer_note"),
            "customer": {
                "external_id": order.get("customer_id") or "",
                "email": billing.get("email"),
                "company": billing.get("company"),
                "vat": vat,
                "phone": billing.get("phone"),
            },
            "billing_address": address(billing),
            "shipping_address": dict(
                address(shipping, billing.get("email")), relay_point=self._relay_point(meta)
            )
            if shipping.get("address_1")
            else None,
            "lines": lines,
            "shipping": ship,
            "discounts": [],
            "total": order.get("total"),
        }
