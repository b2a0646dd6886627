# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PrestaShop webservice documents to canonical orders: pure, no network.
See :mod:`.client` for the bundle stored per order and the mapping rules."""

from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import xmltodict

from odoo.tools import LazyTranslate

from ..base import Mapper, PlatformError
from ..canonical import clean_rate, nearest_rate, to_decimal
from ..xmlutils import parse_xml

_lt = LazyTranslate(__name__)

CENT = Decimal("0.01")
XLINK = "http://www.w3.org/1999/xlink"
LISTS = (
    "order",
    "order_row",
    "customer",
    "address",
    "country",
    "carrier",
    "currency",
    "order_state",
    "order_payment",
    "order_cart_rule",
    "order_discount",
    "configuration",
    "state",
    "language",
    "error",
)
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
PLURALS = {"address": "addresses", "country": "countries", "currency": "currencies"}


def _text(value):
    """Text of an element that may carry attributes (``xlink:href``)."""
    if isinstance(value, dict):
        value = value.get("#text")
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        raise PlatformError(_lt("A PrestaShop field holds a list where a value is expected."))
    return str(value).strip()


def _translated(value, lang_id=""):
    """A multilingual field: the text in ``lang_id``, else the first one."""
    if not isinstance(value, dict) or "language" not in value:
        return _text(value)
    languages = [lang for lang in value.get("language") or [] if isinstance(lang, dict)]
    for lang in languages:
        if lang.get("@id") == lang_id:
            return _text(lang)
    return _text(languages[0]) if languages else ""


def _zone(name):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PlatformError(_lt("The shop's time zone %(zone)s is unknown.", zone=name)) from None


def _to_utc(text, zone):
    """ISO 8601 UTC of a PrestaShop local date-time; "" for an empty one."""
    if not text or text.startswith("0000"):
        return ""
    try:
        local = datetime.strptime(text, DATE_FORMAT)
    except ValueError:
        return text
    return local.replace(tzinfo=zone).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _records(data, name):
    """The ``name`` records of a parsed webservice answer."""
    if not isinstance(data, dict):
        return []
    plural = PLURALS.get(name, f"{name}s")
    container = data.get(plural) if plural in data else data
    if not container:
        return []
    if not isinstance(container, dict):
        raise PlatformError(_lt("PrestaShop sent %(what)s that are not XML elements.", what=plural))
    records = container.get(name) or []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise PlatformError(_lt("PrestaShop sent %(what)s that are not XML elements.", what=plural))
    return records


def parse_document(payload):
    """The ``<prestashop>`` element of a document, as a dict."""
    if not (payload or "").strip():
        raise PlatformError(_lt("The PrestaShop payload is empty."))
    data = parse_xml(payload, force_list=LISTS)
    if not isinstance(data, dict) or "prestashop" not in data:
        raise PlatformError(_lt("The payload is not a PrestaShop webservice document."))
    root = data["prestashop"] or {}
    if not isinstance(root, dict):
        raise PlatformError(_lt("The payload is not a PrestaShop webservice document."))
    return root


def is_bare(root):
    """True for an order without what it refers to (as pushed)."""
    return "customer" not in root and "address" not in root


class PrestaShopMapper(Mapper):
    def split_payload(self, payload, content_type):
        root = parse_document(payload)
        if "order" in root:
            orders = _records(root, "order")
            if len(orders) == 1:
                return [(_text(orders[0].get("id")), payload)]
        else:
            orders = _records(root.get("orders"), "order")
        return [
            (
                _text(order.get("id")),
                xmltodict.unparse(
                    {"prestashop": {"@xmlns:xlink": XLINK, "order": order}}, full_document=True
                ),
            )
            for order in orders
        ]

    def map_order(self, payload):
        return self.map_document(parse_document(payload))

    @staticmethod
    def single_order(root):
        orders = _records(root, "order")
        if len(orders) != 1:
            raise PlatformError(
                _lt(
                    "The PrestaShop document holds %(count)s orders instead of one.",
                    count=len(orders),
                )
            )
        return orders[0]

    def map_document(self, root):
        """The canonical order of a parsed bundle (see :mod:`.client`)."""
        order = self.single_order(root)
        if is_bare(root):
            raise PlatformError(
                _lt("The PrestaShop order comes without its customer and addresses.")
            )
        lang = _text(order.get("id_lang"))
        addresses = {_text(a.get("id")): a for a in _records(root, "address")}
        countries = {_text(c.get("id")): c for c in _records(root, "country")}
        regions = {_text(r.get("id")): r for r in _records(root, "state")}
        customers = _records(root, "customer")
        customer = customers[0] if customers else {}
        carriers = _records(root, "carrier")
        currencies = _records(root, "currency")
        states = _records(root, "order_state")
        state = states[0] if states else {}
        payments = _records(root, "order_payment")
        zone = _zone(
            next(
                (
                    _text(c.get("value"))
                    for c in _records(root, "configuration")
                    if _text(c.get("name")) == "PS_TIMEZONE"
                ),
                "",
            )
            or "UTC"
        )

        def address(key):
            data = addresses.get(_text(order.get(key)))
            if not data:
                return None
            country = countries.get(_text(data.get("id_country")))
            region = regions.get(_text(data.get("id_state"))) or {}
            return {
                "name": " ".join(
                    filter(None, [_text(data.get("firstname")), _text(data.get("lastname"))])
                ),
                "company": _text(data.get("company")),
                "street": _text(data.get("address1")),
                "street2": _text(data.get("address2")),
                "zip": _text(data.get("postcode")),
                "city": _text(data.get("city")),
                "state_code": _text(region.get("iso_code")),
                "country_code": _text(country.get("iso_code")) if country else "",
                "phone": _text(data.get("phone_mobile")) or _text(data.get("phone")),
                "email": _text(customer.get("email")),
                "vat": _text(data.get("vat_number")) if _text(data.get("company")) else "",
            }

        billing = address("id_address_invoice")
        delivery = address("id_address_delivery")
        lines = self._lines(order)
        discount = to_decimal(_text(order.get("total_discounts_tax_incl")), "discounts")
        if discount < 0:
            raise PlatformError(_lt("The order's discounts are negative."))
        shipping = None
        carrier = carriers[0] if carriers else {}
        if _text(order.get("id_carrier")) not in ("", "0"):
            shipping = {
                "code": _text(carrier.get("external_module_name"))
                or _text(carrier.get("id_reference"))
                or _text(order.get("id_carrier")),
                "name": _text(carrier.get("name")),
                "amount": to_decimal(_text(order.get("total_shipping_tax_incl")), "shipping"),
                "tax_rate": clean_rate(
                    to_decimal(_text(order.get("carrier_tax_rate")), "carrier tax rate")
                ),
            }
        total = _text(order.get("total_paid_tax_incl")) or _text(order.get("total_paid"))
        paid_amount = sum(
            (to_decimal(_text(p.get("amount")), "payment") for p in payments), Decimal(0)
        )
        templates = {
            _text(lang_text)
            for lang_text in (
                (state.get("template") or {}).get("language") or []
                if isinstance(state.get("template"), dict)
                else []
            )
        }
        vat = (billing or {}).get("vat") or (delivery or {}).get("vat") or ""
        return {
            "external_id": _text(order.get("id")),
            "reference": _text(order.get("reference")),
            "date_order": _to_utc(_text(order.get("date_add")), zone),
            "currency": _text(currencies[0].get("iso_code")) if currencies else "",
            "prices_include_tax": True,
            "status": _translated(state.get("name"), lang) or _text(order.get("current_state")),
            "paid": _text(state.get("paid")) == "1"
            or _text(order.get("valid")) == "1"
            or bool(total and paid_amount and paid_amount >= to_decimal(total, "order total")),
            "authorized": False,
            "cancelled": "order_canceled" in templates,
            "payment_method": _text(order.get("module")) or _text(order.get("payment")),
            "note": "",
            "customer": {
                "external_id": ""
                if _text(customer.get("is_guest")) == "1"
                else _text(order.get("id_customer")),
                "email": _text(customer.get("email")),
                "name": " ".join(
                    filter(
                        None, [_text(customer.get("firstname")), _text(customer.get("lastname"))]
                    )
                ),
                "company": _text(customer.get("company")) or (billing or {}).get("company"),
                "vat": vat,
                "phone": (billing or {}).get("phone"),
            },
            "billing_address": billing,
            "shipping_address": delivery,
            "lines": lines,
            "shipping": shipping,
            "discounts": self._discounts(
                discount, lines, shipping, _records(root, "order_cart_rule")
            ),
            "charges": self._wrapping(order),
            "total": total,
        }

    @staticmethod
    def _lines(order):
        associations = order.get("associations") or {}
        if not isinstance(associations, dict):
            raise PlatformError(_lt("The PrestaShop order's associations are not XML elements."))
        lines = []
        for row in _records(associations.get("order_rows"), "order_row"):
            qty = to_decimal(_text(row.get("product_quantity")), "quantity")
            incl = to_decimal(_text(row.get("unit_price_tax_incl")), "unit price")
            excl = to_decimal(_text(row.get("unit_price_tax_excl")), "unit price")
            lines.append(
                {
                    "external_id": _text(row.get("id")),
                    "sku": _text(row.get("product_reference")),
                    "barcode": _text(row.get("product_ean13")),
                    "name": _text(row.get("product_name")),
                    "quantity": qty,
                    "price_unit": incl.quantize(Decimal("0.0001")),
                    "tax_rate": nearest_rate((incl - excl) * abs(qty), excl * abs(qty))
                    if excl > 0
                    else Decimal(0),
                    "discount": Decimal(0),
                }
            )
        return lines

    @staticmethod
    def _wrapping(order):
        """Gift wrapping (``total_wrapping_tax_incl``), at the rate its
        amounts with and without tax give."""
        incl = to_decimal(_text(order.get("total_wrapping_tax_incl")), "gift wrapping")
        if not incl:
            return []
        excl = to_decimal(_text(order.get("total_wrapping_tax_excl")), "gift wrapping")
        return [
            {
                "kind": "wrapping",
                "name": "",
                "amount": incl,
                "tax_rate": nearest_rate(incl - excl, excl) if excl > 0 else Decimal(0),
            }
        ]

    @classmethod
    def _discounts(cls, discount, lines, shipping, rules):
        """Cart rules as canonical discounts: a free-shipping rule at the
        carrier's VAT rate, the rest over the products' rates."""
        if not discount or not lines:
            return []  # an order without lines is refused as such
        name = ", ".join(filter(None, (_translated(r.get("name")) for r in rules)))
        result = []
        if shipping and any(_text(r.get("free_shipping")) == "1" for r in rules):
            free = min(shipping["amount"], discount)
            if free:
                result.append({"name": name, "amount": free, "tax_rate": shipping["tax_rate"]})
            discount -= free
        return result + [dict(share, name=name) for share in cls._split_discount(discount, lines)]

    @staticmethod
    def _split_discount(discount, lines):
        """A discount over the products' VAT rates, in proportion of their
        amounts; the rounding remainder goes to the largest share."""
        if not discount:
            return []
        by_rate = {}
        for line in lines:
            by_rate[line["tax_rate"]] = by_rate.get(line["tax_rate"], Decimal(0)) + (
                line["price_unit"] * line["quantity"]
            )
        base = sum(by_rate.values(), Decimal(0))
        if base <= 0:
            raise PlatformError(_lt("The order has discounts but no product amount."))
        shares = {
            rate: (discount * amount / base).quantize(CENT, rounding=ROUND_HALF_UP)
            for rate, amount in by_rate.items()
        }
        largest = max(by_rate, key=lambda rate: by_rate[rate])
        shares[largest] += discount - sum(shares.values(), Decimal(0))
        return [
            {"name": "", "amount": amount, "tax_rate": rate}
            for rate, amount in sorted(shares.items())
            if amount
        ]


text = _text
records = _records
zone_info = _zone
