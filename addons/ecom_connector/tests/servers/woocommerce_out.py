# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce REST v3, outbound side: ``products`` / ``variations`` lists,
``products/batch`` and ``products/{id}/variations/batch`` (at most 100
objects, else HTTP 413 ``woocommerce_rest_request_entity_too_large`` as
WooCommerce's ``check_batch_limit``; ``stock_quantity`` applied only with
``manage_stock``; an unknown id is a per-item error in a 200), order notes,
order status (``PUT /orders/{id}``, documented statuses only) and the
Shipment Tracking extension (``/wp-json/wc-shipment-tracking/v3``)."""

import json

from .base import Response
from .woocommerce import API, WooCommerceServer

TRACKING_API = "/wp-json/wc-shipment-tracking/v3"
STATUSES = {"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"}
BATCH_LIMIT = 100


def woo_products(count, variable_every=0):
    """``count`` simple products ``SKU-00001``...; every ``variable_every``-th
    one is a variable product with two variations ``SKU-xxxxx-S`` / ``-L``."""
    products = {}
    for index in range(1, count + 1):
        product = {
            "id": 10000 + index,
            "sku": f"SKU-{index:05d}",
            "type": "simple",
            "manage_stock": False,
            "stock_quantity": None,
            "regular_price": "10.00",
            "global_unique_id": "",
            "variations": {},
        }
        if variable_every and index % variable_every == 0:
            product["type"] = "variable"
            product["variations"] = {
                vid: {
                    "id": vid,
                    "sku": f"SKU-{index:05d}-{size}",
                    "manage_stock": False,
                    "stock_quantity": None,
                    "regular_price": "10.00",
                    "global_unique_id": "",
                }
                for vid, size in ((200000 + index * 2, "S"), (200001 + index * 2, "L"))
            }
        products[product["id"]] = product
    return products


class WooCommerceOutServer(WooCommerceServer):
    def __init__(self, orders=(), products=None, **kwargs):
        super().__init__(orders, **kwargs)
        self.products = products or {}
        self.notes = {}
        self.trackings = {}
        self.batches = []
        self.statuses = []

    def route(self, request):
        if request.path.startswith(TRACKING_API):
            if not self._authorized(request):
                return self._error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot.")
            return self._tracking(request)
        if request.path.startswith(API) and self._authorized(request):
            path = request.path[len(API) :]
            parts = path.strip("/").split("/")
            if parts[0] == "products":
                return self._products(request, parts)
            if parts[0] == "orders" and len(parts) == 3 and parts[2] == "notes":
                return self._notes(request, parts[1])
            if parts[0] == "orders" and len(parts) == 2 and request.method == "PUT":
                return self._order_status(request, parts[1])
        return super().route(request)

    def _page(self, request, records):
        per_page = int(request.param("per_page", 10))
        page = int(request.param("page", 1))
        if not 1 <= per_page <= 100:
            return self._error(400, "rest_invalid_param", "Invalid parameter(s): per_page")
        pages = max(1, -(-len(records) // per_page))
        chunk = records[(page - 1) * per_page : page * per_page]
        headers = {"X-WP-Total": str(len(records)), "X-WP-TotalPages": str(pages)}
        return Response(200, chunk, headers)

    @staticmethod
    def _public(record):
        return {k: v for k, v in record.items() if k != "variations"} | (
            {"variations": list(record["variations"])} if "variations" in record else {}
        )

    def _products(self, request, parts):
        if len(parts) == 1 and request.method == "GET":
            return self._page(request, [self._public(p) for p in self.products.values()])
        if len(parts) == 2 and parts[1] == "batch" and request.method == "POST":
            return self._batch(request, self.products)
        if len(parts) >= 3 and parts[2] == "variations":
            parent = self.products.get(int(parts[1])) if parts[1].isdigit() else None
            if parent is None:
                return self._error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.")
            if len(parts) == 3 and request.method == "GET":
                return self._page(request, list(parent["variations"].values()))
            if len(parts) == 4 and parts[3] == "batch" and request.method == "POST":
                return self._batch(request, parent["variations"])
        return None

    def _batch(self, request, records):
        try:
            body = json.loads(request.body)
        except ValueError:
            return self._error(400, "rest_invalid_json", "Invalid JSON body passed.")
        if not isinstance(body, dict) or set(body) - {"create", "update", "delete"}:
            return self._error(400, "rest_invalid_param", "Invalid parameter(s): batch")
        total = sum(len(body.get(k) or []) for k in ("create", "update", "delete"))
        if total > BATCH_LIMIT:
            return self._error(
                413,
                "woocommerce_rest_request_entity_too_large",
                f"Unable to accept more than {BATCH_LIMIT} items for this request.",
            )
        for item in body.get("update") or []:
            quantity = item.get("stock_quantity")
            if quantity is not None and (
                not isinstance(quantity, int) or isinstance(quantity, bool)
            ):
                return self._error(
                    400,
                    "rest_invalid_param",
                    "Invalid parameter(s): update (stock_quantity is not of type integer.)",
                )
        self.batches.append(body)
        answers = []
        for item in body.get("update") or []:
            record = records.get(item.get("id"))
            if record is None:
                answers.append(
                    {
                        "id": item.get("id"),
                        "error": {
                            "code": "woocommerce_rest_product_invalid_id",
                            "message": "Invalid ID.",
                            "data": {"status": 400},
                        },
                    }
                )
                continue
            if "manage_stock" in item:
                record["manage_stock"] = bool(item["manage_stock"])
            if "stock_quantity" in item and record["manage_stock"]:
                # without manage_stock WooCommerce does not keep the quantity
                record["stock_quantity"] = item["stock_quantity"]
            if "regular_price" in item:
                record["regular_price"] = str(item["regular_price"])
            answers.append(self._public(record))
        return Response(200, {"update": answers})

    def _notes(self, request, order_id):
        if not any(str(o["id"]) == order_id for o in self.orders):
            return self._error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
        notes = self.notes.setdefault(order_id, [])
        if request.method == "GET":
            return Response(200, notes)
        if request.method == "POST":
            body = json.loads(request.body or b"{}")
            if not body.get("note"):
                return self._error(400, "rest_missing_callback_param", "Missing parameter(s): note")
            note = {
                "id": 900 + sum(len(n) for n in self.notes.values()),
                "note": body["note"],
                "customer_note": bool(body.get("customer_note")),
            }
            notes.append(note)
            return Response(201, note)
        return None

    def _order_status(self, request, order_id):
        order = next((o for o in self.orders if str(o["id"]) == order_id), None)
        if order is None:
            return self._error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
        body = json.loads(request.body or b"{}")
        status = body.get("status")
        if status is not None and status not in STATUSES:
            return self._error(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): status (status is not one of pending, processing, "
                "on-hold, completed, cancelled, refunded, failed and trash.)",
            )
        order.update(body)
        self.statuses.append((order["id"], status))
        return Response(200, order)

    def _tracking(self, request):
        parts = request.path[len(TRACKING_API) :].strip("/").split("/")
        if len(parts) != 3 or parts[0] != "orders" or parts[2] != "shipment-trackings":
            return None
        trackings = self.trackings.setdefault(parts[1], [])
        if request.method == "GET":
            return Response(200, trackings)
        body = json.loads(request.body or b"{}")
        if not body.get("tracking_number") or not (
            body.get("tracking_provider") or body.get("custom_tracking_provider")
        ):
            return self._error(
                400, "woocommerce_rest_shipment_tracking_invalid", "Missing tracking data."
            )
        tracking = dict(body, tracking_id=f"t{len(trackings) + 1}")
        trackings.append(tracking)
        return Response(201, tracking)
