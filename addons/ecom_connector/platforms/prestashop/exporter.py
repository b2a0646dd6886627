# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PrestaShop outbound documents (pure): the webservice updates a record by
a PUT of its whole XML (read first), creates ``order_histories`` by a POST;
errors come as ``<errors><error><code/><message/></error></errors>``."""

import xmltodict

from ..xmlutils import parse_xml

XLINK = "http://www.w3.org/1999/xlink"
OUT_LISTS = (
    "product",
    "combination",
    "stock_available",
    "order_carrier",
    "order_history",
    "error",
)


def parse(payload):
    """The ``<prestashop>`` element of an answer, as a dict."""
    data = parse_xml(payload, force_list=OUT_LISTS) or {}
    return (data.get("prestashop") or {}) if isinstance(data, dict) else {}


def errors_of(root):
    errors = (root.get("errors") or {}).get("error") or [] if isinstance(root, dict) else []
    return [
        f"{text_of(e.get('code'))}: {text_of(e.get('message'))}"
        for e in errors
        if isinstance(e, dict)
    ]


def text_of(value):
    if isinstance(value, dict):
        value = value.get("#text")
    return "" if value is None else str(value)


def records(root, plural, singular):
    container = root.get(plural) if isinstance(root, dict) else None
    if not isinstance(container, dict):
        return []
    return [r for r in container.get(singular) or [] if isinstance(r, dict)]


def document(singular, record):
    """The full XML document of ``record`` to PUT or POST back."""
    record = {k: v for k, v in record.items() if not k.startswith("@")}
    return xmltodict.unparse(
        {"prestashop": {"@xmlns:xlink": XLINK, singular: record}}, full_document=True
    )


def with_quantity(record, quantity):
    return dict(record, quantity=str(int(quantity)))


#: product fields PrestaShop lists but refuses in a PUT ("parameter ... not
#: writable"); ``position_in_category`` written back moves the product
PRODUCT_READ_ONLY = ("manufacturer_name", "quantity", "position_in_category")


def with_price(record, price):
    """The product to PUT back with its tax-excluded ``price``."""
    record = {k: v for k, v in record.items() if k not in PRODUCT_READ_ONLY}
    return dict(record, price=f"{price:.6f}")


def with_price_impact(record, impact):
    """The combination to PUT back: its price is an impact on its product's."""
    return dict(record, price=f"{impact:.6f}")


def with_tracking(record, numbers):
    # several parcels of one shipment: one order_carrier, numbers separated
    # by spaces (PrestaShop's isTrackingNumber allows them)
    return dict(record, tracking_number=" ".join(numbers))


def order_history(order_id, state_id):
    return document("order_history", {"id_order": str(order_id), "id_order_state": str(state_id)})
