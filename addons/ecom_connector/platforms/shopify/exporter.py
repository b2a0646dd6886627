# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify outbound GraphQL documents and variables (pure).

Stock goes through ``inventorySetQuantities`` (API 2026-04): each quantity
carries ``changeFromQuantity`` (the quantity Odoo believes the shop has; a
stale one is refused with ``CHANGE_FROM_QUANTITY_STALE``) and the mutation an
``@idempotent`` key computed from its content, so that a retry after a
time-out is applied once.  Shipments go through ``fulfillmentCreate`` on the
fulfilment order's lines with ``trackingInfo`` (not the deprecated V2
mutations)."""

#: API version of the outbound mutations (changeFromQuantity, @idempotent)
OUT_API_VERSION = "2026-04"
#: quantities per inventorySetQuantities call
SET_LIMIT = 250

CATALOGUE_QUERY = """
query Catalogue($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) {
    nodes { id sku barcode product { id } inventoryItem { id } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

SET_QUANTITIES = """
mutation SetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}
"""

AVAILABLE_QUERY = """
query Available($ids: [ID!]!, $location: ID!) {
  nodes(ids: $ids) {
    ... on InventoryItem { id inventoryLevel(locationId: $location) {
      quantities(names: ["available"]) { name quantity } } }
  }
}
"""

ORDER_SHIPPING_QUERY = """
query OrderShipping($id: ID!) {
  order(id: $id) {
    id
    fulfillments(first: 50) { id trackingInfo { number } }
    fulfillmentOrders(first: 20) {
      nodes { id status lineItems(first: 100) {
        nodes { id remainingQuantity lineItem { sku } } } }
    }
  }
}
"""

FULFILLMENT_CREATE = """
mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo { company number url } }
    userErrors { field message }
  }
}
"""

ORDER_CANCEL = """
mutation OrderCancel($orderId: ID!, $notify: Boolean) {
  orderCancel(orderId: $orderId, reason: OTHER, refund: false, restock: false,
              notifyCustomer: $notify) {
    job { id }
    orderCancelUserErrors { field message code }
  }
}
"""

FULFILLMENT_EVENT = """
mutation FulfillmentEvent($event: FulfillmentEventInput!) {
  fulfillmentEventCreate(fulfillmentEvent: $event) {
    fulfillmentEvent { id status }
    userErrors { field message }
  }
}
"""

PRICE_UPDATE = """
mutation PriceUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) {
    productVariants { id price }
    userErrors { field message }
  }
}
"""


def gid(kind, value):
    value = str(value)
    return value if value.startswith("gid://") else f"gid://shopify/{kind}/{value}"


def set_quantities_input(items, location_id, current=None):
    """``inventorySetQuantities`` input of ``items``; ``changeFromQuantity``
    is the shop's known quantity (``current`` read from the shop after a
    stale answer, else the last one sent; null when never sent)."""
    current = current or {}
    return {
        "name": "available",
        "reason": "correction",
        "referenceDocumentUri": "gid://ecom-suite/StockExport/odoo",
        "quantities": [
            {
                "inventoryItemId": gid("InventoryItem", item["inventory_item_id"]),
                "locationId": location_id,
                "quantity": int(item["quantity"]),
                "changeFromQuantity": current.get(
                    gid("InventoryItem", item["inventory_item_id"]), item["previous"]
                ),
            }
            for item in items
        ],
    }


def fulfillment_input(shipment, fulfillment_orders):
    """``FulfillmentInput`` for the shipment's lines, matched by SKU on the
    open fulfilment orders' lines (their remaining quantity caps each)."""
    wanted = {}
    for line in shipment["lines"]:
        wanted[line["sku"]] = wanted.get(line["sku"], 0) + int(line["quantity"])
    by_order = []
    for fo in fulfillment_orders:
        if fo.get("status") not in ("OPEN", "IN_PROGRESS", "SCHEDULED"):
            continue
        lines = []
        for fol in (fo.get("lineItems") or {}).get("nodes") or []:
            sku = ((fol.get("lineItem") or {}).get("sku")) or ""
            quantity = min(wanted.get(sku, 0), int(fol.get("remainingQuantity") or 0))
            if quantity > 0:
                lines.append({"id": fol["id"], "quantity": quantity})
                wanted[sku] -= quantity
        if lines:
            by_order.append({"fulfillmentOrderId": fo["id"], "fulfillmentOrderLineItems": lines})
    return {
        "lineItemsByFulfillmentOrder": by_order,
        "notifyCustomer": bool(shipment["notify_customer"]),
        "trackingInfo": {
            "company": shipment["carrier_name"],
            "numbers": shipment["tracking_numbers"],
            "urls": shipment["tracking_urls"],
        },
    }
