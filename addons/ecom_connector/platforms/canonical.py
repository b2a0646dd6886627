# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The canonical order: what every platform mapper produces and what the
push API accepts as is.  Amounts are decimal strings (or numbers) in the
order's currency; ``tax_rate`` is a percentage (20, 5.5, 0).

.. code-block:: python

    {
        "external_id": "1042",            # the shop's order id (required)
        "reference": "#1042",             # the order number the customer sees
        "date_order": "2026-11-20T10:12:00Z",
        "currency": "EUR",
        "prices_include_tax": True,       # default: the backend's setting
        "status": "processing",           # the shop's state (see state mapping)
        "paid": True, "authorized": False, "cancelled": False,
        "payment_method": "stripe",
        "channel": "Amazon",              # optional: marketplace behind the shop
        "customer": {"external_id": "77", "email": "...", "name": "...",
                     "company": "", "vat": "", "phone": ""},
        "billing_address": ADDRESS, "shipping_address": ADDRESS,
        "lines": [{"sku": "TEA-01", "barcode": "", "name": "...", "quantity": 2,
                   "price_unit": "12.00", "tax_rate": 5.5,
                   "discount": "0.00"}],             # discount: line total
        "shipping": {"code": "colissimo", "name": "Colissimo",
                     "amount": "4.90", "tax_rate": 20},
        "discounts": [{"name": "Code NOEL", "amount": "5.00", "tax_rate": 20}],
        # charges that are not products, each on its own product of the shop
        # (kind: wrapping, duty, tip, fee); a tip at 0 % is outside VAT
        "charges": [{"kind": "wrapping", "name": "Emballage cadeau",
                     "amount": "2.50", "tax_rate": 20}],
        "total": "44.30",                 # what the customer pays
    }

    ADDRESS = {"name": "...", "company": "", "street": "...", "street2": "",
               "zip": "...", "city": "...", "state_code": "",
               "country_code": "FR", "phone": "", "email": "", "vat": ""}

The shipping address of a relay-point delivery also carries the point the
customer chose; the address is then the relay point's:

.. code-block:: python

    "relay_point": {"network": "mondialrelay", "id": "020339"}

The delivery address gets the ``ref`` ``<prefix>#<id>`` of
``RELAY_NETWORKS`` (core's ``delivery_mondialrelay`` convention, ``MR#``),
which is what ecom_carrier's shipping methods read as a relay point.
"""

import json
import re
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from odoo.tools import LazyTranslate

from .base import PlatformError

_lt = LazyTranslate(__name__)

CENT = Decimal("0.01")
#: relay-point networks a shop may name → prefix of the delivery address's
#: ``ref`` (``<prefix>#<relay id>``), the prefixes of ecom_carrier's shipping
#: methods (``_ecom_relay_prefix``) and of core's ``delivery_mondialrelay``
RELAY_NETWORKS = {"mondialrelay": "MR", "colissimo": "COL", "chronopost": "CHR", "dpd": "DPD"}
#: charges an order may carry besides products, shipping and discounts
CHARGE_KINDS = ("wrapping", "duty", "tip", "fee")
#: no order line, amount or quantity of a shop goes beyond this
MAX_NUMBER = Decimal("1e9")
#: a text starting so becomes a formula once exported to a spreadsheet
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[\d\s().,/]*")


def to_decimal(value, what):
    if value in (None, ""):
        return Decimal(0)
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise PlatformError(
            _lt("The value %(value)r of %(field)s is not a number.", field=what, value=value)
        ) from exc
    if not result.is_finite():
        raise PlatformError(
            _lt("The value %(value)r of %(field)s is not a number.", field=what, value=value)
        )
    if abs(result) >= MAX_NUMBER:
        raise PlatformError(
            _lt(
                "The value %(value)s of %(field)s is out of bounds (at most %(max)s).",
                field=what,
                value=str(value)[:30],
                max="999999999",
            )
        )
    return result


def _text(value):
    return str(value).strip() if value not in (None, False) else ""


def _free_text(value):
    """A text a person wrote (name, street, note...), kept from becoming a
    spreadsheet formula when exported later: ``=HYPERLINK(...)`` is stored
    as ``'=HYPERLINK(...)``; phone-like ``+33 6 12`` stays as is."""
    text = _text(value)
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def parse_datetime(value):
    """A naive UTC datetime of the ISO 8601 date a shop sends; raises
    :class:`PlatformError` when it cannot be read (never "now" instead)."""
    text = _text(value).replace("Z", "+00:00")
    if " " in text and "T" not in text:
        text = text.replace(" ", "T", 1)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise PlatformError(
            _lt("The order date %(date)r cannot be read.", date=_text(value)[:40])
        ) from None
    if parsed.tzinfo:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


ADDRESS_ERRORS = {
    "billing": {
        "missing": _lt("The order has no billing address."),
        "name": _lt("The billing address has no name."),
        "street": _lt("The billing address is incomplete (street and city are required)."),
        "country": _lt("The billing address has no country."),
    },
    "shipping": {
        "missing": _lt("The order has no shipping address."),
        "name": _lt("The shipping address has no name."),
        "street": _lt("The shipping address is incomplete (street and city are required)."),
        "country": _lt("The shipping address has no country."),
    },
}


def _address(data, kind):
    errors = ADDRESS_ERRORS[kind]
    if not isinstance(data, dict) or not data:
        raise PlatformError(errors["missing"])
    free = ("name", "company", "street", "street2", "city")
    address = {
        key: (_free_text if key in free else _text)(data.get(key))
        for key in (
            "name",
            "company",
            "street",
            "street2",
            "zip",
            "city",
            "state_code",
            "country_code",
            "phone",
            "email",
            "vat",
        )
    }
    if not address["name"] and not address["company"]:
        raise PlatformError(errors["name"])
    if not address["street"] or not address["city"]:
        raise PlatformError(errors["street"])
    if not address["country_code"]:
        raise PlatformError(errors["country"])
    address["country_code"] = address["country_code"].upper()
    if kind == "shipping":
        address["relay_point"] = _relay_point(data.get("relay_point"))
    return address


def _relay_point(data):
    """The relay point of a shipping address, ``{"network", "id"}``, or None."""
    if data in (None, "", {}):
        return None
    if not isinstance(data, dict):
        raise PlatformError(_lt("The relay point of the shipping address is not an object."))
    network, relay_id = _text(data.get("network")).lower(), _text(data.get("id"))
    if network not in RELAY_NETWORKS or not relay_id:
        raise PlatformError(
            _lt(
                "The relay point %(id)r of network %(network)r cannot be read "
                "(networks: %(networks)s).",
                id=relay_id[:40],
                network=network[:40],
                networks=", ".join(RELAY_NETWORKS),
            )
        )
    return {"network": network, "id": relay_id}


def normalize(order, prices_include_tax=True):
    """Check a canonical order and return it with typed values.

    Raises :class:`PlatformError` with a message the merchant can act on.
    """
    if not isinstance(order, dict):
        raise PlatformError(_lt("The order is not an object."))
    external_id = _text(order.get("external_id"))
    if not external_id:
        raise PlatformError(_lt("The order has no id."))
    result = {
        "external_id": external_id,
        "reference": _free_text(order.get("reference")) or external_id,
        "date_order": _text(order.get("date_order")),
        "currency": _text(order.get("currency")).upper() or "EUR",
        "prices_include_tax": bool(order.get("prices_include_tax", prices_include_tax)),
        "status": _text(order.get("status")),
        "paid": bool(order.get("paid")),
        "authorized": bool(order.get("authorized")),
        "cancelled": bool(order.get("cancelled")),
        "payment_method": _text(order.get("payment_method")),
        "channel": _text(order.get("channel")),
        "note": _free_text(order.get("note")),
    }
    if result["date_order"]:
        parse_datetime(result["date_order"])
    customer = order.get("customer") or {}
    if not isinstance(customer, dict):
        raise PlatformError(_lt("The order's customer is not an object."))
    result["customer"] = {
        key: (_free_text if key in ("name", "company") else _text)(customer.get(key))
        for key in ("external_id", "email", "name", "company", "vat", "phone")
    }
    if result["cancelled"]:
        # a cancellation needs nothing else than the id
        result.update(
            billing_address=None,
            shipping_address=None,
            lines=[],
            shipping=None,
            discounts=[],
            charges=[],
            total=Decimal(0),
        )
        return result
    result["billing_address"] = _address(order.get("billing_address"), "billing")
    result["shipping_address"] = _address(
        order.get("shipping_address") or order.get("billing_address"), "shipping"
    )
    if not result["customer"]["email"]:
        result["customer"]["email"] = result["billing_address"]["email"]
    if not result["customer"]["name"]:
        result["customer"]["name"] = result["billing_address"]["name"]
    lines = order.get("lines")
    if not isinstance(lines, list) or not lines:
        raise PlatformError(_lt("The order has no lines."))
    result["lines"] = []
    for index, line in enumerate(lines, start=1):
        if not isinstance(line, dict):
            raise PlatformError(_lt("Line %(index)s is not an object.", index=index))
        quantity = to_decimal(line.get("quantity"), f"lines[{index}].quantity")
        if quantity <= 0:
            raise PlatformError(
                _lt(
                    "Line %(index)s has a quantity of %(quantity)s: it must be positive.",
                    index=index,
                    quantity=quantity,
                )
            )
        price = to_decimal(line.get("price_unit"), f"lines[{index}].price_unit")
        if price < 0:
            raise PlatformError(_lt("Line %(index)s has a negative price.", index=index))
        discount = to_decimal(line.get("discount"), f"lines[{index}].discount")
        if discount < 0 or discount > (price * quantity).quantize(CENT):
            raise PlatformError(
                _lt(
                    "Line %(index)s has a discount of %(discount)s for a line total of %(total)s.",
                    index=index,
                    discount=discount,
                    total=price * quantity,
                )
            )
        sku, barcode = _text(line.get("sku")), _text(line.get("barcode"))
        if not sku and not barcode:
            raise PlatformError(_lt("Line %(index)s has neither SKU nor barcode.", index=index))
        result["lines"].append(
            {
                "external_id": _text(line.get("external_id")),
                "sku": sku,
                "barcode": barcode,
                "name": _free_text(line.get("name")) or sku or barcode,
                "quantity": quantity,
                "price_unit": price,
                "tax_rate": to_decimal(line.get("tax_rate"), f"lines[{index}].tax_rate"),
                "discount": discount,
            }
        )
    shipping = order.get("shipping")
    if shipping:
        if not isinstance(shipping, dict):
            raise PlatformError(_lt("The order's shipping is not an object."))
        amount = to_decimal(shipping.get("amount"), "shipping.amount")
        if amount < 0:
            raise PlatformError(_lt("The shipping amount is negative."))
        result["shipping"] = {
            "code": _text(shipping.get("code")),
            "name": _free_text(shipping.get("name")),
            "amount": amount,
            "tax_rate": to_decimal(shipping.get("tax_rate"), "shipping.tax_rate"),
        }
    else:
        result["shipping"] = None
    result["discounts"] = []
    for index, discount in enumerate(order.get("discounts") or [], start=1):
        amount = to_decimal(discount.get("amount"), f"discounts[{index}].amount")
        if amount < 0:
            raise PlatformError(_lt("Discount %(index)s is negative.", index=index))
        result["discounts"].append(
            {
                "name": _free_text(discount.get("name")),
                "amount": amount,
                "tax_rate": to_decimal(discount.get("tax_rate"), f"discounts[{index}].tax_rate"),
            }
        )
    result["charges"] = _charges(order.get("charges"))
    if order.get("total") in (None, ""):
        raise PlatformError(_lt("The order has no total."))
    result["total"] = to_decimal(order.get("total"), "total")
    return result


def _charges(charges):
    """The charges of an order (gift wrapping, duties, tips, fees), checked."""
    if charges in (None, ""):
        return []
    if not isinstance(charges, list):
        raise PlatformError(_lt("The order's charges are not a list."))
    result = []
    for index, charge in enumerate(charges, start=1):
        if not isinstance(charge, dict):
            raise PlatformError(_lt("Charge %(index)s is not an object.", index=index))
        kind = _text(charge.get("kind"))
        if kind not in CHARGE_KINDS:
            raise PlatformError(
                _lt(
                    "Charge %(index)s is of an unknown kind %(kind)r (expected one of %(kinds)s).",
                    index=index,
                    kind=kind[:30],
                    kinds=", ".join(CHARGE_KINDS),
                )
            )
        amount = to_decimal(charge.get("amount"), f"charges[{index}].amount")
        if amount < 0:
            raise PlatformError(_lt("Charge %(index)s is negative.", index=index))
        if amount:
            result.append(
                {
                    "kind": kind,
                    "name": _free_text(charge.get("name")),
                    "amount": amount,
                    "tax_rate": to_decimal(charge.get("tax_rate"), f"charges[{index}].tax_rate"),
                }
            )
    return result


#: VAT rates of the EU member states (standard, reduced, super-reduced, parking)
#: and of France's overseas departments, to name a rate derived from amounts
KNOWN_RATES = tuple(
    Decimal(r)
    for r in (
        "0",
        "2.1",
        "3",
        "4",
        "5",
        "5.5",
        "6",
        "7",
        "8",
        "8.5",
        "9",
        "10",
        "12",
        "13",
        "13.5",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
        "25",
        "25.5",
        "27",
    )
)


def clean_rate(value):
    """A rate as people write it: ``20.0000`` → ``20``, ``5.50`` → ``5.5``."""
    value = Decimal(value).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def nearest_rate(tax, base):
    """The VAT rate (percent) of ``tax`` on the tax-excluded ``base``: the
    usual rate nearest to ``tax / base``, or that ratio itself (2 decimals)
    when no usual rate explains the amounts to the cent."""
    tax, base = Decimal(tax), Decimal(base)
    if not tax or not base:
        return Decimal(0)
    ratio = tax / base * 100
    best = min(KNOWN_RATES, key=lambda rate: abs(rate - ratio))
    # a rate explains the amounts when it gives the tax to the cent
    if abs((base * best / 100).quantize(Decimal("0.01")) - tax) <= Decimal("0.01"):
        return best
    return clean_rate(ratio.quantize(Decimal("0.01")))


def load_json(payload, what):
    """Parse a JSON payload; ``what`` names it in the error (a platform)."""
    try:
        return json.loads(payload)
    except (ValueError, TypeError) as exc:
        raise PlatformError(
            _lt(
                "The %(what)s payload is not valid JSON: %(error)s",
                what=what,
                error=str(exc)[:200],
            )
        ) from exc


def split_json_orders(payload, what, order_id, orders_of=None):
    """Split a JSON payload holding one order or several into
    ``(external_id, order_json)`` pairs, for every JSON platform.

    The payload is an order, a list of orders, an order wrapped as
    ``{"order": {...}}`` (webhooks), or a container from which ``orders_of``
    (a function of the parsed dict) returns the list (``{"orders": [...]}``,
    a Magento search result); ``order_id`` returns an order's id.
    """
    data = load_json(payload, what)
    orders = orders_of(data) if orders_of and isinstance(data, dict) else None
    if orders is None:
        orders = data if isinstance(data, list) else [data]
    result = []
    for order in orders:
        if isinstance(order, dict) and set(order) == {"order"}:
            order = order["order"]
        external_id = order_id(order) if isinstance(order, dict) else ""
        result.append((str(external_id or ""), json.dumps(order, ensure_ascii=False)))
    return result


def unwrap_order(data):
    """The order of a webhook body wrapped as ``{"order": {...}}``."""
    if isinstance(data, dict) and set(data) == {"order"}:
        return data["order"]
    return data
