# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PrestaShop webservice, outbound side: ``products``, ``combinations``,
``stock_availables`` (GET, then PUT of the whole record: a PUT missing a
required field is refused with PrestaShop's XML error), ``products`` and
``combinations`` (the same for their ``price``: tax excluded and not
negative for a product, an impact that may be negative for a combination;
the product's read-only ``manufacturer_name`` / ``quantity`` sent back are
refused, "not writable"), ``order_carriers``
(GET by ``filter[id_order]``, PUT of the whole record with
``tracking_number`` checked as ``isTrackingNumber``, POST), ``order_histories``
(POST with ``id_order`` and a known ``id_order_state``).  ``sendemail=1`` is
recorded."""

import base64
import re

import xmltodict

from .prestashop import WS_KEY, PrestaShopServer

STOCK_FIELDS = (
    "id",
    "id_product",
    "id_product_attribute",
    "id_shop",
    "id_shop_group",
    "quantity",
    "depends_on_stock",
    "out_of_stock",
    "location",
)
CARRIER_FIELDS = (
    "id",
    "id_order",
    "id_carrier",
    "id_order_invoice",
    "weight",
    "shipping_cost_tax_excl",
    "shipping_cost_tax_incl",
    "tracking_number",
    "date_add",
)
PRODUCT_FIELDS = (
    "id",
    "id_category_default",
    "id_tax_rules_group",
    "reference",
    "ean13",
    "price",
    "active",
    "name",
    "link_rewrite",
)
PRODUCT_READ_ONLY = ("manufacturer_name", "quantity")
COMBINATION_FIELDS = ("id", "id_product", "reference", "ean13", "price", "minimal_quantity")
IS_PRICE = re.compile(r"^[0-9]{1,10}(\.[0-9]{1,9})?$")
IS_NEGATIVE_PRICE = re.compile(r"^-?[0-9]{1,10}(\.[0-9]{1,9})?$")
TRACKING_NUMBER = re.compile(r"^[~:#,%&_=\(\)\[\]\.\? \+\-@\/a-zA-Z0-9]+$")
ORDER_STATES = {str(i) for i in range(1, 15)}


class PrestaShopOutServer(PrestaShopServer):
    """A PrestaShop answering the outbound resources besides the orders."""

    def __init__(self, data=None, key=WS_KEY):
        super().__init__(data or {}, key=key)
        self.products = {}
        self.combinations = {}
        self.stock_availables = {}
        self.order_carriers = {}
        self.order_histories = []
        self.emails = []
        self.puts = []

    def add_product(self, product_id, reference, combinations=(), price="0.000000"):
        language = {"@id": "1", "@xlink:href": f"{self.url}/api/languages/1"}
        self.products[str(product_id)] = {
            "id": str(product_id),
            "id_category_default": {"@xlink:href": f"{self.url}/api/categories/2", "#text": "2"},
            "id_tax_rules_group": "1",
            "manufacturer_name": {"@notFilterable": "true", "#text": "Maison Kyoto"},
            "quantity": {"@notFilterable": "true", "#text": "0"},
            "reference": reference,
            "ean13": "",
            "price": price,
            "active": "1",
            "name": {"language": dict(language, **{"#text": f"Produit {product_id}"})},
            "link_rewrite": {"language": dict(language, **{"#text": f"produit-{product_id}"})},
        }
        attributes = list(combinations) or [("0", None)]
        for attribute, ref in attributes:
            if ref:
                self.combinations[str(attribute)] = {
                    "id": str(attribute),
                    "id_product": str(product_id),
                    "reference": ref,
                    "ean13": "",
                    "price": "0.000000",
                    "minimal_quantity": "1",
                }
            stock_id = str(len(self.stock_availables) + 1)
            self.stock_availables[stock_id] = {
                "id": stock_id,
                "id_product": str(product_id),
                "id_product_attribute": str(attribute),
                "id_shop": "1",
                "id_shop_group": "0",
                "quantity": "0",
                "depends_on_stock": "0",
                "out_of_stock": "2",
                "location": "",
            }

    def add_order_carrier(self, order_id, carrier_id="2"):
        carrier_row = str(len(self.order_carriers) + 1)
        self.order_carriers[carrier_row] = {
            "id": carrier_row,
            "id_order": str(order_id),
            "id_carrier": carrier_id,
            "id_order_invoice": "0",
            "weight": "0.000000",
            "shipping_cost_tax_excl": "4.083333",
            "shipping_cost_tax_incl": "4.900000",
            "tracking_number": "",
            "date_add": "2026-11-20 09:15:00",
        }
        return carrier_row

    def route(self, request):
        return self.handle(request) or super().route(request)

    def handle(self, request):
        """Answer ``request`` or return None when it is not an outbound one."""
        match = re.match(
            r"^/api/(products|combinations|stock_availables|order_carriers|order_histories)(?:/(\d+))?$",
            request.path,
        )
        if not match:
            return None
        auth = request.headers.get("Authorization", "")
        user = (
            base64.b64decode(auth[6:]).decode().partition(":")[0]
            if auth.startswith("Basic ")
            else ""
        )
        if user != self.key:
            return self._error(401, 17, "Invalid authentication key")
        resource, record_id = match.groups()
        if request.param("sendemail") == "1":
            self.emails.append((resource, record_id))
        if resource == "order_histories":
            return self._history(request)
        table, singular, fields = {
            "products": (self.products, "product", PRODUCT_FIELDS),
            "combinations": (self.combinations, "combination", COMBINATION_FIELDS),
            "stock_availables": (self.stock_availables, "stock_available", STOCK_FIELDS),
            "order_carriers": (self.order_carriers, "order_carrier", CARRIER_FIELDS),
        }[resource]
        if request.method == "GET" and not record_id:
            records = list(table.values())
            for name, values in request.query.items():
                found = re.fullmatch(r"filter\[(\w+)\]", name)
                if found:
                    records = [r for r in records if r.get(found.group(1)) == values[0]]
            return self._xml(200, {resource: {singular: records} if records else None})
        if request.method == "GET":
            record = table.get(record_id)
            if record is None:
                return self._error(404, 87, f"There is no {singular} with id {record_id}")
            return self._xml(200, {singular: record})
        if request.method == "PUT" and record_id and fields:
            return self._put(request, table, singular, fields, record_id)
        if request.method == "POST" and resource == "order_carriers":
            return self._post_carrier(request)
        return self._error(405, 100, f"Method {request.method} is not allowed on {resource}")

    def _body(self, request, singular):
        try:
            data = xmltodict.parse(request.body)
            return (data.get("prestashop") or {}).get(singular)
        except Exception:  # noqa: BLE001 - any parse failure is PrestaShop's error 127
            return None

    def _put(self, request, table, singular, fields, record_id):
        record = self._body(request, singular)
        if not isinstance(record, dict):
            return self._error(400, 127, "XML error : String could not be parsed as XML")
        missing = [f for f in fields if f not in record and f not in ("location", "date_add")]
        if missing:
            return self._error(
                400, 41, f'Validation error: "{missing[0]}" is required (full XML expected)'
            )
        if record.get("id") != record_id:
            return self._error(400, 90, "id is invalid")
        for name in PRODUCT_READ_ONLY if singular == "product" else ():
            if name in record:
                return self._error(
                    400,
                    93,
                    f'parameter "{name}" not writable. Please remove this attribute of this XML',
                )
        if singular in ("product", "combination"):
            error = self._check_price(singular, record)
            if error:
                return error
        if singular == "stock_available" and not re.fullmatch(
            r"-?\d+", record.get("quantity") or ""
        ):
            return self._error(400, 41, "Property StockAvailable->quantity is not valid")
        number = record.get("tracking_number") or ""
        if singular == "order_carrier" and number and not TRACKING_NUMBER.match(number):
            return self._error(400, 41, "Property OrderCarrier->tracking_number is not valid")
        table[record_id].update({k: (v or "") for k, v in record.items()})
        self.puts.append((singular, record_id))
        return self._xml(200, {singular: table[record_id]})

    def _check_price(self, singular, record):
        """PrestaShop's validation of a product's / combination's price and
        of the product's link_rewrite (a multilingual field)."""
        pattern = IS_PRICE if singular == "product" else IS_NEGATIVE_PRICE
        if not pattern.match(record.get("price") or ""):
            return self._error(
                400,
                85,
                f'Validation error: "Property {singular.capitalize()}->price is not valid"',
            )
        rewrite = record.get("link_rewrite")
        if singular == "product" and not (
            isinstance(rewrite, dict)
            and isinstance(rewrite.get("language"), dict)
            and rewrite["language"].get("#text")
        ):
            return self._error(
                400, 84, 'Validation error: "Property Product->link_rewrite is not valid"'
            )
        return None

    def _post_carrier(self, request):
        record = self._body(request, "order_carrier")
        if (
            not isinstance(record, dict)
            or not record.get("id_order")
            or not record.get("id_carrier")
        ):
            return self._error(400, 41, 'Validation error: "id_order" is required')
        carrier_row = self.add_order_carrier(record["id_order"], record["id_carrier"])
        self.order_carriers[carrier_row]["tracking_number"] = record.get("tracking_number") or ""
        return self._xml(201, {"order_carrier": self.order_carriers[carrier_row]})

    def _history(self, request):
        if request.method != "POST":
            return self._error(405, 100, "Method not allowed")
        record = self._body(request, "order_history")
        if not isinstance(record, dict) or not record.get("id_order"):
            return self._error(400, 41, 'Validation error: "id_order" is required')
        if record.get("id_order_state") not in ORDER_STATES:
            return self._error(400, 41, "Property OrderHistory->id_order_state is not valid")
        self.order_histories.append(record)
        return self._xml(201, {"order_history": dict(record, id=str(len(self.order_histories)))})
