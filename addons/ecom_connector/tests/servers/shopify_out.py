# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify Admin GraphQL, outbound side (API 2026-04): ``productVariants``,
``inventorySetQuantities`` (``changeFromQuantity`` mandatory on every
quantity, ``compareQuantity`` removed, ``@idempotent(key:)`` required: a
second call with a key returns the first answer and changes nothing; a stale
``changeFromQuantity`` is a ``CHANGE_FROM_QUANTITY_STALE`` user error in a
200), ``nodes`` of inventory items with their ``available`` quantity,
``order`` with ``fulfillments`` and ``fulfillmentOrders``,
``fulfillmentCreate`` (the V2 mutation is refused), ``orderCancel``,
``fulfillmentEventCreate``, ``productVariantsBulkUpdate``, and refunds:
``order`` with ``lineItems`` (``refundableQuantity``) and ``transactions``,
``refundCreate`` (``@idempotent(key:)`` required from 2026-04 as for
``inventorySetQuantities``; a repeated key returns the first refund and
records none; an unknown order, an unknown line item, a quantity above the
refundable quantity, a ``LEGACY_RESTOCK``, a shipping amount above what is
left, an unknown parent transaction or an amount above what is left of it are
``userErrors`` with ``field`` and ``message``, nothing recorded).  The
messages follow Shopify's refund errors as integrations report them; their
exact GraphQL wording is not in the stored sources."""

import json
import re
import uuid

from .base import Response
from .shopify import ShopifyServer

MUTATION_COST = 10
EVENT_STATUSES = {
    "LABEL_PRINTED",
    "CARRIER_PICKED_UP",
    "IN_TRANSIT",
    "OUT_FOR_DELIVERY",
    "READY_FOR_PICKUP",
    "ATTEMPTED_DELIVERY",
    "DELAYED",
    "DELIVERED",
    "FAILURE",
}


def shopify_variants(count):
    """``count`` variants ``SKU-00001``... with their inventory items."""
    return {
        f"gid://shopify/ProductVariant/{index}": {
            "id": f"gid://shopify/ProductVariant/{index}",
            "sku": f"SKU-{index:05d}",
            "barcode": "",
            "product": {"id": f"gid://shopify/Product/{index}"},
            "inventoryItem": {"id": f"gid://shopify/InventoryItem/{index}"},
            "price": "10.00",
        }
        for index in range(1, count + 1)
    }


class ShopifyOutServer(ShopifyServer):
    """``variants``: {variant gid: variant}; ``inventory``: {(inventory item
    gid, location gid): available quantity}; ``shipping``: {order gid: {"fulfillmentOrders":
    [...], "fulfillments": [...]}}."""

    def __init__(self, orders=(), variants=None, location="gid://shopify/Location/1", **kwargs):
        super().__init__(orders, **kwargs)
        self.variants = variants or {}
        self.location = location
        self.inventory = {}
        self.idempotency = {}
        self.shipping = {}
        self.cancelled = []
        self.events = []
        self.set_calls = []
        #: {order gid: {"lineItems": [{"id", "sku", "refundableQuantity"}],
        #: "transactions": [...], "shipping": amount left to refund}}
        self.refund_orders = {}
        #: refunds recorded: {"id", "key", "input"}
        self.refunds = []

    def route(self, request):
        if request.method == "POST" and request.headers.get("X-Shopify-Access-Token") == self.token:
            try:
                body = json.loads(request.body)
                query, variables = body["query"], body.get("variables") or {}
            except (ValueError, KeyError, TypeError):
                return super().route(request)
            version = request.path.split("/")[3] if request.path.count("/") >= 4 else ""
            for pattern, handler in (
                (r"\bfulfillmentCreateV2\(", self._removed),
                (r"\bproductVariants\(", self._variants),
                (r"\binventorySetQuantities\(", self._set_quantities),
                (r"\brefundCreate\(", self._refund_create),
                (r"\border\(id: \$id\)\s*\{\s*id\s*lineItems\(", self._order_refund),
                (r"\bnodes\(ids:", self._nodes),
                (r"\bfulfillmentCreate\(", self._fulfillment_create),
                (r"\borderCancel\(", self._cancel),
                (r"\bfulfillmentEventCreate\(", self._event),
                (r"\bproductVariantsBulkUpdate\(", self._prices),
                (r"\border\(id: \$id\)\s*\{\s*id\s*fulfillments", self._order_shipping),
            ):
                if re.search(pattern, query):
                    return handler(query, variables, version)
        return super().route(request)

    @staticmethod
    def _removed(query, variables, version):
        return Response(
            200,
            {
                "errors": [
                    {
                        "message": "Field 'fulfillmentCreateV2' doesn't exist on type 'Mutation'",
                        "extensions": {"code": "undefinedField"},
                    }
                ]
            },
        )

    def _variants(self, query, variables, version):
        first = variables.get("first")
        nodes = list(self.variants.values())
        start = int(variables.get("after") or 0)
        chunk = nodes[start : start + first]
        end = start + len(chunk)
        return self._graphql(
            2 + len(chunk),
            {
                "productVariants": {
                    "nodes": [{k: v for k, v in n.items() if k != "price"} for n in chunk],
                    "pageInfo": {"hasNextPage": end < len(nodes), "endCursor": str(end)},
                }
            },
        )

    def _idempotency_refusal(self, mutation, query, variables, version):
        """The answer to a mutation of API 2026-04 without its
        ``@idempotent(key:)`` (a UUID), the first answer when the key was
        seen, else None."""
        if version < "2026-04":
            return self._error("Use API version 2026-04 or later in these tests.", "BAD_REQUEST")
        if not re.search(rf"{mutation}\([^)]*\)\s*@idempotent\(key:", query):
            return self._error(
                "The @idempotent directive is required for this mutation.", "BAD_REQUEST"
            )
        key = variables.get("key")
        try:
            uuid.UUID(str(key))
        except ValueError:
            return self._error("Invalid idempotency key: must be a UUID.", "BAD_REQUEST")
        return self.idempotency.get(key)

    def _set_quantities(self, query, variables, version):
        refusal = self._idempotency_refusal("inventorySetQuantities", query, variables, version)
        if refusal:
            return refusal
        key = variables["key"]
        data = variables.get("input") or {}
        quantities = data.get("quantities") or []
        if data.get("name") not in ("available", "on_hand") or not data.get("reason"):
            return self._error(
                "Variable $input of type InventorySetQuantitiesInput!", "INVALID_VARIABLE"
            )
        if "ignoreCompareQuantity" in data or any("compareQuantity" in q for q in quantities):
            return self._error(
                "compareQuantity was removed: use changeFromQuantity.", "INVALID_VARIABLE"
            )
        if len(quantities) > 250:
            return self._error("Too many quantities (maximum 250).", "MAX_INPUT_SIZE_EXCEEDED")
        errors = []
        for index, item in enumerate(quantities):
            if "changeFromQuantity" not in item:
                errors.append(
                    {
                        "field": ["input", "quantities", str(index), "changeFromQuantity"],
                        "message": "changeFromQuantity is required.",
                        "code": "INVALID",
                    }
                )
                continue
            if not isinstance(item.get("quantity"), int):
                return self._error("quantity must be an Int.", "INVALID_VARIABLE")
            if item.get("locationId") != self.location:
                errors.append(
                    {
                        "field": ["input", "quantities", str(index), "locationId"],
                        "message": "The specified location could not be found.",
                        "code": "INVALID_LOCATION",
                    }
                )
                continue
            current = self.inventory.get((item["inventoryItemId"], item["locationId"]), 0)
            if item["changeFromQuantity"] is not None and item["changeFromQuantity"] != current:
                errors.append(
                    {
                        "field": ["input", "quantities", str(index), "changeFromQuantity"],
                        "message": "The specified compare quantity does not match the "
                        "current quantity.",
                        "code": "CHANGE_FROM_QUANTITY_STALE",
                    }
                )
        response = self._graphql(
            MUTATION_COST,
            {
                "inventorySetQuantities": {
                    "inventoryAdjustmentGroup": None
                    if errors
                    else {"id": f"gid://shopify/Group/{key}"},
                    "userErrors": errors,
                }
            },
        )
        if b"THROTTLED" not in response.body:
            if not errors:
                for item in quantities:
                    self.inventory[(item["inventoryItemId"], item["locationId"])] = item["quantity"]
            self.set_calls.append((key, quantities, bool(errors)))
            self.idempotency[key] = response
        return response

    def _nodes(self, query, variables, version):
        location = variables.get("location")
        return self._graphql(
            1 + len(variables.get("ids") or []),
            {
                "nodes": [
                    {
                        "id": item,
                        "inventoryLevel": {
                            "quantities": [
                                {
                                    "name": "available",
                                    "quantity": self.inventory.get((item, location), 0),
                                }
                            ]
                        },
                    }
                    for item in variables.get("ids") or []
                ]
            },
        )

    def _order_shipping(self, query, variables, version):
        order = self.shipping.get(variables.get("id"))
        if order is None:
            return self._graphql(1, {"order": None})
        return self._graphql(
            5,
            {
                "order": {
                    "id": variables["id"],
                    "fulfillments": order["fulfillments"],
                    "fulfillmentOrders": {"nodes": order["fulfillmentOrders"]},
                }
            },
        )

    def _fulfillment_create(self, query, variables, version):
        fulfillment = variables.get("fulfillment") or {}
        tracking = fulfillment.get("trackingInfo") or {}
        if not (tracking.get("number") or tracking.get("numbers")):
            return self._graphql(
                MUTATION_COST,
                {
                    "fulfillmentCreate": {
                        "fulfillment": None,
                        "userErrors": [
                            {"field": ["trackingInfo"], "message": "Tracking number is missing."}
                        ],
                    }
                },
            )
        groups = fulfillment.get("lineItemsByFulfillmentOrder") or []
        lines = {}
        order = None
        for group in groups:
            for candidate in self.shipping.values():
                for fo in candidate["fulfillmentOrders"]:
                    if fo["id"] == group.get("fulfillmentOrderId"):
                        order = candidate
                        for fol in fo["lineItems"]["nodes"]:
                            lines[fol["id"]] = fol
        errors = []
        if order is None:
            errors.append(
                {"field": ["fulfillment"], "message": "Fulfillment order does not exist."}
            )
        for group in groups:
            for item in group.get("fulfillmentOrderLineItems") or []:
                line = lines.get(item.get("id"))
                if line is None or item.get("quantity", 0) > line["remainingQuantity"]:
                    errors.append(
                        {
                            "field": ["fulfillment", "lineItemsByFulfillmentOrder"],
                            "message": "Invalid fulfillment order line item quantity requested.",
                        }
                    )
        if errors:
            return self._graphql(
                MUTATION_COST, {"fulfillmentCreate": {"fulfillment": None, "userErrors": errors}}
            )
        for group in groups:
            for item in group["fulfillmentOrderLineItems"]:
                lines[item["id"]]["remainingQuantity"] -= item["quantity"]
        numbers = tracking.get("numbers") or [tracking.get("number")]
        created = {
            "id": f"gid://shopify/Fulfillment/{len(order['fulfillments']) + 1}{numbers[0]}",
            "status": "SUCCESS",
            "trackingInfo": [
                {
                    "company": tracking.get("company"),
                    "number": n,
                    "url": (tracking.get("urls") or [None])[0],
                }
                for n in numbers
            ],
            "notifyCustomer": fulfillment.get("notifyCustomer"),
        }
        order["fulfillments"].append(created)
        return self._graphql(
            MUTATION_COST,
            {
                "fulfillmentCreate": {
                    "fulfillment": {k: v for k, v in created.items() if k != "notifyCustomer"},
                    "userErrors": [],
                }
            },
        )

    def _cancel(self, query, variables, version):
        self.cancelled.append(variables.get("orderId"))
        return self._graphql(
            MUTATION_COST,
            {"orderCancel": {"job": {"id": "gid://shopify/Job/1"}, "orderCancelUserErrors": []}},
        )

    def _event(self, query, variables, version):
        event = variables.get("event") or {}
        if event.get("status") not in EVENT_STATUSES:
            return self._error(
                "Variable $event of type FulfillmentEventInput! was provided invalid value",
                "INVALID_VARIABLE",
            )
        self.events.append(event)
        return self._graphql(
            MUTATION_COST,
            {
                "fulfillmentEventCreate": {
                    "fulfillmentEvent": {
                        "id": "gid://shopify/FulfillmentEvent/1",
                        "status": event["status"],
                    },
                    "userErrors": [],
                }
            },
        )

    def _prices(self, query, variables, version):
        errors = []
        for variant in variables.get("variants") or []:
            record = self.variants.get(variant.get("id"))
            if record is None:
                errors.append({"field": ["variants"], "message": "Product variant does not exist"})
            else:
                record["price"] = variant.get("price")
        return self._graphql(
            MUTATION_COST,
            {"productVariantsBulkUpdate": {"productVariants": [], "userErrors": errors}},
        )

    # ------------------------------------------------------------ refunds

    def _order_refund(self, query, variables, version):
        order = self.refund_orders.get(variables.get("id"))
        if order is None:
            return self._graphql(1, {"order": None})
        return self._graphql(
            5,
            {
                "order": {
                    "id": variables["id"],
                    "lineItems": {"nodes": order["lineItems"]},
                    "transactions": order["transactions"],
                }
            },
        )

    def _refund_create(self, query, variables, version):
        refusal = self._idempotency_refusal("refundCreate", query, variables, version)
        if refusal:
            return refusal
        key = variables["key"]
        data = variables.get("input")
        if not isinstance(data, dict) or not data.get("orderId"):
            return self._error(
                "Variable $input of type RefundInput! was provided invalid value",
                "INVALID_VARIABLE",
            )
        items = data.get("refundLineItems") or []
        if any(
            not isinstance(i.get("quantity"), int) or not i.get("lineItemId") for i in items
        ) or any(
            i.get("restockType") not in (None, "CANCEL", "LEGACY_RESTOCK", "NO_RESTOCK", "RETURN")
            for i in items
        ):
            return self._error(
                "Variable $input of type RefundInput! was provided invalid value",
                "INVALID_VARIABLE",
            )
        errors = self._refund_errors(data)
        response = self._graphql(
            MUTATION_COST,
            {
                "refundCreate": {
                    "refund": None
                    if errors
                    else {
                        "id": f"gid://shopify/Refund/{len(self.refunds) + 1}",
                        "totalRefundedSet": {
                            "shopMoney": {
                                "amount": f"{self._refund_total(data):.2f}",
                                "currencyCode": "EUR",
                            }
                        },
                    },
                    "userErrors": errors,
                }
            },
        )
        if b"THROTTLED" in response.body or errors:
            return response
        self._apply_refund(data)
        self.refunds.append(
            {"id": f"gid://shopify/Refund/{len(self.refunds) + 1}", "key": key, "input": data}
        )
        self.idempotency[key] = response
        return response

    @staticmethod
    def _refund_total(data):
        return sum(float(t.get("amount") or 0) for t in data.get("transactions") or [])

    def _refund_errors(self, data):
        order = self.refund_orders.get(data["orderId"])
        if order is None:
            return [{"field": ["orderId"], "message": "Order does not exist"}]
        errors = []
        lines = {line["id"]: line for line in order["lineItems"]}
        for index, item in enumerate(data.get("refundLineItems") or []):
            field = ["refundLineItems", str(index)]
            line = lines.get(item["lineItemId"])
            if line is None:
                errors.append(
                    {"field": field + ["lineItemId"], "message": "Line item does not exist"}
                )
            elif item["quantity"] > line["refundableQuantity"]:
                errors.append(
                    {
                        "field": field + ["quantity"],
                        "message": "Quantity cannot refund more items than were purchased",
                    }
                )
            if item.get("restockType") == "LEGACY_RESTOCK":
                errors.append(
                    {
                        "field": field + ["restockType"],
                        "message": "Restock type LEGACY_RESTOCK is not accepted for new refunds",
                    }
                )
        shipping = data.get("shipping") or {}
        if shipping.get("amount") is not None and float(shipping["amount"]) > order["shipping"]:
            errors.append(
                {
                    "field": ["shipping", "amount"],
                    "message": "Shipping refund amount exceeds the refundable shipping amount",
                }
            )
        transactions = {t["id"]: t for t in order["transactions"]}
        for index, transaction in enumerate(data.get("transactions") or []):
            field = ["transactions", str(index)]
            parent = transactions.get(transaction.get("parentId"))
            if parent is None or transaction.get("kind") != "REFUND":
                errors.append(
                    {"field": field + ["parentId"], "message": "Parent transaction does not exist"}
                )
            elif float(transaction.get("amount") or 0) > self._left(order, parent) + 1e-9:
                errors.append(
                    {
                        "field": field + ["amount"],
                        "message": "Amount exceeds the refundable amount of the transaction",
                    }
                )
        return errors

    @staticmethod
    def _left(order, parent):
        refunded = sum(
            float(t["amountSet"]["shopMoney"]["amount"])
            for t in order["transactions"]
            if t["kind"] == "REFUND"
            and (t.get("parentTransaction") or {}).get("id") == parent["id"]
        )
        return float(parent["amountSet"]["shopMoney"]["amount"]) - refunded

    def _apply_refund(self, data):
        order = self.refund_orders[data["orderId"]]
        lines = {line["id"]: line for line in order["lineItems"]}
        for item in data.get("refundLineItems") or []:
            lines[item["lineItemId"]]["refundableQuantity"] -= item["quantity"]
        shipping = data.get("shipping") or {}
        if shipping.get("fullRefund") and shipping.get("amount") is None:
            order["shipping"] = 0.0
        elif shipping.get("amount") is not None:
            order["shipping"] -= float(shipping["amount"])
        for transaction in data.get("transactions") or []:
            order["transactions"].append(
                {
                    "id": f"gid://shopify/OrderTransaction/{len(order['transactions']) + 100}",
                    "kind": "REFUND",
                    "status": "SUCCESS",
                    "gateway": transaction.get("gateway"),
                    "parentTransaction": {"id": transaction["parentId"]},
                    "amountSet": {
                        "shopMoney": {"amount": transaction["amount"], "currencyCode": "EUR"}
                    },
                }
            )
