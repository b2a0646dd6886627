# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import LazyTranslate

from ..base import Adapter, PlatformError, register
from ..outbound import OutboundMixin, chunks
from . import exporter
from .client import Magento2Client
from .mapper import Magento2Mapper

_lt = LazyTranslate(__name__)


@register
class Magento2Adapter(OutboundMixin, Adapter):
    platform = "magento2"
    client_class = Magento2Client
    mapper_class = Magento2Mapper

    def fetch_catalogue(self):
        for product in self.client.products():
            if product.get("type_id") not in (None, "simple", "virtual"):
                continue
            stock = (product.get("extension_attributes") or {}).get("stock_item") or {}
            yield {
                "sku": product.get("sku") or "",
                "barcode": "",
                "external_id": str(product.get("id")),
                "variant_id": "",
                "stock_available_id": str(stock.get("item_id") or ""),
            }

    def export_stock(self, items):
        if self.backend.magento_stock_api == "legacy":
            for item in items:
                self.client.save_stock_item(
                    item["sku"], item["stock_available_id"] or "1", exporter.stock_item(item)
                )
                yield [item["key"]], {}
            return
        for batch in chunks(items, exporter.SOURCE_ITEMS_LIMIT):
            self.client.save_source_items(
                exporter.source_items(batch, self.backend.magento_source_code)
            )
            yield [i["key"] for i in batch], {}

    def export_prices(self, items):
        # the rows Magento refuses come back as a list; the others are saved
        for batch in chunks(items, exporter.BASE_PRICES_LIMIT):
            failures = self.client.save_base_prices(
                exporter.base_prices(batch, self.backend.magento_store_id)
            )
            refused = exporter.price_failures(batch, failures)
            yield [i["key"] for i in batch if i["key"] not in refused], refused

    def find_shipment(self, shipment):
        numbers = set(shipment["tracking_numbers"])
        for existing in self.client.shipments(shipment["order_external_id"]):
            if numbers & {t.get("track_number") for t in existing.get("tracks") or []}:
                return existing.get("entity_id")
        return None

    def push_shipment(self, shipment):
        order = self.client.order(shipment["order_external_id"])
        body = exporter.ship_body(shipment, order.get("items") or [])
        if not body["items"]:
            raise PlatformError(
                _lt("Magento has nothing left to ship for these products (already shipped?).")
            )
        return self.client.ship(shipment["order_external_id"], body)

    def push_status(self, status):
        self.client.add_comment(status["order_external_id"], exporter.comment_body(status))
