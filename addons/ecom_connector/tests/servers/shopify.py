# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify Admin GraphQL API as documented (shopify.dev/docs/api/admin-graphql):
``POST /admin/api/<version>/graphql.json`` with ``X-Shopify-Access-Token``,
``orders(first, after, query, sortKey: UPDATED_AT)`` with opaque cursors and
``pageInfo``, the ``updated_at:>=`` / ``updated_at:<=`` search syntax, the
calculated query cost in ``extensions.cost`` (leaky bucket, ``THROTTLED``
errors, ``MAX_COST_EXCEEDED`` above 1000 points), 401 with the REST-style
``errors`` string on a wrong token.

This is not a GraphQL engine: it recognises the two operations the
connector sends (the ``orders`` connection and ``shop``, plus the ``order``
lines follow-up) and answers whole nodes; anything else is unexpected.
"""

import base64
import json
import re
import threading
import time
from datetime import datetime, timedelta
from decimal import Decimal

from .base import Response, ShopServer
from .catalogue import order_plan, q, tax_of

ACCESS_TOKEN = "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"
API_VERSION = re.compile(r"^/admin/api/(\d{4}-\d{2}|unstable)/graphql\.json$")
START = datetime(2026, 11, 20, 8, 0, 0)
MAX_COST = 1000


def _money(amount, currency="EUR"):
    return {"shopMoney": {"amount": f"{Decimal(amount):.2f}", "currencyCode": currency}}


def _tax_lines(rate, tax, rest=False):
    if not rate:
        return []
    if rest:
        return [
            {
                "title": "TVA",
                "price": f"{tax:.2f}",
                "rate": float(rate / 100),
                "channel_liable": False,
            }
        ]
    return [
        {
            "title": "TVA",
            "rate": float(rate / 100),
            "ratePercentage": float(rate),
            "priceSet": _money(tax),
        }
    ]


def _iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def shopify_order(index, lines_per_order=3, updated=None):
    """A Shopify GraphQL ``Order`` node from :func:`order_plan` (taxes
    included, as a French shop is set up)."""
    plan = order_plan(index, lines_per_order)
    ext_id, first, last, company, vat, email, street, zip_code, city, country = plan["customer"]
    created = START + timedelta(minutes=index)
    order_id = 820982911946154500 + index
    line_nodes = []
    for number, line in enumerate(plan["lines"], start=1):
        total = q(line["price"] * line["qty"]) - line["discount"]
        line_nodes.append(
            {
                "id": f"gid://shopify/LineItem/{466157049 + index * 100 + number}",
                "sku": line["sku"],
                "name": line["name"],
                "quantity": line["qty"],
                "variant": {"barcode": line["barcode"]},
                "originalUnitPriceSet": _money(line["price"]),
                "discountAllocations": [{"allocatedAmountSet": _money(line["discount"])}]
                if line["discount"]
                else [],
                "taxLines": _tax_lines(line["rate"], tax_of(total, line["rate"])),
            }
        )
    ship = plan["shipping"]
    address = {
        "firstName": first,
        "lastName": last,
        "name": f"{first} {last}",
        "company": company or None,
        "address1": street,
        "address2": None,
        "city": city,
        "zip": zip_code,
        "provinceCode": None,
        "countryCodeV2": country,
        "phone": "+33 6 12 34 56 78",
    }
    return {
        "id": f"gid://shopify/Order/{order_id}",
        "legacyResourceId": str(order_id),
        "name": f"#{1000 + index}",
        "createdAt": _iso(created),
        "updatedAt": _iso(updated or created),
        "processedAt": _iso(created),
        "cancelledAt": None,
        "currencyCode": "EUR",
        "taxesIncluded": True,
        "displayFinancialStatus": "PAID" if plan["paid"] else "PENDING",
        "test": False,
        "email": email,
        "phone": None,
        "note": None,
        "paymentGatewayNames": ["shopify_payments"] if plan["paid"] else ["Virement bancaire"],
        "customAttributes": [{"key": "vat_number", "value": vat}] if vat else [],
        "customer": None
        if ext_id == "0"
        else {
            "id": f"gid://shopify/Customer/{ext_id}",
            "email": email,
            "firstName": first,
            "lastName": last,
            "phone": None,
        },
        "billingAddress": address,
        "shippingAddress": address,
        "totalPriceSet": _money(plan["total"]),
        "lineItems": {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": line_nodes},
        "shippingLines": {
            "nodes": [
                {
                    "code": ship["code"],
                    "title": ship["name"],
                    "discountedPriceSet": _money(ship["amount"]),
                    "taxLines": _tax_lines(ship["rate"], tax_of(ship["amount"], ship["rate"])),
                }
            ]
        },
    }


def shopify_rest_order(index, lines_per_order=3):
    """The same order as the REST payload of an ``orders/updated`` webhook."""
    plan = order_plan(index, lines_per_order)
    ext_id, first, last, company, vat, email, street, zip_code, city, country = plan["customer"]
    created = START + timedelta(minutes=index)
    line_items = []
    for number, line in enumerate(plan["lines"], start=1):
        total = q(line["price"] * line["qty"]) - line["discount"]
        line_items.append(
            {
                "id": 466157049 + index * 100 + number,
                "sku": line["sku"],
                "name": line["name"],
                "title": line["name"],
                "quantity": line["qty"],
                "price": f"{line['price']:.2f}",
                "total_discount": f"{line['discount']:.2f}",
                "discount_allocations": [
                    {"amount": f"{line['discount']:.2f}", "discount_application_index": 0}
                ]
                if line["discount"]
                else [],
                "tax_lines": _tax_lines(line["rate"], tax_of(total, line["rate"]), rest=True),
            }
        )
    ship = plan["shipping"]
    address = {
        "first_name": first,
        "last_name": last,
        "name": f"{first} {last}",
        "company": company or None,
        "address1": street,
        "address2": None,
        "city": city,
        "zip": zip_code,
        "province_code": None,
        "country_code": country,
        "phone": "+33 6 12 34 56 78",
    }
    return {
        "id": 820982911946154500 + index,
        "admin_graphql_api_id": f"gid://shopify/Order/{820982911946154500 + index}",
        "name": f"#{1000 + index}",
        "order_number": 1000 + index,
        "email": email,
        "created_at": created.strftime("%Y-%m-%dT%H:%M:%S+01:00"),
        "processed_at": created.strftime("%Y-%m-%dT%H:%M:%S+01:00"),
        "cancelled_at": None,
        "currency": "EUR",
        "taxes_included": True,
        "financial_status": "paid" if plan["paid"] else "pending",
        "test": False,
        "total_price": f"{plan['total']:.2f}",
        "payment_gateway_names": ["shopify_payments"] if plan["paid"] else ["Virement bancaire"],
        "note": None,
        "note_attributes": [{"name": "vat_number", "value": vat}] if vat else [],
        "customer": None
        if ext_id == "0"
        else {"id": int(ext_id), "email": email, "first_name": first, "last_name": last},
        "billing_address": address,
        "shipping_address": address,
        "line_items": line_items,
        "shipping_lines": [
            {
                "id": 271878346596884000 + index,
                "code": ship["code"],
                "title": ship["name"],
                "price": f"{ship['amount']:.2f}",
                "discounted_price": f"{ship['amount']:.2f}",
                "tax_lines": _tax_lines(
                    ship["rate"], tax_of(ship["amount"], ship["rate"]), rest=True
                ),
            }
        ],
    }


def _cursor(order):
    return base64.b64encode(
        json.dumps(
            {"last_id": int(order["legacyResourceId"]), "last_value": order["updatedAt"]}
        ).encode()
    ).decode()


class ShopifyServer(ShopServer):
    """Serves ``orders`` (Shopify GraphQL order nodes).

    The cost bucket holds ``bucket_size`` points and refills at
    ``restore_rate`` points a second; ``throttled`` counts the queries refused
    as ``THROTTLED``; ``throttle_next`` forces that many refusals.
    """

    def __init__(
        self,
        orders=(),
        token=ACCESS_TOKEN,
        bucket_size=MAX_COST,
        restore_rate=100000.0,
        line_cost=10,
    ):
        super().__init__()
        self.line_cost = line_cost
        self.orders = list(orders)
        self.token = token
        self.bucket_size = float(bucket_size)
        self.restore_rate = float(restore_rate)
        self.available = float(bucket_size)
        self.refilled_at = time.monotonic()
        self.throttled = 0
        self.throttle_next = 0
        self.too_costly = 0
        #: access scopes of the token; without read_customers, customer fields
        #: are denied as Shopify denies them
        self.scopes = {"read_orders", "read_customers"}
        self.bucket_lock = threading.Lock()

    # ------------------------------------------------------------- cost

    def _orders_cost(self, first, lines):
        """Requested cost as Shopify counts it: 2 per connection plus, for
        each requested node, its objects (order ~30, line item ~10)."""
        return 2 + first * (30 + 2 + lines * self.line_cost)

    def _charge(self, requested):
        """Take ``requested`` points from the bucket, or None when throttled."""
        with self.bucket_lock:
            now = time.monotonic()
            self.available = min(
                self.bucket_size, self.available + (now - self.refilled_at) * self.restore_rate
            )
            self.refilled_at = now
            if self.throttle_next or self.available < requested:
                self.throttle_next = max(0, self.throttle_next - 1)
                self.throttled += 1
                return None
            self.available -= requested
            return self.available

    def _cost(self, requested, available):
        return {
            "cost": {
                "requestedQueryCost": requested,
                "actualQueryCost": requested,
                "throttleStatus": {
                    "maximumAvailable": self.bucket_size,
                    "currentlyAvailable": available,
                    "restoreRate": self.restore_rate,
                },
            }
        }

    # ----------------------------------------------------------- routing

    def route(self, request):
        if not API_VERSION.match(request.path) or request.method != "POST":
            return None
        if request.headers.get("X-Shopify-Access-Token") != self.token:
            return Response(
                401,
                {
                    "errors": "[API] Invalid API key or access token "
                    "(unrecognized login or wrong password)"
                },
            )
        if not request.headers.get("Content-Type", "").startswith("application/json"):
            return Response(415, {"errors": "Unsupported Media Type"})
        try:
            body = json.loads(request.body)
            query, variables = body["query"], body.get("variables") or {}
        except (ValueError, KeyError, TypeError):
            return Response(400, {"errors": {"query": "Required parameter missing or invalid"}})
        if re.search(r"\bshop\s*\{", query) and "orders(" not in query:
            return self._graphql(
                1,
                {
                    "shop": {
                        "name": "Maison du Thé",
                        "myshopifyDomain": "maison-du-the.myshopify.com",
                        "currencyCode": "EUR",
                    }
                },
            )
        if re.search(r"\borders\(", query):
            if "read_customers" not in self.scopes and re.search(r"\bcustomer\s*\{", query):
                return Response(
                    200,
                    {
                        "data": None,
                        "errors": [
                            {
                                "message": "Access denied for customer field. Required access: "
                                "`read_customers` access scope.",
                                "extensions": {
                                    "code": "ACCESS_DENIED",
                                    "documentation": "https://shopify.dev/api/usage/access-scopes",
                                },
                                "path": ["orders", "nodes", 0, "customer"],
                            }
                        ],
                    },
                )
            return self._orders(query, variables)
        if re.search(r"\border\(id:", query):
            return self._order_lines(query, variables)
        return None

    def _graphql(self, requested, data):
        if requested > MAX_COST:
            self.too_costly += 1
            return Response(
                200,
                {
                    "errors": [
                        {
                            "message": f"Query cost is {requested}, which exceeds the "
                            f"single query max cost limit ({MAX_COST}).",
                            "extensions": {
                                "code": "MAX_COST_EXCEEDED",
                                "cost": requested,
                                "maxCost": MAX_COST,
                            },
                        }
                    ]
                },
            )
        available = self._charge(requested)
        if available is None:
            return Response(
                200,
                {
                    "errors": [
                        {
                            "message": "Throttled",
                            "extensions": {
                                "code": "THROTTLED",
                                "documentation": "https://shopify.dev/api/usage/rate-limits",
                            },
                        }
                    ],
                    "extensions": self._cost(requested, self.available),
                },
            )
        return Response(200, {"data": data, "extensions": self._cost(requested, available)})

    @staticmethod
    def _error(message, code):
        return Response(200, {"errors": [{"message": message, "extensions": {"code": code}}]})

    def _orders(self, query, variables):
        first, lines = variables.get("first"), variables.get("lines")
        if not isinstance(first, int) or not 1 <= first <= 250:
            return self._error(
                "Variable $first of type Int! was provided invalid value", "INVALID_VARIABLE"
            )
        if "sortKey: UPDATED_AT" not in query or "pageInfo" not in query:
            return None
        lines = lines if isinstance(lines, int) else 100
        requested = self._orders_cost(first, lines)
        search = variables.get("query") or ""
        low = re.search(r"updated_at:>='?([0-9T:\-Z]+)'?", search)
        high = re.search(r"updated_at:<='?([0-9T:\-Z]+)'?", search)
        selected = sorted(
            (
                o
                for o in self.orders
                if (not low or o["updatedAt"] >= low.group(1))
                and (not high or o["updatedAt"] <= high.group(1))
            ),
            key=lambda o: (o["updatedAt"], int(o["legacyResourceId"])),
        )
        after = variables.get("after")
        if after:
            try:
                mark = json.loads(base64.b64decode(after))
                key = (mark["last_value"], int(mark["last_id"]))
            except (ValueError, KeyError, TypeError):
                return self._error("Invalid cursor for current pagination sort.", "BAD_REQUEST")
            selected = [o for o in selected if (o["updatedAt"], int(o["legacyResourceId"])) > key]
        page = selected[:first]
        nodes = []
        for order in page:
            node = json.loads(json.dumps(order))
            items = node["lineItems"]["nodes"]
            if len(items) > lines:
                node["lineItems"] = {
                    "pageInfo": {
                        "hasNextPage": True,
                        "endCursor": base64.b64encode(str(lines).encode()).decode(),
                    },
                    "nodes": items[:lines],
                }
            nodes.append(node)
        return self._graphql(
            requested,
            {
                "orders": {
                    "pageInfo": {
                        "hasNextPage": len(selected) > first,
                        "endCursor": _cursor(page[-1]) if page else None,
                    },
                    "nodes": nodes,
                }
            },
        )

    def _order_lines(self, query, variables):
        order = next((o for o in self.orders if o["id"] == variables.get("id")), None)
        if order is None:
            return self._graphql(1, {"order": None})
        try:
            start = int(base64.b64decode(variables.get("after") or "MA==").decode())
        except ValueError:
            return self._error("Invalid cursor.", "BAD_REQUEST")
        items = order["lineItems"]["nodes"]
        if "lineItems(first: 25" not in query:
            return None
        chunk = items[start : start + 25]
        end = start + len(chunk)
        return self._graphql(
            2 + 25 * self.line_cost,
            {
                "order": {
                    "lineItems": {
                        "pageInfo": {
                            "hasNextPage": end < len(items),
                            "endCursor": base64.b64encode(str(end).encode()).decode(),
                        },
                        "nodes": chunk,
                    }
                }
            },
        )
