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
TRACKING_API = "/wp-json/wc-shipment-tracking/v3"


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

    # ------------------------------------------------------------ outbound

    def _json(self, response):
        try:
            return response.json()
        except ValueError as exc:
            raise PlatformError(_lt("WooCommerce sent an answer that is not JSON.")) from exc

    def list_products(self):
        """Yield every product, then the variations of variable products."""
        page = 1
        while True:
            response = self.request(
                "GET", f"{self.base_url}{API}/products", params={"per_page": PER_PAGE, "page": page}
            )
            products = self._json(response)
            for product in products:
                yield product, None
                if product.get("type") == "variable":
                    yield from self._list_variations(product)
            if page >= int(response.headers.get("X-WP-TotalPages") or 1) or not products:
                break
            page += 1

    def _list_variations(self, product):
        page = 1
        while True:
            response = self.request(
                "GET",
                f"{self.base_url}{API}/products/{product['id']}/variations",
                params={"per_page": PER_PAGE, "page": page},
            )
            for variation in self._json(response):
                yield variation, product
            if page >= int(response.headers.get("X-WP-TotalPages") or 1):
                break
            page += 1

    def batch_update(self, parent_id, updates):
        """``POST products/batch`` (or ``products/{parent}/variations/batch``)
        with ``{"update": updates}``; returns the answer's ``update`` list."""
        path = f"/products/{parent_id}/variations/batch" if parent_id else "/products/batch"
        data = self._json(
            self.request("POST", f"{self.base_url}{API}{path}", json={"update": updates})
        )
        return data.get("update") or [] if isinstance(data, dict) else []

    def order_notes(self, order_id):
        return self._json(self.request("GET", f"{self.base_url}{API}/orders/{order_id}/notes"))

    def add_order_note(self, order_id, note, customer_note):
        data = self._json(
            self.request(
                "POST",
                f"{self.base_url}{API}/orders/{order_id}/notes",
                json={"note": note, "customer_note": bool(customer_note)},
            )
        )
        return data.get("id")

    def shipment_trackings(self, order_id):
        return self._json(
            self.request(
                "GET", f"{self.base_url}{TRACKING_API}/orders/{order_id}/shipment-trackings"
            )
        )

    def add_shipment_tracking(self, order_id, body):
        data = self._json(
            self.request(
                "POST",
                f"{self.base_url}{TRACKING_API}/orders/{order_id}/shipment-trackings",
                json=body,
            )
        )
        return data.get("tracking_id")

    def update_order(self, order_id, values):
        return self._json(
            self.request("PUT", f"{self.base_url}{API}/orders/{order_id}", json=values)
        )
