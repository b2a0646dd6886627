# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify Admin GraphQL API (``/admin/api/<version>/graphql.json``), the
Admin API access token in ``X-Shopify-Access-Token``, cursor pagination
(``pageInfo { hasNextPage endCursor }``) over ``orders`` sorted by
``UPDATED_AT`` with an ``updated_at`` search query, and the calculated query
cost (``extensions.cost.throttleStatus``) honoured: the client waits when the
bucket holds less than a query costs, and retries ``THROTTLED`` answers.
A query may not cost more than 1000 points: orders are read ``PAGE_SIZE`` at a
time with their first ``LINES_PAGE`` lines (the page shrinks for the run when
Shopify answers ``MAX_COST_EXCEEDED``); the rest of a long order's lines is
read by a query of its own, so the stored payload always holds every line.

``map_order`` accepts the two shapes an order comes in: the GraphQL ``Order``
node stored when polling (``lineItems``, ``totalPriceSet``...) and the REST
order of the ``orders/create`` / ``orders/updated`` webhooks (``line_items``,
``total_price``...), optionally wrapped as ``{"order": {...}}``.  Both give the
numeric order id as the external id, so a webhook and a poll of one order
update one sale order.

The access token needs the ``read_orders`` and ``read_customers`` scopes
(``read_all_orders`` to read orders older than 60 days) and, for the customer
fields, Shopify's approval of protected customer data; a missing one is
reported with Shopify's own message.  Amounts are the order's original ones
(``quantity``, ``totalPriceSet``), in the shop's currency (``shopMoney``).

The order's status is its financial status (``paid``, ``pending``...), or
``test`` for a test order, which a state mapping ``test`` → skip keeps out.

A VAT number is read from the order's custom attributes (note attributes in
REST) named ``vat_number``, ``vat``, ``tva`` or ``tax_id`` (case-insensitive),
as the usual VAT-number apps store it.
"""

import json
import logging
import time
from decimal import Decimal

from odoo.tools import LazyTranslate

from .base import Adapter, PlatformError, register
from .canonical import clean_rate, to_decimal

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

API_VERSION = "2024-10"
#: orders per page (about 130 points each with their first lines); lowered
#: for the run when Shopify answers that the query would cost more than its
#: single-query maximum (1000 points)
PAGE_SIZE = 5
#: line items read with each order; an order with more gets the rest by a
#: query of its own (``LINES_QUERY``, 25 lines at a time)
LINES_PAGE = 10
#: attempts of one query answered THROTTLED
THROTTLE_ATTEMPTS = 5
VAT_KEYS = {"vat_number", "vat", "tva", "tax_id", "vat_id", "numero_tva"}
PAID = {"PAID", "PARTIALLY_REFUNDED"}
AUTHORIZED = {"AUTHORIZED"}

MONEY = "shopMoney { amount currencyCode }"
ADDRESS = ("firstName lastName name company address1 address2 city zip provinceCode "
           "countryCodeV2 phone")
LINE_FIELDS = f"""
  id sku name quantity
  variant {{ barcode }}
  originalUnitPriceSet {{ {MONEY} }}
  discountAllocations {{ allocatedAmountSet {{ {MONEY} }} }}
  taxLines {{ rate ratePercentage priceSet {{ {MONEY} }} }}
"""
ORDER_FIELDS = f"""
  id legacyResourceId name createdAt updatedAt processedAt cancelledAt
  currencyCode taxesIncluded displayFinancialStatus test
  email phone note paymentGatewayNames
  customAttributes {{ key value }}
  customer {{ id email firstName lastName phone }}
  billingAddress {{ {ADDRESS} }}
  shippingAddress {{ {ADDRESS} }}
  totalPriceSet {{ {MONEY} }}
  lineItems(first: $lines) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ {LINE_FIELDS} }}
  }}
  shippingLines(first: 5) {{
    nodes {{
      code title
      discountedPriceSet {{ {MONEY} }}
      taxLines {{ rate ratePercentage priceSet {{ {MONEY} }} }}
    }}
  }}
"""
ORDERS_QUERY = f"""query EcomOrders($first: Int!, $after: String, $query: String!, $lines: Int!) {{
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ {ORDER_FIELDS} }}
  }}
}}"""
LINES_QUERY = f"""query EcomOrderLines($id: ID!, $after: String) {{
  order(id: $id) {{
    lineItems(first: 25, after: $after) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{ {LINE_FIELDS} }}
    }}
  }}
}}"""
SHOP_QUERY = "query EcomShop { shop { name myshopifyDomain currencyCode } }"


class QueryTooCostly(PlatformError):
    """Shopify refused a query whose calculated cost exceeds its maximum."""

    def __init__(self, message, cost, max_cost):
        super().__init__(message)
        self.cost = cost
        self.max_cost = max_cost


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
        "name": data.get("name") or " ".join(
            filter(None, [data.get(first_name), data.get(last_name)])),
        "company": data.get("company"),
        "street": data.get("address1"), "street2": data.get("address2"),
        "zip": data.get("zip"), "city": data.get("city"),
        "state_code": data.get(province),
        "country_code": data.get(country),
        "phone": data.get("phone"), "email": email,
        "vat": vat if data.get("company") else "",
    }


def _iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _legacy_id(value):
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


@register
class ShopifyAdapter(Adapter):
    platform = "shopify"

    def __init__(self, backend):
        super().__init__(backend)
        self.graphql_url = f"{self.base_url}/admin/api/{API_VERSION}/graphql.json"

    def _auth(self):
        return {"X-Shopify-Access-Token": self.backend.api_key or ""}, None, {}

    # ------------------------------------------------------------ HTTP

    def graphql(self, query, variables=None):
        """Run one GraphQL query; return its ``data``.

        Waits when the cost bucket is too low for the query, and retries a
        ``THROTTLED`` answer after the time the bucket needs to refill."""
        for attempt in range(1, THROTTLE_ATTEMPTS + 1):
            response = self.request("POST", self.graphql_url,
                                    json={"query": query, "variables": variables or {}})
            try:
                body = response.json()
            except ValueError as exc:
                raise PlatformError(_lt("Shopify sent an answer that is not JSON.")) from exc
            if not isinstance(body, dict):
                raise PlatformError(_lt("Shopify sent an answer that is not an object."))
            cost = (body.get("extensions") or {}).get("cost") or {}
            errors = body.get("errors") or []
            if isinstance(errors, list) and any(
                (e.get("extensions") or {}).get("code") == "THROTTLED"
                for e in errors if isinstance(e, dict)
            ):
                if attempt == THROTTLE_ATTEMPTS:
                    raise PlatformError(_lt(
                        "Shopify keeps throttling the requests; the import will run again "
                        "at the next scheduled intake."))
                wait = self._throttle_wait(cost, default=self.backoff * 2 ** attempt)
                _logger.info("Shopify throttled, retry %s in %.2fs", attempt, wait)
                time.sleep(wait)
                continue
            if isinstance(errors, list):
                too_costly = next((e for e in errors if isinstance(e, dict) and (
                    e.get("extensions") or {}).get("code") == "MAX_COST_EXCEEDED"), None)
                if too_costly:
                    ext = too_costly["extensions"]
                    raise QueryTooCostly(
                        _lt("Shopify refused a query costing %(cost)s points.",
                            cost=ext.get("cost")), ext.get("cost"), ext.get("maxCost"))
            if errors:
                messages = errors if isinstance(errors, str) else "; ".join(
                    str(e.get("message") if isinstance(e, dict) else e) for e in errors)
                raise PlatformError(_lt("Shopify refused the query: %(errors)s",
                                        errors=str(messages)[:300]))
            wait = self._throttle_wait(cost)
            if wait:
                # the next query would be throttled: let the bucket refill first
                time.sleep(wait)
            data = body.get("data")
            if not isinstance(data, dict):
                raise PlatformError(_lt("Shopify sent an answer without data."))
            return data
        raise AssertionError("unreachable")

    def _throttle_wait(self, cost, default=0.0):
        """Seconds to wait until the bucket holds what the last query cost."""
        status = cost.get("throttleStatus") if isinstance(cost, dict) else None
        if not isinstance(status, dict):
            return min(default, self.max_wait)
        try:
            needed = float(cost.get("requestedQueryCost") or 0)
            available = float(status.get("currentlyAvailable") or 0)
            restore = float(status.get("restoreRate") or 0)
        except (TypeError, ValueError):
            return min(default, self.max_wait)
        if available >= needed:
            return 0.0
        if restore <= 0:
            return min(default, self.max_wait)
        return min((needed - available) / restore, self.max_wait)

    # ------------------------------------------------------- contract

    def test_connection(self):
        shop = self.graphql(SHOP_QUERY).get("shop") or {}
        return _lt("Connected to the Shopify shop %(name)s (%(domain)s).",
                   name=shop.get("name"), domain=shop.get("myshopifyDomain"))

    def fetch_orders(self, since, until):
        search = f"updated_at:>='{_iso(since)}' AND updated_at:<='{_iso(until)}'"
        cursor = None
        first = PAGE_SIZE
        while True:
            variables = {"first": first, "after": cursor, "query": search, "lines": LINES_PAGE}
            try:
                data = self.graphql(ORDERS_QUERY, variables)
            except QueryTooCostly as exc:
                smaller = self._smaller_page(first, exc)
                if not smaller:
                    raise
                first = smaller
                continue
            orders = data.get("orders")
            if not isinstance(orders, dict) or not isinstance(orders.get("nodes"), list):
                raise PlatformError(_lt("Shopify sent an order list without orders."))
            for node in orders["nodes"]:
                if not isinstance(node, dict):
                    raise PlatformError(_lt("Shopify sent an order that is not an object."))
                self._complete_lines(node)
                external_id = node.get("legacyResourceId") or _legacy_id(node.get("id"))
                yield str(external_id), json.dumps(node, ensure_ascii=False)
            info = orders.get("pageInfo") or {}
            if not info.get("hasNextPage") or not orders["nodes"]:
                break
            if not info.get("endCursor") or info.get("endCursor") == cursor:
                raise PlatformError(_lt("Shopify sent a next page without a new cursor."))
            cursor = info["endCursor"]

    @staticmethod
    def _smaller_page(first, exc):
        """A page size whose cost fits Shopify's maximum, or None."""
        try:
            smaller = int(first * float(exc.max_cost) / float(exc.cost))
        except (TypeError, ValueError, ZeroDivisionError):
            smaller = first // 2
        smaller = min(smaller, first - 1)
        return smaller if smaller >= 1 else None

    def _complete_lines(self, node):
        """Read the line items beyond the first page into the order node, so
        that the stored payload holds the whole order."""
        items = node.get("lineItems")
        if not isinstance(items, dict):
            return
        info = items.get("pageInfo") or {}
        while info.get("hasNextPage"):
            data = self.graphql(LINES_QUERY, {"id": node.get("id"), "after": info.get("endCursor")})
            more = (data.get("order") or {}).get("lineItems")
            if not isinstance(more, dict) or not isinstance(more.get("nodes"), list):
                raise PlatformError(_lt("Shopify sent the lines of order %(order)s without "
                                        "lines.", order=node.get("name")))
            items.setdefault("nodes", []).extend(more["nodes"])
            info = more.get("pageInfo") or {}
            if info.get("hasNextPage") and not info.get("endCursor"):
                raise PlatformError(_lt("Shopify sent a next page without a new cursor."))
        items["pageInfo"] = {"hasNextPage": False}

    def split_payload(self, payload, content_type):
        data = self._load(payload)
        if isinstance(data, dict) and isinstance(data.get("orders"), list):
            orders = data["orders"]
        elif isinstance(data, list):
            orders = data
        else:
            orders = [data]
        result = []
        for order in orders:
            order = self._unwrap(order)
            external_id = ""
            if isinstance(order, dict):
                external_id = str(order.get("legacyResourceId") or _legacy_id(order.get("id")))
            result.append((external_id, json.dumps(order, ensure_ascii=False)))
        return result

    @staticmethod
    def _load(payload):
        try:
            return json.loads(payload)
        except (ValueError, TypeError) as exc:
            raise PlatformError(_lt("The Shopify payload is not valid JSON: %(error)s",
                                    error=str(exc)[:200])) from exc

    @staticmethod
    def _unwrap(order):
        if isinstance(order, dict) and set(order) == {"order"}:
            return order["order"]
        return order

    def map_order(self, payload):
        order = self._unwrap(self._load(payload))
        if not isinstance(order, dict):
            raise PlatformError(_lt("The Shopify order is not an object."))
        if "lineItems" in order or "totalPriceSet" in order or "legacyResourceId" in order:
            return self._map_graphql(order)
        if "line_items" in order or "total_price" in order:
            return self._map_rest(order)
        raise PlatformError(_lt("The payload is not a Shopify order (neither a GraphQL order "
                                "nor a REST webhook order)."))

    # --------------------------------------------------------- mapping

    @staticmethod
    def _vat(attributes, key_name, value_name):
        for attribute in attributes or []:
            if isinstance(attribute, dict) and str(
                    attribute.get(key_name) or "").strip().lower() in VAT_KEYS:
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
                raise PlatformError(_lt("The Shopify %(what)s hold an entry that is not an object.",
                                        what=what))
        return connection

    def _map_graphql(self, order):
        items = order.get("lineItems")
        if isinstance(items, dict) and (items.get("pageInfo") or {}).get("hasNextPage"):
            raise PlatformError(_lt("The Shopify order holds only part of its lines; it is "
                                    "read whole by the next import."))
        lines = []
        for item in self._nodes(items, "line items"):
            qty = to_decimal(item.get("quantity"), "quantity")
            price = _money(item.get("originalUnitPriceSet"), "unit price")
            allocations = self._nodes(item.get("discountAllocations"), "discount allocations")
            if "discountAllocations" in item:
                discount = sum((_money(a.get("allocatedAmountSet"), "discount")
                                for a in allocations), Decimal(0))
            else:
                discounted = _money(item.get("discountedUnitPriceSet") or
                                    item.get("originalUnitPriceSet"), "discounted price")
                discount = (price - discounted) * qty
            lines.append({
                "external_id": _legacy_id(item.get("id")),
                "sku": item.get("sku"),
                "barcode": (item.get("variant") or {}).get("barcode"),
                "name": item.get("name"),
                "quantity": qty,
                "price_unit": price,
                "tax_rate": self._rate(
                    item.get("taxLines"), "ratePercentage", "rate",
                    lambda t: _money(t.get("priceSet"), "tax")),
                "discount": discount.quantize(Decimal("0.01")),
            })
        shipping = None
        ship_lines = self._nodes(order.get("shippingLines"), "shipping lines")
        if ship_lines:
            first = ship_lines[0]
            shipping = {
                "code": first.get("code"),
                "name": first.get("title"),
                "amount": sum((_money(s.get("discountedPriceSet") or s.get("originalPriceSet"),
                                      "shipping") for s in ship_lines), Decimal(0)),
                "tax_rate": self._rate(first.get("taxLines"), "ratePercentage", "rate",
                                       lambda t: _money(t.get("priceSet"), "shipping tax")),
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
            "external_id": order.get("legacyResourceId") or _legacy_id(order.get("id")),
            "reference": order.get("name"),
            "date_order": order.get("processedAt") or order.get("createdAt"),
            "currency": order.get("currencyCode") or
            ((order.get("totalPriceSet") or {}).get("shopMoney") or {}).get("currencyCode"),
            "prices_include_tax": bool(order.get("taxesIncluded")),
            # test orders (Bogus gateway) can be skipped by a state mapping "test"
            "status": "test" if order.get("test") else status.lower(),
            "paid": status in PAID,
            "authorized": status in AUTHORIZED,
            "cancelled": bool(order.get("cancelledAt")),
            "payment_method": gateways[0] if isinstance(gateways, list) and gateways else "",
            "note": order.get("note"),
            "customer": {
                "external_id": _legacy_id(customer.get("id")),
                "email": customer.get("email") or order.get("email"),
                "name": " ".join(filter(None, [customer.get("firstName"),
                                               customer.get("lastName")])),
                "company": (billing or {}).get("company"),
                "vat": vat,
                "phone": customer.get("phone") or order.get("phone"),
            },
            "billing_address": billing,
            "shipping_address": address(order.get("shippingAddress")),
            "lines": lines,
            "shipping": shipping,
            "discounts": [],
            "total": _money(order.get("totalPriceSet"), "order total")
            if order.get("totalPriceSet") else None,
        }

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
                discount = sum((to_decimal(a.get("amount"), "discount")
                                for a in allocations if isinstance(a, dict)), Decimal(0))
            else:
                discount = to_decimal(item.get("total_discount"), "discount")
            lines.append({
                "external_id": item.get("id"),
                "sku": item.get("sku"),
                "name": item.get("name") or item.get("title"),
                "quantity": to_decimal(item.get("quantity"), "quantity"),
                "price_unit": to_decimal(item.get("price"), "unit price"),
                "tax_rate": self._rate(item.get("tax_lines"), "rate_percentage", "rate",
                                       lambda t: to_decimal(t.get("price"), "tax")),
                "discount": discount,
            })
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
                "amount": sum((to_decimal(s.get("discounted_price", s.get("price")),
                                          "shipping") for s in ship_lines), Decimal(0)),
                "tax_rate": self._rate(first.get("tax_lines"), "rate_percentage", "rate",
                                       lambda t: to_decimal(t.get("price"), "shipping tax")),
            }
        vat = self._vat(order.get("note_attributes"), "name", "value")
        customer = order.get("customer") or {}
        if not isinstance(customer, dict):
            raise PlatformError(_lt("The Shopify customer is not an object."))

        def address(data):
            return _address(data, REST_ADDRESS_KEYS, order.get("email"), vat)

        billing = address(order.get("billing_address"))
        status = (order.get("financial_status") or "").upper()
        gateways = order.get("payment_gateway_names") or []
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
                "name": " ".join(filter(None, [customer.get("first_name"),
                                               customer.get("last_name")])),
                "company": (billing or {}).get("company"),
                "vat": vat,
                "phone": customer.get("phone") or order.get("phone"),
            },
            "billing_address": billing,
            "shipping_address": address(order.get("shipping_address")),
            "lines": lines,
            "shipping": shipping,
            "discounts": [],
            "total": order.get("total_price"),
        }
