# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 / Adobe Commerce REST API (``/rest/V1``), an integration access
token as ``Authorization: Bearer`` (the integration needs the resource
*Sales > Operations > Orders > Actions > View*, ``Magento_Sales::actions_view``),
``searchCriteria`` on ``updated_at`` (UTC, as Magento stores it).

Pages are read by key, not by number alone: each query asks for the orders
updated at or after the last one read (sorted by ``updated_at`` then
``entity_id``) and drops those already read, so that an order updated while
the connector pages through the others cannot shift an unread order onto a
page already read.  ``currentPage`` only moves on while a whole page shares one
``updated_at``; ``total_count`` says when to stop (Magento answers the last
page again for a page beyond the end).

Mapping: the rows of configurable products' children are skipped (the parent
row carries the child's SKU and the price); a bundle with a dynamic price is
imported as its children.  Prices follow the backend's *prices include tax*
setting: ``price_incl_tax`` with a tax-included shop, ``price`` otherwise;
line discounts (``discount_amount``) are taken as Magento computes them with
*Apply Discount On Prices* set the same way.  The shipping tax rate is derived
from the shipping amounts, rounded to the nearest usual VAT rate.
"""

import json

from odoo.tools import LazyTranslate

from ..base import HttpClient, PlatformError, parse_utc

_lt = LazyTranslate(__name__)

API = "/rest/V1"
PAGE_SIZE = 50
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


class Magento2Client(HttpClient):
    #: orders per page
    page_size = PAGE_SIZE

    def _auth(self):
        return {"Authorization": f"Bearer {self.backend.api_key or ''}"}, None, {}

    def _get(self, path, params):
        response = self.request("GET", f"{self.base_url}{API}{path}", params=params)
        try:
            data = response.json()
        except ValueError as exc:
            raise PlatformError(_lt("Magento sent an answer that is not JSON.")) from exc
        if not isinstance(data, dict):
            raise PlatformError(_lt("Magento sent an answer that is not an object."))
        return data

    def test_connection(self):
        data = self._get(
            "/orders", {"searchCriteria[pageSize]": 1, "searchCriteria[currentPage]": 1}
        )
        return _lt("Magento answered: %(total)s orders.", total=data.get("total_count", "?"))

    def _criteria(self, low, high, page):
        prefix = "searchCriteria"
        return {
            f"{prefix}[filterGroups][0][filters][0][field]": "updated_at",
            f"{prefix}[filterGroups][0][filters][0][value]": low,
            f"{prefix}[filterGroups][0][filters][0][conditionType]": "gteq",
            f"{prefix}[filterGroups][1][filters][0][field]": "updated_at",
            f"{prefix}[filterGroups][1][filters][0][value]": high,
            f"{prefix}[filterGroups][1][filters][0][conditionType]": "lteq",
            f"{prefix}[sortOrders][0][field]": "updated_at",
            f"{prefix}[sortOrders][0][direction]": "ASC",
            f"{prefix}[sortOrders][1][field]": "entity_id",
            f"{prefix}[sortOrders][1][direction]": "ASC",
            f"{prefix}[pageSize]": self.page_size,
            f"{prefix}[currentPage]": page,
        }

    def fetch_orders(self, since, until):
        low, high = since.strftime(DATE_FORMAT), until.strftime(DATE_FORMAT)
        page = 1
        seen = set()
        while True:
            data = self._get("/orders", self._criteria(low, high, page))
            items = data.get("items")
            if items is None:
                items = []
            if not isinstance(items, list):
                raise PlatformError(_lt("Magento sent an order list that is not a list."))
            try:
                total = int(data.get("total_count") or 0)
            except (TypeError, ValueError) as exc:
                raise PlatformError(
                    _lt("Magento sent an order list without a total count.")
                ) from exc
            for order in items:
                if not isinstance(order, dict) or not order.get("entity_id"):
                    raise PlatformError(_lt("Magento sent an order without an id."))
                external_id = str(order["entity_id"])
                if external_id in seen:
                    continue
                seen.add(external_id)
                yield external_id, json.dumps(order, ensure_ascii=False)
            if items:
                self.checkpoint = parse_utc(items[-1].get("updated_at"))
            if not items or page * self.page_size >= total:
                break
            last = str(items[-1].get("updated_at") or "")
            if last and last > low:
                low, page = last, 1
            else:
                page += 1

    # ------------------------------------------------------------ outbound

    def _send_json(self, method, path, body):
        response = self.request(method, f"{self.base_url}{API}{path}", json=body)
        try:
            return response.json()
        except ValueError as exc:
            raise PlatformError(_lt("Magento sent an answer that is not JSON.")) from exc

    def products(self):
        page = 1
        while True:
            data = self._get(
                "/products",
                {"searchCriteria[pageSize]": 500, "searchCriteria[currentPage]": page},
            )
            items = data.get("items") or []
            yield from items
            if not items or page * 500 >= int(data.get("total_count") or 0):
                break
            page += 1

    def save_source_items(self, body):
        return self._send_json("POST", "/inventory/source-items", body)

    def save_base_prices(self, body):
        """``POST /V1/products/base-prices``: the list of refused rows."""
        return self._send_json("POST", "/products/base-prices", body)

    def save_stock_item(self, sku, item_id, body):
        return self._send_json("PUT", f"/products/{sku}/stockItems/{item_id}", body)

    def order(self, order_id):
        return self._get(f"/orders/{order_id}", {})

    def shipments(self, order_id):
        prefix = "searchCriteria[filterGroups][0][filters][0]"
        data = self._get(
            "/shipments",
            {f"{prefix}[field]": "order_id", f"{prefix}[value]": order_id},
        )
        return data.get("items") or []

    def ship(self, order_id, body):
        return self._send_json("POST", f"/order/{order_id}/ship", body)

    def add_comment(self, order_id, body):
        return self._send_json("POST", f"/orders/{order_id}/comments", body)
