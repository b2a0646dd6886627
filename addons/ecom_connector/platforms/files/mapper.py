# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order files exchanged with marketplaces and logisticians: CSV (one row per
order line, order columns repeated) or XML (the canonical order as
elements).  The formats are documented in ``readme/USAGE.md``."""

import csv
import io
import json
from collections import OrderedDict

from odoo.tools import LazyTranslate

from odoo.addons.ecom_base.parsing import parse_decimal

from ..base import Mapper, PlatformError
from ..xmlutils import parse_xml

_lt = LazyTranslate(__name__)

REQUIRED_COLUMNS = ("order_id", "sku", "quantity", "price_unit", "total")
NUMERIC_COLUMNS = (
    "quantity",
    "price_unit",
    "tax_rate",
    "line_discount",
    "shipping_amount",
    "shipping_tax_rate",
    "total",
)
TRUE = {"1", "true", "yes", "oui", "y", "o"}


def _num(value):
    """A number of a file (``12,50``, ``1 234,50``) as a plain decimal
    string; left as written when it is not one, for the canonical check to
    name the field."""
    try:
        number = parse_decimal(value)
    except ValueError:
        return (value or "").strip()
    return "" if number is None else str(number)


class FileMapper(Mapper):
    def map_order(self, payload):
        try:
            return json.loads(payload)
        except ValueError as exc:
            raise PlatformError(_lt("The order is not valid JSON.")) from exc

    def split_payload(self, payload, content_type):
        text = payload.lstrip("\ufeff")
        if "xml" in (content_type or "") or text.lstrip().startswith("<"):
            orders = self._parse_xml(text)
        else:
            orders = self._parse_csv(text)
        return [(o["external_id"], json.dumps(o, ensure_ascii=False)) for o in orders]

    # ------------------------------------------------------------- CSV

    def _parse_csv(self, text):
        if not text.strip():
            raise PlatformError(_lt("The CSV file is empty."))
        first = text.splitlines()[0]
        delimiter = (
            ";"
            if first.count(";") > first.count(",")
            else ("\t" if first.count("\t") > first.count(",") else ",")
        )
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise PlatformError(
                _lt("The CSV file lacks the columns %(columns)s.", columns=", ".join(missing))
            )
        reader.fieldnames = columns
        orders = OrderedDict()
        try:
            rows = list(reader)
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise PlatformError(
                    _lt(
                        "A cell of the CSV file holds more than %(limit)s characters: the file "
                        "is damaged or is not an order file.",
                        limit=csv.field_size_limit(),
                    )
                ) from exc
            raise PlatformError(
                _lt("The CSV file is malformed: %(error)s", error=str(exc))
            ) from exc
        for number, row in enumerate(rows, start=2):
            if None in row:
                raise PlatformError(_lt("Row %(row)s has more fields than the header.", row=number))
            row = {k: (v or "").strip() for k, v in row.items()}
            for column in NUMERIC_COLUMNS:
                if column in row:
                    row[column] = _num(row[column])
            if not row["order_id"]:
                raise PlatformError(_lt("Row %(row)s has no order_id.", row=number))
            order = orders.get(row["order_id"])
            if order is None:
                order = orders[row["order_id"]] = self._csv_order(row)
            order["lines"].append(
                {
                    "sku": row.get("sku"),
                    "barcode": row.get("barcode"),
                    "name": row.get("product_name"),
                    "quantity": row.get("quantity"),
                    "price_unit": row.get("price_unit"),
                    "tax_rate": row.get("tax_rate"),
                    "discount": row.get("line_discount"),
                }
            )
        return list(orders.values())

    @staticmethod
    def _csv_order(row):
        def address(prefix):
            return {
                "name": row.get(f"{prefix}_name"),
                "company": row.get(f"{prefix}_company"),
                "street": row.get(f"{prefix}_street"),
                "street2": row.get(f"{prefix}_street2"),
                "zip": row.get(f"{prefix}_zip"),
                "city": row.get(f"{prefix}_city"),
                "country_code": row.get(f"{prefix}_country"),
                "phone": row.get(f"{prefix}_phone") or row.get("phone"),
                "email": row.get("email"),
                "vat": row.get("vat"),
            }

        shipping = None
        if row.get("shipping_code") or row.get("shipping_amount"):
            shipping = {
                "code": row.get("shipping_code"),
                "name": row.get("shipping_name_method") or row.get("shipping_code"),
                "amount": row.get("shipping_amount"),
                "tax_rate": row.get("shipping_tax_rate"),
            }
        return {
            "external_id": row["order_id"],
            "reference": row.get("reference") or row["order_id"],
            "date_order": row.get("date"),
            "currency": row.get("currency") or "EUR",
            "status": row.get("status"),
            "paid": (row.get("paid") or "").lower() in TRUE,
            "payment_method": row.get("payment_method"),
            "channel": row.get("channel"),
            "customer": {
                "external_id": row.get("customer_id"),
                "email": row.get("email"),
                "name": row.get("billing_name"),
                "company": row.get("company"),
                "vat": row.get("vat"),
                "phone": row.get("phone"),
            },
            "billing_address": address("billing"),
            "shipping_address": address("shipping") if row.get("shipping_street") else None,
            "lines": [],
            "shipping": shipping,
            "discounts": [],
            "total": row.get("total"),
        }

    # ------------------------------------------------------------- XML

    def _parse_xml(self, text):
        data = parse_xml(text, force_list=("order", "line", "discount"))
        root = data.get("orders") if isinstance(data, dict) else None
        if not isinstance(root, dict) or not root.get("order"):
            raise PlatformError(_lt("The XML file has no <orders><order> elements."))
        orders = []
        for order in root["order"]:
            if not isinstance(order, dict):
                raise PlatformError(_lt("An <order> element is empty."))
            order = dict(order)
            order["lines"] = (order.get("lines") or {}).get("line") or []
            order["discounts"] = (order.get("discounts") or {}).get("discount") or []
            order["paid"] = str(order.get("paid") or "").lower() in TRUE
            order["cancelled"] = str(order.get("cancelled") or "").lower() in TRUE
            if "prices_include_tax" in order:
                order["prices_include_tax"] = str(order["prices_include_tax"]).lower() in TRUE
            order["external_id"] = order.get("external_id") or ""
            orders.append(order)
        return orders
