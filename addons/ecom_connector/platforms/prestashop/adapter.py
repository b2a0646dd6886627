# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ..base import Adapter, PlatformError, UnreadableOrder, register
from ..outbound import OutboundMixin
from . import exporter
from .client import PrestaShopClient
from .mapper import PrestaShopMapper, is_bare, parse_document


@register
class PrestaShopAdapter(OutboundMixin, Adapter):
    platform = "prestashop"
    content_type = "application/xml"
    client_class = PrestaShopClient
    mapper_class = PrestaShopMapper

    def map_order(self, payload):
        """A bare order (pushed without what it refers to) is completed from
        the shop before it is mapped."""
        root = parse_document(payload)
        if is_bare(root):
            order = self.mapper.single_order(root)
            payload = self.client.bundles([order])[0][1]
            if isinstance(payload, UnreadableOrder):
                raise payload.error(self.mapper.single_order(root).get("id"))
            root = parse_document(payload)
        return self.mapper.map_document(root)

    def fetch_catalogue(self):
        """Products and combinations with their ``stock_available`` id, read
        once here and kept on the product links."""
        text = exporter.text_of
        stocks = {
            (text(s.get("id_product")), text(s.get("id_product_attribute"))): text(s.get("id"))
            for s in self.client.out_list("stock_availables", "stock_available", {})
        }
        combined = set()
        for combination in self.client.out_list("combinations", "combination", {}):
            product_id, combination_id = (
                text(combination.get("id_product")),
                text(combination.get("id")),
            )
            combined.add(product_id)
            yield {
                "sku": text(combination.get("reference")),
                "barcode": text(combination.get("ean13")),
                "external_id": product_id,
                "variant_id": combination_id,
                "stock_available_id": stocks.get((product_id, combination_id), ""),
            }
        for product in self.client.out_list("products", "product", {}):
            product_id = text(product.get("id"))
            if product_id in combined:
                continue
            yield {
                "sku": text(product.get("reference")),
                "barcode": text(product.get("ean13")),
                "external_id": product_id,
                "variant_id": "",
                "stock_available_id": stocks.get((product_id, "0"), ""),
            }

    def export_stock(self, items):
        # no batch endpoint: GET the full record, PUT it back with the quantity
        for item in items:
            if not item["stock_available_id"]:
                yield [], {item["key"]: "no stock_available id: link the products again"}
                continue
            record = self.client.out_get(
                "stock_availables", "stock_available", item["stock_available_id"]
            )
            self.client.out_put(
                "stock_availables",
                "stock_available",
                exporter.with_quantity(record, item["quantity"]),
            )
            yield [item["key"]], {}

    def export_prices(self, items):
        """Product ``price`` (tax excluded), combination ``price`` as the
        impact on its product's: GET the full record, PUT it back.  A record
        the shop refuses is an error of its links only."""
        by_product = {}
        for item in items:
            by_product.setdefault(item["external_id"], []).append(item)
        for product_id, group in by_product.items():
            simple = [i for i in group if not i["variant_id"]]
            try:
                product = self.client.out_get("products", "product", product_id)
                base = float(exporter.text_of(product.get("price")) or 0.0)
                if simple:
                    base = simple[-1]["price"]
                    self.client.out_put("products", "product", exporter.with_price(product, base))
            except PlatformError as exc:
                yield [], {i["key"]: exc for i in group}
                continue
            yield [i["key"] for i in simple], {}
            for item in group:
                if not item["variant_id"]:
                    continue
                try:
                    combination = self.client.out_get(
                        "combinations", "combination", item["variant_id"]
                    )
                    self.client.out_put(
                        "combinations",
                        "combination",
                        exporter.with_price_impact(combination, item["price"] - base),
                    )
                except PlatformError as exc:
                    yield [], {item["key"]: exc}
                    continue
                yield [item["key"]], {}

    def _order_carriers(self, shipment):
        return self.client.out_list(
            "order_carriers", "order_carrier", {"filter[id_order]": shipment["order_external_id"]}
        )

    def find_shipment(self, shipment):
        wanted = " ".join(shipment["tracking_numbers"])
        for carrier in self._order_carriers(shipment):
            if exporter.text_of(carrier.get("tracking_number")) == wanted:
                return exporter.text_of(carrier.get("id"))
        return None

    def push_shipment(self, shipment):
        """The order's first order_carrier without a number gets it; a later
        partial shipment gets an order_carrier of its own."""
        params = {"sendemail": "1"} if shipment["notify_customer"] else None
        carriers = self._order_carriers(shipment)
        free = [c for c in carriers if not exporter.text_of(c.get("tracking_number"))]
        if free:
            record = exporter.with_tracking(free[0], shipment["tracking_numbers"])
            self.client.out_put("order_carriers", "order_carrier", record, params)
            return exporter.text_of(record.get("id"))
        template = carriers[0] if carriers else {"id_order": shipment["order_external_id"]}
        record = {
            "id_order": exporter.text_of(template.get("id_order")),
            "id_carrier": exporter.text_of(template.get("id_carrier")),
            "tracking_number": " ".join(shipment["tracking_numbers"]),
        }
        root = self.client.out_post(
            "order_carriers", exporter.document("order_carrier", record), params
        )
        created = (root.get("order_carrier") or [{}])[0]
        return exporter.text_of(created.get("id"))

    def push_status(self, status):
        params = {"sendemail": "1"} if status["notify_customer"] else None
        self.client.out_post(
            "order_histories",
            exporter.order_history(status["order_external_id"], status["shop_state"]),
            params,
        )
