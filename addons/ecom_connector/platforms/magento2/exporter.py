# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 outbound bodies (pure): MSI ``source-items`` in batches or the
legacy stock item per SKU, ``base-prices`` in batches, ``/V1/order/{id}/ship``
with ``items`` and a ``tracks`` array (a single object is refused: "Please
enter a tracking number"), order comments with a status."""

from ..base import fill_parameters

#: source items per request
SOURCE_ITEMS_LIMIT = 100
#: base prices per request
BASE_PRICES_LIMIT = 100


def source_items(items, source_code):
    return {
        "sourceItems": [
            {
                "sku": item["sku"],
                "source_code": source_code or "default",
                "quantity": int(item["quantity"]),
                "status": 1 if item["quantity"] > 0 else 0,
            }
            for item in items
        ]
    }


def stock_item(item):
    return {"stockItem": {"qty": int(item["quantity"]), "is_in_stock": item["quantity"] > 0}}


def base_prices(items, store_id):
    return {
        "prices": [
            {"price": round(item["price"], 2), "store_id": int(store_id or 0), "sku": item["sku"]}
            for item in items
        ]
    }


def price_failures(items, failures):
    """``{key: message}`` of the rows Magento refused.  Its answer lists the
    failures (``{"message", "parameters"}``), the valid rows being saved: a
    failure names its row by the SKU among its parameters; one that names no
    row of the batch (an invalid price names only the value) counts for
    every row, which is sent again on the next run (harmless for a price)."""
    by_sku = {}
    for item in items:
        by_sku.setdefault(item["sku"], []).append(item["key"])
    refused = {}
    for failure in failures if isinstance(failures, list) else []:
        if not isinstance(failure, dict):
            continue
        parameters = failure.get("parameters") or []
        values = parameters.values() if isinstance(parameters, dict) else parameters
        message = fill_parameters(str(failure.get("message") or ""), parameters)
        keys = [key for value in values for key in by_sku.get(str(value), [])]
        for key in keys or [item["key"] for item in items]:
            refused[key] = f"{refused[key]}; {message}" if key in refused else message
    return refused


def ship_body(shipment, order_items):
    """Items (``order_item_id``, ``qty``) of the shipped SKUs on the order's
    shippable rows (children of configurables are shipped through their
    parent row), one track per parcel."""
    wanted = {}
    for line in shipment["lines"]:
        wanted[line["sku"]] = wanted.get(line["sku"], 0) + int(line["quantity"])
    items = []
    for row in order_items:
        if row.get("parent_item_id"):
            continue
        left = float(row.get("qty_ordered") or 0) - float(row.get("qty_shipped") or 0)
        quantity = min(wanted.get(row.get("sku"), 0), int(left))
        if quantity > 0:
            items.append({"order_item_id": row["item_id"], "qty": quantity})
            wanted[row["sku"]] -= quantity
    return {
        "items": items,
        "notify": bool(shipment["notify_customer"]),
        "tracks": [
            {
                "track_number": parcel["tracking_number"],
                "title": parcel["carrier_name"] or shipment["carrier_name"],
                "carrier_code": "custom",
            }
            for parcel in shipment["parcels"]
        ],
    }


def comment_body(status):
    return {
        "statusHistory": {
            "comment": status["comment"],
            "is_customer_notified": 1 if status["notify_customer"] else 0,
            "is_visible_on_front": 0,
            "status": status["shop_state"],
        }
    }
