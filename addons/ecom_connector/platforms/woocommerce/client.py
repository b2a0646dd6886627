# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce REST API v3 (``/wp-json/wc/v3``), consumer key / secret in
HTTP Basic auth, ``page`` / ``per_page`` pagination with the ``X-WP-Total``
and ``X-WP-TotalPages`` headers."""

import json

from odoo.tools import LazyTranslate

from ..base import HttpClient, PlatformError, parse_utc

_lt = LazyTranslate(__name__)

API = "/wp-json/wc/v3"
PER_PAGE = 100


def _iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


class WooCommerceClient(HttpClient):
    def _auth(self):
        return {}, (self.backend.api_key or "", self.backend.api_secret or ""), {}

    def test_connection(self):
        response = self.request("GET", f"{self.base_url}{API}/orders", params={"per_page": 1})
        return _lt(
            "WooCommerce answered: %(total)s orders.",
            total=response.headers.get("X-WP-Total", "?"),
        )

    def fetch_orders(self, since, until):
        page = 1
        while True:
            params = {
                "modified_after": _iso(since),
                "modified_before": _iso(until),
                "dates_are_gmt": "true",
                "per_page": PER_PAGE,
                "page": page,
                "orderby": "modified",
                "order": "asc",
            }
            response = self.request("GET", f"{self.base_url}{API}/orders", params=params)
            try:
                orders = response.json()
            except ValueError as exc:
                raise PlatformError(
                    _lt("WooCommerce sent an order list that is not JSON.")
                ) from exc
            if not isinstance(orders, list):
                raise PlatformError(_lt("WooCommerce sent an order list that is not a list."))
            for order in orders:
                yield str(order.get("id")), json.dumps(order, ensure_ascii=False)
            if orders and isinstance(orders[-1], dict):
                self.checkpoint = parse_utc(orders[-1].get("date_modified_gmt"))
            total_pages = int(response.headers.get("X-WP-TotalPages") or 1)
            if page >= total_pages or not orders:
                break
            page += 1
