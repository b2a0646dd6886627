# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify orders to canonical orders: pure, no network.

Two shapes come in: the GraphQL ``Order`` node stored when polling
(``lineItems``, ``totalPriceSet``...) and the REST order of the
``orders/create`` / ``orders/updated`` webhooks (``line_items``,
``total_price``...), optionally wrapped as ``{"order": {...}}``.  See
:mod:`.client` for the rules.
"""

from decimal import Decimal

from odoo.tools import LazyTranslate

from ..base import Mapper, PlatformError
from ..canonical import clean_rate, load_json, split_json_orders, to_decimal, unwrap_order

_lt = LazyTranslate(__name__)

VAT_KEYS = {"vat_number", "vat", "tva", "tax_id", "vat_id", "numero_tva"}
PAID = {"PAID", "PARTIALLY_REFUNDED"}
AUTHORIZED = {"AUTHORIZED"}
#: the address keys of GraphQL nodes and of REST (webhook) orders
GRAPHQL_ADDRESS_KEYS = ("firstName", "lastName", "provinceCode", "countryCodeV2")
REST_ADDRESS_KEYS = ("first_name", "last_name", "province_code", "country_code")


def _address(data, keys, email, vat):
    """A canonical address from a Shopify address of either API."""
    if not data:
        return None
    if not isinstance(data, dict):
        raise PlatformError(_lt("A Shopify address is not an object."))
    first_name, last_name, province, country = keys
    return {
        "name": data.get("name")
        or " ".join(filter(None, [data.get(first_name), data.get(last_name)])),
        "company": data.get("company"),
        "street": data.get("address1"),
        "street2": data.get("address2"),
        "zip": data.get("zip"),
        "city": data.get("city"),
        "state_code": data.get(province),
        "country_code": data.get(country),
        "phone": data.get("phone"),
        "email": email,
        "vat": vat if data.get("company") else "",
    }


def legacy_id(value):
    """``gid://shopify/Order/450789469`` → ``450789469``."""
    text = str(value or "")
    return text.rsplit("/", 1)[-1] if text.startswith("gid://") else text


def _money(money_set, what):
    """Amount of a GraphQL ``MoneyBag`` in the shop's currency."""
    if not money_set:
        return Decimal(0)
    if not isinstance(money_set, dict):
        raise PlatformError(_lt("The Shopify amount %(what)s is not an object.", what=what))
    shop = money_set.get("shopMoney") or {}
    return to_decimal(shop.get("amount"), what)


def _rest_money(money_set, what):
    """Amount of a REST ``price_set`` in the shop's currency."""
    if not money_set:
        return Decimal(0)
    if not isinstance(money_set, dict):
        raise PlatformError(_lt("The Shopify amount %(what)s is not an object.", what=what))
    return to_decimal((money_set.get("shop_money") or {}).get("amount"), what)


def _rest_list(value, what):
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise PlatformError(_lt("The Shopify %(what)s are not a list.", what=what))
    return value


def _order_id(order):
    return order.get("legacyResourceId") or legacy_id(order.get("id"))


def _orders_list(data):
    return data["orders"] if isinstance(data.get("orders"), list) else None


class ShopifyMapper(Mapper):
    def split_payload(self, payload, content_type):
        return split_json_orders(payload, "Shopify", _order_id, _orders_list)

    def map_order(self, payload):
        order = unwrap_order(load_json(payload, "Shopify"))
        if not isinstance(order, dict):
            raise PlatformError(_lt("The Shopify order is not an object."))
        if "lineItems" in order or "totalPriceSet" in order or "legacyResourceId" in order:
            return self._map_graphql(order)
        if "line_items" in order or "total_price" in order:
            return self._map_rest(order)
        raise PlatformError(
            _lt(
                "The payload is not a Shopify order (neither a GraphQL order "
                "nor a REST webhook order)."
            )
        )

    # --------------------------------------------------------- mapping

    @staticmethod
    def _vat(attributes, key_name, value_name):
        for attribute in attributes or []:
            if (
                isinstance(attribute, dict)
                and str(attribute.get(key_name) or "").strip().lower() in VAT_KEYS
            ):
                return str(attribute.get(value_name) or "").strip()
        return ""

    @staticmethod
    def _rate(tax_lines, percent_key, fraction_key, amount):
        """Percent rate of the first tax line that carries tax, 0 without."""
        for tax in tax_lines or []:
            if not isinstance(tax, dict) or not amount(tax):
                continue
            if tax.get(percent_key) not in (None, ""):
                return clean_rate(to_decimal(tax.get(percent_key), "tax rate"))
            return clean_rate(to_decimal(tax.get(fraction_key), "tax rate") * 100)
        return Decimal(0)

    @staticmethod
    def _nodes(connection, what):
        if connection in (None, ""):
            return []
        if isinstance(connection, dict):
            connection = connection.get("nodes", connection.get("edges"))
            if connection and isinstance(connection[0], dict) and "node" in connection[0]:
                connection = [edge.get("node") for edge in connection]
        if not isinstance(connection, list):
            raise PlatformError(_lt("The Shopify %(what)s are not a list.", what=what))
        for node in connection:
            if not isinstance(node, dict):
                raise PlatformError(
                    _lt("The Shopify %(what)s hold an entry that is not an object.", what=what)
                )
        return connection

    def _charges(self, duties, fees, tip, fees_total, shape):
        """Duties (per line, at their VAT rate), additional fees and the tip
        as canonical charges.  ``duties`` and ``fees`` are lists of
        ``(name, amount, tax lines)``; ``fees_total`` stands for fees the
        payload does not list one by one; ``shape`` reads a tax line
        (``(percent key, fraction key, amount function)``)."""
        charges = []
        by_rate = {}
        for _name, amount, taxes in duties:
            rate = self._rate(taxes, *shape)
            by_rate[rate] = by_rate.get(rate, Decimal(0)) + amount
        for rate, amount in sorted(by_rate.items()):
            charges.append({"kind": "duty", "name": "", "amount": amount, "tax_rate": rate})
        for name, amount, taxes in fees:
            charges.append(
                {
                    "kind": "fee",
                    "name": name,
                    "amount": amount,
                    "tax_rate": self._rate(taxes, *shape),
                }
            )
        if not fees and fees_total:
            charges.append({"kind": "fee", "name": "", "amount": fees_total, "tax_rate": 0})
        if tip:
            # Shopify does not tax tips: outside the scope of VAT
            charges.append({"kind": "tip", "name": "", "amount": tip, "tax_rate": 0})
        return charges

    def _map_graphql(self, order):
        items = order.get("lineItems")
        if isinstance(items, dict) and (items.get("pageInfo") or {}).get("hasNextPage"):
            raise PlatformError(
                _lt(
                    "The Shopify order holds only part of its lines; it is "
                    "read whole by the next import."
                )
            )
        lines = []
        for item in self._nodes(items, "line items"):
            qty = to_decimal(item.get("quantity"), "quantity")
            price = _money(item.get("originalUnitPriceSet"), "unit price")
            allocations = self._nodes(item.get("discountAllocations"), "discount allocations")
            if "discountAllocations" in item:
                discount = sum(
                    (_money(a.get("allocatedAmountSet"), "discount") for a in allocations),
                    Decimal(0),
                )
            else:
                discounted = _money(
                    item.get("discountedUnitPriceSet") or item.get("originalUnitPriceSet"),
                    "discounted price",
                )
                discount = (price - discounted) * qty
            lines.append(
                {
                    "external_id": legacy_id(item.get("id")),
                    "sku": item.get("sku"),
                    "barcode": (item.get("variant") or {}).get("barcode"),
                    "name": item.get("name"),
                    "quantity": qty,
                    "price_unit": price,
                    "tax_rate": self._rate(
                        item.get("taxLines"),
                        "ratePercentage",
                        "rate",
                        lambda t: _money(t.get("priceSet"), "tax"),
                    ),
                    "discount": discount.quantize(Decimal("0.01")),
                }
            )
        duties = [
            (
                "",
                _money(duty.get("price"), "duty"),
                duty.get("taxLines"),
            )
            for item in self._nodes(items, "line items")
            for duty in self._nodes(item.get("duties"), "duties")
        ]
        fees = [
            (fee.get("name"), _money(fee.get("price"), "additional fee"), fee.get("taxLines"))
            for fee in self._nodes(order.get("additionalFees"), "additional fees")
        ]
        charges = self._charges(
            duties,
            fees,
            _money(order.get("totalTipReceivedSet"), "tip"),
            _money(order.get("originalTotalAdditionalFeesSet"), "additional fees"),
            ("ratePercentage", "rate", lambda t: _money(t.get("priceSet"), "tax")),
        )
        shipping = None
        ship_lines = self._nodes(order.get("shippingLines"), "shipping lines")
        if ship_lines:
            first = ship_lines[0]
            shipping = {
                "code": first.get("code"),
                "name": first.get("title"),
                "amount": sum(
                    (
                        _money(s.get("discountedPriceSet") or s.get("originalPriceSet"), "shipping")
                        for s in ship_lines
                    ),
                    Decimal(0),
                ),
                "tax_rate": self._rate(
                    first.get("taxLines"),
                    "ratePercentage",
                    "rate",
                    lambda t: _money(t.get("priceSet"), "shipping tax"),
                ),
            }
        vat = self._vat(order.get("customAttributes"), "key", "value")
        customer = order.get("customer") or {}
        if not isinstance(customer, dict):
            raise PlatformError(_lt("The Shopify customer is not an object."))

        def address(data):
            return _address(data, GRAPHQL_ADDRESS_KEYS, order.get("email"), vat)

        billing = address(order.get("billingAddress"))
        status = order.get("displayFinancialStatus") or ""
        gateways = order.get("paymentGatewayNames") or []
        return {
            "external_id": order.get("legacyResourceId") or legacy_id(order.get("id")),
            "reference": order.get("name"),
            "date_order": order.get("processedAt") or order.get("createdAt"),
            "currency": order.get("currencyCode")
            or ((order.get("totalPriceSet") or {}).get("shopMoney") or {}).get("currencyCode"),
            "prices_include_tax": bool(order.get("taxesIncluded")),
            # test orders (Bogus gateway) can be skipped by a state mapping "test"
            "status": "test" if order.get("test") else status.lower(),
            "paid": status in PAID,
            "authorized": status in AUTHORIZED,
            "cancelled": bool(order.get("cancelledAt")),
            "payment_method": gateways[0] if isinstance(gateways, list) and gateways else "",
            "note": order.get("note"),
            "customer": {
                "external_id": legacy_id(customer.get("id")),
                "email": customer.get("email") or order.get("email"),
                "name": " ".join(
                    filter(None, [customer.get("firstName"), customer.get("lastName")])
                ),
                "company": (billing or {}).get("company"),
                "vat": vat,
                "phone": customer.get("phone") or order.get("phone"),
            },
            "billing_address": billing,
            "shipping_address": address(order.get("shippingAddress")),
            "lines": lines,
            "shipping": shipping,
            "discounts": [],
            "charges": charges,
            "total": _money(order.get("totalPriceSet"), "order total")
            if order.get("totalPriceSet")
            else None,
        }

    def _order_tax_rate(self, order, lines, shipping):
        """Older orders carry their VAT on the order (``tax_lines``) only: one
        rate there applies to the lines and the shipping when no line carries its own."""
        if any(
            isinstance(item, dict) and item.get("tax_lines")
            for item in order.get("line_items") or []
        ):
            return
        rates = {
            clean_rate(to_decimal(tax.get("rate"), "tax rate") * 100)
            for tax in order.get("tax_lines") or []
            if isinstance(tax, dict) and to_decimal(tax.get("price"), "tax")
        }
        if len(rates) != 1:
            return
        rate = rates.pop()
        for line in lines:
            if not line["tax_rate"]:
                line["tax_rate"] = rate
        if shipping and not shipping["tax_rate"] and shipping["amount"]:
            shipping["tax_rate"] = rate

    def _map_rest(self, order):
        items = order.get("line_items")
        if items is not None and not isinstance(items, list):
            raise PlatformError(_lt("The Shopify line items are not a list."))
        lines = []
        for item in items or []:
            if not isinstance(item, dict):
                raise PlatformError(_lt("A Shopify line item is not an object."))
            allocations = item.get("discount_allocations")
            if isinstance(allocations, list):
                discount = sum(
                    (
                        to_decimal(a.get("amount"), "discount")
                        for a in allocations
                        if isinstance(a, dict)
                    ),
                    Decimal(0),
                )
            else:
                discount = to_decimal(item.get("total_discount"), "discount")
            lines.append(
                {
                    "external_id": item.get("id"),
                    "sku": item.get("sku"),
                    "name": item.get("name") or item.get("title"),
                    "quantity": to_decimal(item.get("quantity"), "quantity"),
                    "price_unit": to_decimal(item.get("price"), "unit price"),
                    "tax_rate": self._rate(
                        item.get("tax_lines"),
                        "rate_percentage",
                        "rate",
                        lambda t: to_decimal(t.get("price"), "tax"),
                    ),
                    "discount": discount,
                }
            )
        rest_tax = ("rate_percentage", "rate", lambda t: to_decimal(t.get("price"), "tax"))
        duties = [
            ("", _rest_money(duty.get("price_set"), "duty"), duty.get("tax_lines"))
            for item in items or []
            for duty in _rest_list(item.get("duties"), "duties")
        ]
        charges = self._charges(
            duties,
            [],
            to_decimal(order.get("total_tip_received"), "tip"),
            _rest_money(order.get("original_total_additional_fees_set"), "additional fees"),
            rest_tax,
        )
        shipping = None
        ship_lines = order.get("shipping_lines")
        if ship_lines is not None and not isinstance(ship_lines, list):
            raise PlatformError(_lt("The Shopify shipping lines are not a list."))
        ship_lines = [s for s in ship_lines or [] if isinstance(s, dict)]
        if ship_lines:
            first = ship_lines[0]
            shipping = {
                "code": first.get("code"),
                "name": first.get("title"),
                "amount": sum(
                    (
                        to_decimal(s.get("discounted_price", s.get("price")), "shipping")
                        for s in ship_lines
                    ),
                    Decimal(0),
                ),
                "tax_rate": self._rate(
                    first.get("tax_lines"),
                    "rate_percentage",
                    "rate",
                    lambda t: to_decimal(t.get("price"), "shipping tax"),
                ),
            }
        vat = self._vat(order.get("note_attributes"), "name", "value")
        customer = order.get("customer") or {}
        if not isinstance(customer, dict):
            raise PlatformError(_lt("The Shopify customer is not an object."))

        def address(data):
            return _address(data, REST_ADDRESS_KEYS, order.get("email"), vat)

        billing = address(order.get("billing_address"))
        status = (order.get("financial_status") or "").upper()
        gateways = order.get("payment_gateway_names") or [order.get("gateway") or ""]
        self._order_tax_rate(order, lines, shipping)
        return {
            "external_id": order.get("id"),
            "reference": order.get("name"),
            "date_order": order.get("processed_at") or order.get("created_at"),
            "currency": order.get("currency"),
            "prices_include_tax": bool(order.get("taxes_included")),
            "status": "test" if order.get("test") else status.lower(),
            "paid": status in PAID,
            "authorized": status in AUTHORIZED,
            "cancelled": bool(order.get("cancelled_at")),
            "payment_method": gateways[0] if isinstance(gateways, list) and gateways else "",
            "note": order.get("note"),
            "customer": {
                "external_id": customer.get("id") or "",
                "email": customer.get("email") or order.get("email"),
                "name": " ".join(
                    filter(None, [customer.get("first_name"), customer.get("last_name")])
                ),
                "company": (billing or {}).get("company"),
                "vat": vat,
                "phone": customer.get("phone") or order.get("phone"),
            },
            "billing_address": billing,
            "shipping_address": address(order.get("shipping_address")),
            "lines": lines,
            "shipping": shipping,
            "discounts": [],
            "charges": charges,
            "total": order.get("total_price"),
        }
