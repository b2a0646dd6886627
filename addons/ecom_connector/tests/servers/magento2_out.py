# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 REST, outbound side: ``GET /V1/products``, MSI
``POST /V1/inventory/source-items``, legacy
``PUT /V1/products/{sku}/stockItems/{id}``, ``GET /V1/shipments`` by order,
``POST /V1/order/{id}/ship`` (``tracks`` must be an array, else "Shipment
Document Validation Error(s): Please enter a tracking number."; no item
left: "You can't create a shipment without products."), and
``POST /V1/orders/{id}/comments``, ``POST /V1/products/base-prices`` (a
row Magento cannot save is listed in its answer, HTTP 200, the others are
saved: unknown SKU or a type without a base price, price missing or
negative, unknown store view; a field the price interface does not have
refuses the request).  Errors: ``{"message", "parameters"}``."""

import json

from .base import Response
from .magento2 import PATH, Magento2Server


class Magento2OutServer(Magento2Server):
    """``products``: {sku: {"id", "sku", "type_id", "qty"}} (base prices land
    in ``"prices"``: {store id: price}); ``order_items``: {order id: [order
    rows]}; ``sources``: known source codes; ``stores``: store view ids."""

    def __init__(self, orders=(), products=None, **kwargs):
        super().__init__(orders, **kwargs)
        self.products = products or {}
        self.order_items = {}
        self.shipments = []
        self.comments = []
        self.sources = {"default"}
        self.source_calls = []
        self.stores = {0, 1}
        self.price_calls = []

    def route(self, request):
        match = PATH.match(request.path)
        if not match or request.headers.get("Authorization") != f"Bearer {self.token}":
            return super().route(request)
        path = match.group(1)
        try:
            body = json.loads(request.body) if request.body else {}
        except ValueError:
            return self._error(400, "Decoding error: Syntax error")
        if path == "products" and request.method == "GET":
            items = [
                {
                    "id": p["id"],
                    "sku": p["sku"],
                    "type_id": p.get("type_id", "simple"),
                    "extension_attributes": {"stock_item": {"item_id": p["id"]}},
                }
                for p in self.products.values()
            ]
            return Response(200, {"items": items, "total_count": len(items)})
        if (
            path.startswith("orders/")
            and path.count("/") == 1
            and request.method == "GET"
            and path[7:] in self.order_items
        ):
            return Response(200, {"entity_id": path[7:], "items": self.order_items[path[7:]]})
        if path == "inventory/source-items" and request.method == "POST":
            return self._source_items(body)
        if path == "products/base-prices" and request.method == "POST":
            return self._base_prices(body)
        if path.startswith("products/") and "/stockItems/" in path and request.method == "PUT":
            sku = path.split("/")[1]
            if sku not in self.products:
                return self._error(404, "The product that was requested doesn't exist.")
            stock = body.get("stockItem")
            if not isinstance(stock, dict) or not isinstance(stock.get("qty"), (int, float)):
                return self._error(400, '"%fieldName" is required.', {"fieldName": "stockItem"})
            self.products[sku]["qty"] = stock["qty"]
            return Response(200, json.dumps(self.products[sku]["id"]))
        if path == "shipments" and request.method == "GET":
            order_id = request.param("searchCriteria[filterGroups][0][filters][0][value]")
            items = [s for s in self.shipments if str(s["order_id"]) == str(order_id)]
            return Response(200, {"items": items, "total_count": len(items)})
        if path.startswith("order/") and path.endswith("/ship") and request.method == "POST":
            return self._ship(path.split("/")[1], body)
        if path.startswith("orders/") and path.endswith("/comments") and request.method == "POST":
            history = body.get("statusHistory")
            if not isinstance(history, dict) or "comment" not in history:
                return self._error(400, '"%fieldName" is required.', {"fieldName": "statusHistory"})
            self.comments.append((path.split("/")[1], history))
            return Response(200, "true")
        return super().route(request)

    def _source_items(self, body):
        items = body.get("sourceItems")
        if not isinstance(items, list) or not items:
            return self._error(400, '"%fieldName" is required.', {"fieldName": "sourceItems"})
        for item in items:
            if set(item) - {"sku", "source_code", "quantity", "status"} or "sku" not in item:
                return self._error(400, "Validation Failed")
            if item["sku"] not in self.products:
                return self._error(
                    400,
                    'Could not save Source Item Configuration: SKU "%1" does not exist.',
                    [item["sku"]],
                )
            if item.get("source_code") not in self.sources:
                return self._error(400, 'Source "%1" does not exist.', [item.get("source_code")])
        for item in items:
            self.products[item["sku"]]["qty"] = item["quantity"]
        self.source_calls.append(items)
        return Response(200, "")

    def _base_prices(self, body):
        rows = body.get("prices")
        if not isinstance(rows, list):
            return self._error(400, '"%fieldName" is required.', {"fieldName": "prices"})
        failures, valid = [], []
        invalid = "Invalid attribute %fieldName = %fieldValue."
        for row in rows:
            if not isinstance(row, dict):
                return self._error(400, "Decoding error: Syntax error")
            for name in set(row) - {"price", "store_id", "sku", "extension_attributes"}:
                getter = "get" + "".join(p.capitalize() for p in name.split("_"))
                return self._error(
                    400,
                    f'Property "{name}" does not have accessor method "{getter}" in class '
                    '"Magento\\Catalog\\Api\\Data\\BasePriceInterface".',
                )
            sku, price, store = row.get("sku"), row.get("price"), row.get("store_id")
            product = self.products.get(sku)
            failed = False
            if not product or product.get("type_id", "simple") not in ("simple", "virtual"):
                failures.append({"message": invalid, "parameters": ["SKU", str(sku)]})
                failed = True
            if not isinstance(price, (int, float)) or price < 0:
                failures.append({"message": invalid, "parameters": ["Price", str(price)]})
                failed = True
            if store not in self.stores:
                failures.append(
                    {
                        "message": f"Requested store is not found. Row ID: SKU = {sku}, "
                        f"Store ID: {store}.",
                        "parameters": [str(sku), str(store)],
                    }
                )
                failed = True
            if not failed:
                valid.append(row)
        for row in valid:
            self.products[row["sku"]].setdefault("prices", {})[row["store_id"]] = row["price"]
        self.price_calls.append(rows)
        return Response(200, failures)

    def _ship(self, order_id, body):
        rows = self.order_items.get(order_id)
        if rows is None:
            return self._error(404, "The entity that was requested doesn't exist.")
        tracks = body.get("tracks", [])
        if not isinstance(tracks, list):
            return self._error(
                400, "Shipment Document Validation Error(s):\nPlease enter a tracking number."
            )
        items = body.get("items") or []
        by_id = {row["item_id"]: row for row in rows}
        if not items or any(
            i.get("order_item_id") not in by_id
            or i.get("qty", 0)
            > by_id[i["order_item_id"]]["qty_ordered"] - by_id[i["order_item_id"]]["qty_shipped"]
            for i in items
        ):
            return self._error(400, "You can't create a shipment without products.")
        for item in items:
            by_id[item["order_item_id"]]["qty_shipped"] += item["qty"]
        shipment = {
            "entity_id": 700 + len(self.shipments),
            "order_id": order_id,
            "items": items,
            "tracks": tracks,
            "notify": body.get("notify"),
        }
        self.shipments.append(shipment)
        return Response(200, json.dumps(str(shipment["entity_id"])))
