# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify Admin GraphQL API (``/admin/api/<version>/graphql.json``), the
Admin API access token in ``X-Shopify-Access-Token``, cursor pagination
(``pageInfo { hasNextPage endCursor }``) over ``orders`` sorted by
``UPDATED_AT`` with an ``updated_at`` search query, and the calculated query
cost (``extensions.cost.throttleStatus``) honoured without sleeping: when the
bucket holds less than the next query costs, or Shopify answers ``THROTTLED``,
the client raises a retryable job error with the seconds the bucket needs,
and the job queue goes on then (what was read is kept).
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

Charges that are not products become lines on the shop's products of their
kind: the duties of the lines (``duties``, at the VAT rate of their tax
lines), the additional fees (``additionalFees``; a REST order only gives
their total, ``original_total_additional_fees_set``) and the tip
(``totalTipReceivedSet`` / ``total_tip_received``, never taxed by Shopify:
outside the scope of VAT).

A VAT number is read from the order's custom attributes (note attributes in
REST) named ``vat_number``, ``vat``, ``tva`` or ``tax_id`` (case-insensitive),
as the usual VAT-number apps store it.
"""

import json
import logging
import math

from odoo.tools import LazyTranslate

from ..base import HttpClient, PlatformError, UnreadableOrder, parse_utc
from .exporter import CATALOGUE_QUERY, OUT_API_VERSION
from .mapper import legacy_id

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

MONEY = "shopMoney { amount currencyCode }"
ADDRESS = (
    "firstName lastName name company address1 address2 city zip provinceCode countryCodeV2 phone"
)
TAX_LINES = f"taxLines {{ rate ratePercentage priceSet {{ {MONEY} }} }}"
LINE_FIELDS = f"""
  id sku name quantity
  variant {{ barcode }}
  originalUnitPriceSet {{ {MONEY} }}
  discountAllocations {{ allocatedAmountSet {{ {MONEY} }} }}
  taxLines {{ rate ratePercentage priceSet {{ {MONEY} }} }}
  duties {{ price {{ {MONEY} }} {TAX_LINES} }}
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
  totalTipReceivedSet {{ {MONEY} }}
  originalTotalAdditionalFeesSet {{ {MONEY} }}
  additionalFees {{ name price {{ {MONEY} }} {TAX_LINES} }}
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


def _iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


class ShopifyClient(HttpClient):
    def __init__(self, backend, interactive=False):
        super().__init__(backend, interactive=interactive)
        self.graphql_url = f"{self.base_url}/admin/api/{API_VERSION}/graphql.json"
        #: seconds the cost bucket needs before the next query (0: none)
        self.bucket_wait = 0

    def _auth(self):
        return {"X-Shopify-Access-Token": self.backend.api_key or ""}, None, {}

    def graphql(self, query, variables=None):
        """Run one GraphQL query; return its ``data``.

        A ``THROTTLED`` answer raises a retryable job error after the time the
        cost bucket needs to refill; after an answer, :attr:`bucket_wait` says
        how long the next query must wait (the poll stops there and goes on
        in a job that starts once the bucket is full enough)."""
        response = self.request(
            "POST", self.graphql_url, json={"query": query, "variables": variables or {}}
        )
        try:
            body = response.json()
        except ValueError as exc:
            raise PlatformError(_lt("Shopify sent an answer that is not JSON.")) from exc
        if not isinstance(body, dict):
            raise PlatformError(_lt("Shopify sent an answer that is not an object."))
        cost = (body.get("extensions") or {}).get("cost") or {}
        errors = body.get("errors") or []
        codes = [
            (e.get("extensions") or {}).get("code")
            for e in (errors if isinstance(errors, list) else [])
            if isinstance(e, dict)
        ]
        if "THROTTLED" in codes:
            wait = math.ceil(self._throttle_wait(cost))
            _logger.info("Shopify throttled, retry in %ss", wait)
            raise self._retry(
                _lt(
                    "Shopify is throttling the requests (query cost budget spent); the "
                    "import goes on in %(seconds)s seconds.",
                    seconds=wait or "?",
                ),
                seconds=wait or None,
            )
        if "MAX_COST_EXCEEDED" in codes:
            too_costly = next(
                e
                for e in errors
                if isinstance(e, dict)
                and (e.get("extensions") or {}).get("code") == "MAX_COST_EXCEEDED"
            )
            ext = too_costly["extensions"]
            raise QueryTooCostly(
                _lt("Shopify refused a query costing %(cost)s points.", cost=ext.get("cost")),
                ext.get("cost"),
                ext.get("maxCost"),
            )
        if errors:
            messages = (
                errors
                if isinstance(errors, str)
                else "; ".join(str(e.get("message") if isinstance(e, dict) else e) for e in errors)
            )
            raise PlatformError(
                _lt("Shopify refused the query: %(errors)s", errors=str(messages)[:300])
            )
        self.bucket_wait = self._throttle_wait(cost)
        data = body.get("data")
        if not isinstance(data, dict):
            raise PlatformError(_lt("Shopify sent an answer without data."))
        return data

    def _throttle_wait(self, cost):
        """Seconds until the bucket holds what the last query cost
        (``extensions.cost.throttleStatus``); 0 when it holds enough or the
        answer does not say.  Under a second, the next query goes at once
        (at worst Shopify answers THROTTLED, retried by the job queue)."""
        status = cost.get("throttleStatus") if isinstance(cost, dict) else None
        if not isinstance(status, dict):
            return 0
        try:
            needed = float(cost.get("requestedQueryCost") or 0)
            available = float(status.get("currentlyAvailable") or 0)
            restore = float(status.get("restoreRate") or 0)
        except (TypeError, ValueError):
            return 0
        if available >= needed or restore <= 0:
            return 0
        return min((needed - available) / restore, self.max_wait)

    # ------------------------------------------------------- contract

    def test_connection(self):
        shop = self.graphql(SHOP_QUERY).get("shop") or {}
        return _lt(
            "Connected to the Shopify shop %(name)s (%(domain)s).",
            name=shop.get("name"),
            domain=shop.get("myshopifyDomain"),
        )

    def fetch_orders(self, since, until):
        search = f"updated_at:>='{_iso(since)}' AND updated_at:<='{_iso(until)}'"
        cursor = None
        first = PAGE_SIZE
        while True:
            if self.bucket_wait >= 1:
                # no sleeping in a worker: the poll stops here, what was read
                # is kept, and the job queue goes on once the bucket refilled
                raise self._retry(
                    _lt(
                        "Shopify's query cost budget is spent; the import goes on in "
                        "%(seconds)s seconds.",
                        seconds=math.ceil(self.bucket_wait),
                    ),
                    seconds=math.ceil(self.bucket_wait),
                )
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
                external_id = node.get("legacyResourceId") or legacy_id(node.get("id"))
                try:
                    self._complete_lines(node)
                except PlatformError as exc:
                    # that order fails alone (its lines are read again by Retry
                    # or the next import); the rest of the page goes on
                    yield (
                        str(external_id),
                        UnreadableOrder(json.dumps(node, ensure_ascii=False), exc.args[0]),
                    )
                    continue
                yield str(external_id), json.dumps(node, ensure_ascii=False)
            if orders["nodes"]:
                self.checkpoint = parse_utc(orders["nodes"][-1].get("updatedAt"))
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
                raise PlatformError(
                    _lt(
                        "Shopify sent the lines of order %(order)s without lines.",
                        order=node.get("name"),
                    )
                )
            items.setdefault("nodes", []).extend(more["nodes"])
            info = more.get("pageInfo") or {}
            if info.get("hasNextPage") and not info.get("endCursor"):
                raise PlatformError(_lt("Shopify sent a next page without a new cursor."))
        items["pageInfo"] = {"hasNextPage": False}

    # ------------------------------------------------------------ outbound

    def graphql_out(self, query, variables=None):
        """A query of the outbound side, on the API version that has
        ``changeFromQuantity`` and ``@idempotent``."""
        url = self.graphql_url
        self.graphql_url = f"{self.base_url}/admin/api/{OUT_API_VERSION}/graphql.json"
        try:
            return self.graphql(query, variables)
        finally:
            self.graphql_url = url

    @staticmethod
    def user_errors(payload, name="userErrors"):
        """Shopify's ``userErrors`` of a mutation's payload (an HTTP 200)."""
        return [e for e in (payload or {}).get(name) or [] if isinstance(e, dict)]

    def variants(self):
        after = None
        while True:
            data = self.graphql_out(CATALOGUE_QUERY, {"first": 250, "after": after})
            page = data.get("productVariants") or {}
            yield from page.get("nodes") or []
            info = page.get("pageInfo") or {}
            if not info.get("hasNextPage"):
                break
            after = info.get("endCursor")
