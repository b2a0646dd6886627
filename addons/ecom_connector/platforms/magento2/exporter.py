# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 outbound bodies (pure): MSI ``source-items`` in batches or the
legacy stock item per SKU, ``/V1/order/{id}/ship`` with ``items`` and a
``tracks`` array (a single object is refused: "Please enter a tracking
number"), order comments with a status."""

#: source items per request
SOURCE_ITEMS_LIMIT = 100


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
