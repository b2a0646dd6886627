# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..base import Adapter, register
from ..outbound import OutboundMixin, chunks
from . import exporter
from .client import WooCommerceClient
from .mapper import WooCommerceMapper


@register
class WooCommerceAdapter(OutboundMixin, Adapter):
    platform = "woocommerce"
    client_class = WooCommerceClient
    mapper_class = WooCommerceMapper

    def fetch_catalogue(self):
        for product, parent in self.client.list_products():
            if product.get("type") == "variable":
                continue  # its variations carry the stock
            yield {
                "sku": product.get("sku") or "",
                "barcode": product.get("global_unique_id") or "",
                "external_id": str(parent["id"] if parent else product["id"]),
                "variant_id": str(product["id"]) if parent else "",
            }

    def _export(self, items, build):
        for parent, group in exporter.group_by_parent(items).items():
            for batch in chunks(group, exporter.BATCH_LIMIT):
                by_id = {int(i["variant_id"] or i["external_id"]): i["key"] for i in batch}
                answers = self.client.batch_update(parent, [build(i) for i in batch])
                errors = {}
                for answer in answers:
                    error = answer.get("error") if isinstance(answer, dict) else None
                    key = by_id.get(answer.get("id")) if isinstance(answer, dict) else None
                    if error and key:
                        errors[key] = f"{error.get('code')}: {error.get('message')}"
                yield [i["key"] for i in batch], errors

    def export_stock(self, items):
        return self._export(items, exporter.stock_update)

    def export_prices(self, items):
        return self._export(items, exporter.price_update)

    def find_shipment(self, shipment):
        order_id = shipment["order_external_id"]
        numbers = shipment["tracking_numbers"]
        if self.backend.woo_tracking_mode == "extension":
            for tracking in self.client.shipment_trackings(order_id):
                if tracking.get("tracking_number") in numbers:
                    return tracking.get("tracking_id")
            return None
        for note in self.client.order_notes(order_id):
            if all(number in (note.get("note") or "") for number in numbers):
                return note.get("id")
        return None

    def push_shipment(self, shipment):
        order_id = shipment["order_external_id"]
        if self.backend.woo_tracking_mode == "extension":
            ids = [
                self.client.add_shipment_tracking(order_id, body)
                for body in exporter.tracking_entries(shipment)
            ]
            return ids[0] if ids else None
        return self.client.add_order_note(
            order_id, exporter.tracking_note(shipment), shipment["notify_customer"]
        )

    def push_status(self, status):
        self.client.update_order(status["order_external_id"], {"status": status["shop_state"]})
