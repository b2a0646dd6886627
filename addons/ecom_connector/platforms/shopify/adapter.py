# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import LazyTranslate

from ..base import Adapter, PlatformError, register
from ..outbound import OutboundMixin, chunks, idempotency_key
from . import exporter
from .client import ShopifyClient
from .mapper import ShopifyMapper

_lt = LazyTranslate(__name__)


@register
class ShopifyAdapter(OutboundMixin, Adapter):
    platform = "shopify"
    client_class = ShopifyClient
    mapper_class = ShopifyMapper
    refund_per_credit_note = True

    def fetch_catalogue(self):
        for variant in self.client.variants():
            yield {
                "sku": variant.get("sku") or "",
                "barcode": variant.get("barcode") or "",
                "external_id": (variant.get("product") or {}).get("id") or "",
                "variant_id": variant.get("id") or "",
                "inventory_item_id": (variant.get("inventoryItem") or {}).get("id") or "",
            }

    def _location(self):
        location = self.backend.shopify_location_id
        if not location:
            raise PlatformError(
                _lt("Set the Shopify location whose stock Odoo sets (shop settings).")
            )
        return exporter.gid("Location", location)

    def _set_quantities(self, batch, location, current=None):
        variables = {"input": exporter.set_quantities_input(batch, location, current)}
        variables["key"] = idempotency_key(self.backend.id, variables["input"])
        data = self.client.graphql_out(exporter.SET_QUANTITIES, variables)
        return self.client.user_errors(data.get("inventorySetQuantities"))

    def _read_available(self, batch, location):
        ids = [exporter.gid("InventoryItem", i["inventory_item_id"]) for i in batch]
        data = self.client.graphql_out(exporter.AVAILABLE_QUERY, {"ids": ids, "location": location})
        current = {}
        for node in data.get("nodes") or []:
            level = (node or {}).get("inventoryLevel") or {}
            for quantity in level.get("quantities") or []:
                if quantity.get("name") == "available":
                    current[node["id"]] = quantity.get("quantity")
        return current

    def export_stock(self, items):
        location = self._location()
        missing = [i for i in items if not i["inventory_item_id"]]
        if missing:
            yield (
                [],
                {i["key"]: "no Shopify inventory item: link the products again" for i in missing},
            )
        items = [i for i in items if i["inventory_item_id"]]
        for batch in chunks(items, exporter.SET_LIMIT):
            errors = self._set_quantities(batch, location)
            if any(e.get("code") == "CHANGE_FROM_QUANTITY_STALE" for e in errors):
                # the shop sold or was changed since: read its quantities, set again
                errors = self._set_quantities(
                    batch, location, self._read_available(batch, location)
                )
            if errors:
                message = "; ".join(str(e.get("message")) for e in errors)
                yield [], {i["key"]: message for i in batch}
                continue
            yield [i["key"] for i in batch], {}

    def export_prices(self, items):
        by_product = {}
        for item in items:
            by_product.setdefault(item["external_id"], []).append(item)
        for product_id, group in by_product.items():
            data = self.client.graphql_out(
                exporter.PRICE_UPDATE,
                {
                    "productId": exporter.gid("Product", product_id),
                    "variants": [
                        {
                            "id": exporter.gid("ProductVariant", i["variant_id"]),
                            "price": f"{i['price']:.2f}",
                        }
                        for i in group
                    ],
                },
            )
            errors = self.client.user_errors(data.get("productVariantsBulkUpdate"))
            if errors:
                message = "; ".join(str(e.get("message")) for e in errors)
                yield [], {i["key"]: message for i in group}
            else:
                yield [i["key"] for i in group], {}

    def _order_shipping(self, shipment):
        data = self.client.graphql_out(
            exporter.ORDER_SHIPPING_QUERY,
            {"id": exporter.gid("Order", shipment["order_external_id"])},
        )
        order = data.get("order")
        if not order:
            raise PlatformError(
                _lt("Shopify has no order %(id)s.", id=shipment["order_external_id"])
            )
        return order

    def find_shipment(self, shipment):
        order = self._order_shipping(shipment)
        numbers = set(shipment["tracking_numbers"])
        for fulfillment in order.get("fulfillments") or []:
            known = {t.get("number") for t in fulfillment.get("trackingInfo") or []}
            if numbers & known:
                return fulfillment["id"]
        self._fulfillment_orders = (order.get("fulfillmentOrders") or {}).get("nodes") or []
        return None

    def push_shipment(self, shipment):
        fulfillment_orders = getattr(self, "_fulfillment_orders", None)
        if fulfillment_orders is None:
            fulfillment_orders = (
                self._order_shipping(shipment).get("fulfillmentOrders") or {}
            ).get("nodes") or []
        fulfillment = exporter.fulfillment_input(shipment, fulfillment_orders)
        if not fulfillment["lineItemsByFulfillmentOrder"]:
            raise PlatformError(
                _lt(
                    "Shopify has no open line left to fulfil for these products (already shipped?)."
                )
            )
        data = self.client.graphql_out(exporter.FULFILLMENT_CREATE, {"fulfillment": fulfillment})
        payload = data.get("fulfillmentCreate") or {}
        errors = self.client.user_errors(payload)
        if errors:
            raise PlatformError(
                _lt(
                    "Shopify refused the fulfilment: %(errors)s",
                    errors="; ".join(str(e.get("message")) for e in errors),
                )
            )
        return (payload.get("fulfillment") or {}).get("id")

    def push_refund(self, status):
        """``refundCreate`` of ``status["refund"]`` (a credit note), with the
        credit note's idempotency key; nothing is sent when one of its lines
        matches no line of the Shopify order.  Returns the refund's id."""
        refund = status["refund"]
        order_id = exporter.gid("Order", status["order_external_id"])
        order = self.client.graphql_out(exporter.ORDER_REFUND_QUERY, {"id": order_id}).get("order")
        if not order:
            raise PlatformError(_lt("Shopify has no order %(id)s.", id=status["order_external_id"]))
        transactions = None
        if refund["refund_payment"]:
            transactions = exporter.refund_transactions(
                refund, order_id, order.get("transactions") or []
            )
            if not transactions:
                raise PlatformError(
                    _lt(
                        "The Shopify order %(id)s has no payment to refund: refund it by other "
                        'means, or turn off "Refund the Payment at Shopify".',
                        id=status["order_external_id"],
                    )
                )
        data, unmatched = exporter.refund_input(
            refund,
            order_id,
            (order.get("lineItems") or {}).get("nodes") or [],
            status["notify_customer"],
            transactions,
        )
        if unmatched:
            raise PlatformError(
                _lt(
                    "The credit note %(number)s refunds %(lines)s, which the Shopify order does "
                    "not have: nothing was sent. Correct the credit note, or record the refund "
                    "at Shopify by hand.",
                    number=refund["number"],
                    lines=", ".join(unmatched),
                )
            )
        answer = self.client.graphql_out(
            exporter.REFUND_CREATE, {"input": data, "key": refund["key"]}
        )
        payload = answer.get("refundCreate") or {}
        errors = self.client.user_errors(payload)
        if errors:
            raise PlatformError(
                _lt(
                    "Shopify refused the refund of the credit note %(number)s: %(errors)s",
                    number=refund["number"],
                    errors="; ".join(str(e.get("message")) for e in errors),
                )
            )
        return (payload.get("refund") or {}).get("id")

    def push_status(self, status):
        state = status["shop_state"]
        if state == "refund":
            if status.get("refund"):
                self.push_refund(status)
            return
        if state == "cancel":
            data = self.client.graphql_out(
                exporter.ORDER_CANCEL,
                {
                    "orderId": exporter.gid("Order", status["order_external_id"]),
                    "notify": status["notify_customer"],
                },
            )
            errors = self.client.user_errors(data.get("orderCancel"), "orderCancelUserErrors")
        elif status["shipment_ref"]:
            data = self.client.graphql_out(
                exporter.FULFILLMENT_EVENT,
                {"event": {"fulfillmentId": status["shipment_ref"], "status": state}},
            )
            errors = self.client.user_errors(data.get("fulfillmentEventCreate"))
        else:
            return
        if errors:
            raise PlatformError(
                _lt(
                    "Shopify refused the update: %(errors)s",
                    errors="; ".join(str(e.get("message")) for e in errors),
                )
            )
