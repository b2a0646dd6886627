# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify outbound GraphQL documents and variables (pure).

Stock goes through ``inventorySetQuantities`` (API 2026-04): each quantity
carries ``changeFromQuantity`` (the quantity Odoo believes the shop has; a
stale one is refused with ``CHANGE_FROM_QUANTITY_STALE``) and the mutation an
``@idempotent`` key computed from its content, so that a retry after a
time-out is applied once.  Shipments go through ``fulfillmentCreate`` on the
fulfilment order's lines with ``trackingInfo`` (not the deprecated V2
mutations).  A credit note is a ``refundCreate`` of its own, with an
``@idempotent`` key derived from the credit note (mandatory from 2026-04):
a retry is recorded once."""

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

ORDER_REFUND_QUERY = """
query OrderRefund($id: ID!) {
  order(id: $id) {
    id
    lineItems(first: 250) { nodes { id sku refundableQuantity variant { barcode } } }
    transactions(first: 50) {
      id kind status gateway
      parentTransaction { id }
      amountSet { shopMoney { amount currencyCode } }
    }
  }
}
"""

REFUND_CREATE = """
mutation RefundCreate($input: RefundInput!, $key: String!) {
  refundCreate(input: $input) @idempotent(key: $key) {
    refund { id totalRefundedSet { shopMoney { amount currencyCode } } }
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


def refund_line_items(refund, line_items):
    """``RefundLineItemInput`` of the credit note's lines: the shop line id
    the import kept, else the order's line of the same SKU (or barcode);
    returns ``(inputs, names of the lines matching none)``."""
    by_code = {}
    for item in line_items:
        for code in (item.get("sku"), (item.get("variant") or {}).get("barcode")):
            if code:
                by_code.setdefault(code, item["id"])
    inputs, unmatched = [], []
    for line in refund["lines"]:
        line_id = (
            gid("LineItem", line["line_external_id"])
            if line["line_external_id"]
            else by_code.get(line["sku"]) or by_code.get(line["barcode"])
        )
        if not line_id:
            unmatched.append(line["name"] or line["sku"] or "?")
            continue
        item = {"lineItemId": line_id, "quantity": int(line["quantity"])}
        if line["restock"]:
            item["restockType"] = "RETURN"
            if refund["location_id"]:
                item["locationId"] = gid("Location", refund["location_id"])
        else:
            item["restockType"] = "NO_RESTOCK"
        inputs.append(item)
    return inputs, unmatched


def refund_transactions(refund, order_id, transactions):
    """``OrderTransactionInput`` refunding the credit note's amount on the
    order's successful sales / captures, each up to what is left of it
    (what exceeds them all goes on the last one: Shopify refuses it)."""
    parents = [
        t
        for t in transactions
        if t.get("status") == "SUCCESS" and t.get("kind") in ("SALE", "CAPTURE")
    ]
    refunded = {}
    for t in transactions:
        if t.get("status") == "SUCCESS" and t.get("kind") == "REFUND":
            parent = (t.get("parentTransaction") or {}).get("id")
            refunded[parent] = refunded.get(parent, 0) + _amount(t)
    rest = round(float(refund["amount"]), 2)
    result = []
    for index, parent in enumerate(parents):
        left = max(_amount(parent) - refunded.get(parent["id"], 0), 0)
        amount = rest if index == len(parents) - 1 else min(rest, left)
        if amount <= 0:
            continue
        result.append(
            {
                "orderId": order_id,
                "parentId": parent["id"],
                "kind": "REFUND",
                "gateway": parent.get("gateway"),
                "amount": f"{amount:.2f}",
            }
        )
        rest = round(rest - amount, 2)
    return result


def _amount(transaction):
    money = (transaction.get("amountSet") or {}).get("shopMoney") or {}
    return float(money.get("amount") or 0)


def refund_input(refund, order_id, line_items, notify, transactions=None):
    """``RefundInput`` of a credit note (``transactions``: the refund's
    money movements, none when the refund is only recorded)."""
    items, unmatched = refund_line_items(refund, line_items)
    data = {
        "orderId": order_id,
        "note": refund["number"],
        "notify": bool(notify),
        "refundLineItems": items,
        "transactions": transactions or [],
    }
    if refund["shipping"]:
        data["shipping"] = (
            {"fullRefund": True}
            if refund["shipping"]["full"]
            else {"amount": refund["shipping"]["amount"]}
        )
    return data, unmatched
