# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PrestaShop webservice (1.6 to 8.x): XML, the webservice key as the HTTP
Basic user with an empty password.

Orders are read with ``display=full``, ``filter[date_upd]=[FROM,TO]`` and
``date=1``, sorted by ``date_upd`` then ``id``, ``limit=OFFSET,COUNT`` pages.
Like Magento's, pages are read by key: each query starts at the last
``date_upd`` read and drops the orders already read, so that an order updated
during the import cannot shift an unread one onto a page already read.

An order alone does not name its customer, addresses, carrier or currency: for
each page the adapter reads the customers, addresses, payments and cart rules
of its orders in one query per resource (``filter[id]=[1|2|3]``), and the
countries, states, carriers, currencies and order states once per run. The key
needs GET on orders, customers, addresses, countries, states, carriers,
currencies, order_states, order_payments, order_cart_rules and, for the time
zone, configurations. The stored payload is the order with all it refers to,
so that it can be processed and replayed without the shop::

    <prestashop xmlns:xlink="http://www.w3.org/1999/xlink">
      <order>...</order>            <!-- as GET /api/orders/ID answers it -->
      <customer>...</customer>
      <address>...</address>        <!-- delivery and invoice -->
      <country>...</country>
      <state>...</state>            <!-- when the address has one -->
      <carrier>...</carrier>
      <currency>...</currency>
      <order_state>...</order_state>
      <order_payment>...</order_payment>
      <order_cart_rule>...</order_cart_rule>
    </prestashop>

A bare order (``<prestashop><order>``, as pushed) is completed from the shop
when processed.

PrestaShop writes its dates in the shop's time zone (``PS_TIMEZONE``), read
once per run from ``/api/configurations`` (else the company's time zone, else
UTC, when the key may not read the configuration): the ``date_upd`` bounds
are written in it and the order dates are converted to UTC.  The bundle
carries that ``configuration`` record.

Mapping: the row tax rate is derived from ``unit_price_tax_incl`` /
``unit_price_tax_excl`` (rounded to the nearest usual VAT rate); cart rules
(``total_discounts_tax_incl``, named by ``order_cart_rules``) are split over
the rates of the products in proportion of their amounts, as PrestaShop splits
them, but for free shipping, at the carrier's rate; the carrier's code is
its module name (``external_module_name``) or else its ``id_reference``; the
payment method is the payment module (``ps_checkout``, ``ps_wirepayment``,
``ps_cashondelivery``...); the order's state name is its status, paid when the
state is a paid one, the order is ``valid`` or its payments cover its total,
cancelled when the state is PrestaShop's cancellation (template
``order_canceled``).
"""

from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import xmltodict

from odoo.tools import LazyTranslate

from .base import Adapter, PlatformError, register
from .canonical import clean_rate, nearest_rate, to_decimal
from .xmlutils import parse_xml

_lt = LazyTranslate(__name__)

PAGE_SIZE = 50
CENT = Decimal("0.01")
XLINK = "http://www.w3.org/1999/xlink"
LISTS = ("order", "order_row", "customer", "address", "country", "carrier", "currency",
         "order_state", "order_payment", "order_cart_rule", "configuration", "state",
         "language", "error")
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
        raise PlatformError(_lt("The shop's time zone %(zone)s is unknown.", zone=name)) \
            from None


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
        raise PlatformError(_lt("PrestaShop sent %(what)s that are not XML elements.",
                                what=plural))
    records = container.get(name) or []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise PlatformError(_lt("PrestaShop sent %(what)s that are not XML elements.",
                                what=plural))
    return records


@register
class PrestaShopAdapter(Adapter):
    platform = "prestashop"
    content_type = "application/xml"
    #: orders per page
    page_size = PAGE_SIZE

    def __init__(self, backend):
        super().__init__(backend)
        # look-ups of one import run: {resource: {id: record}}
        self.cache = {"country": {}, "state": {}, "carrier": {}, "currency": {},
                      "order_state": None,
                      "timezone": {}}

    def _auth(self):
        return {}, (self.backend.api_key or "", ""), {}

    # ------------------------------------------------------------ HTTP

    def _get(self, resource, params=None):
        response = self.request("GET", f"{self.base_url}/api/{resource}", params=params)
        root = self._parse(response.content)
        errors = _records(root.get("errors"), "error") if root.get("errors") else []
        if errors:
            raise PlatformError(_lt("PrestaShop answered: %(errors)s", errors="; ".join(
                _text(e.get("message")) for e in errors)[:300]))
        return root

    def _get_by_ids(self, resource, ids):
        """``{id: record}`` of ``resource`` for ``ids``, in one request."""
        ids = sorted({i for i in ids if i and i != "0"}, key=lambda i: (len(i), i))
        if not ids:
            return {}
        root = self._get(PLURALS.get(resource, f"{resource}s"), {"display": "full",
                                          "filter[id]": f"[{'|'.join(ids)}]"})
        return {_text(r.get("id")): r for r in _records(root, resource)}

    def _cached(self, resource, ids):
        cache = self.cache[resource]
        missing = {i for i in ids if i and i != "0" and i not in cache}
        if missing:
            cache.update(self._get_by_ids(resource, missing))
        return cache

    def _order_states(self):
        if self.cache["order_state"] is None:
            root = self._get("order_states", {"display": "full"})
            self.cache["order_state"] = {_text(r.get("id")): r
                                         for r in _records(root, "order_state")}
        return self.cache["order_state"]

    def _timezone(self):
        """The shop's ``PS_TIMEZONE`` configuration record (once a run)."""
        if not self.cache["timezone"]:
            records = []
            # a key may not be allowed to read the configuration: the API root
            # lists what it may read; then the company's time zone is used
            api = self._get("").get("api")
            if isinstance(api, dict) and "configurations" in api:
                root = self._get("configurations", {"display": "full",
                                                    "filter[name]": "PS_TIMEZONE"})
                records = _records(root, "configuration")
            value = _text(records[0].get("value")) if records else ""
            value = value or self.backend.company_id.partner_id.tz or "UTC"
            _zone(value)
            self.cache["timezone"] = {"id": "0", "name": "PS_TIMEZONE", "value": value}
        return self.cache["timezone"]

    # ------------------------------------------------------- contract

    def test_connection(self):
        root = self._get("")
        api = root.get("api") if isinstance(root.get("api"), dict) else {}
        if "orders" not in api:
            raise PlatformError(_lt("The webservice key does not give access to the orders: "
                                    "allow GET on orders, customers, addresses, countries, "
                                    "states, carriers, currencies, order_states, "
                                    "order_payments, order_cart_rules and configurations."))
        return _lt("Connected to the PrestaShop shop %(name)s.",
                   name=api.get("@shopName") or self.base_url)

    def fetch_orders(self, since, until):
        zone = _zone(self._timezone()["value"])

        def local(moment):
            return moment.replace(tzinfo=timezone.utc).astimezone(zone).strftime(DATE_FORMAT)

        low, high = local(since), local(until)
        offset = 0
        seen = set()
        while True:
            root = self._get("orders", {
                "display": "full",
                "filter[date_upd]": f"[{low},{high}]",
                "date": "1",
                "sort": "[date_upd_ASC,id_ASC]",
                "limit": f"{offset},{self.page_size}",
            })
            orders = _records(root, "order")
            fresh = [o for o in orders if _text(o.get("id")) not in seen]
            for external_id, payload in self._bundles(fresh):
                seen.add(external_id)
                yield external_id, payload
            if len(orders) < self.page_size:
                break
            last = _text(orders[-1].get("date_upd"))
            if last > low:
                low, offset = last, 0
            else:
                offset += self.page_size

    def _bundles(self, orders):
        """``(id, payload)`` of each order with what it refers to."""
        if not orders:
            return []
        for order in orders:
            if not _text(order.get("id")):
                raise PlatformError(_lt("PrestaShop sent an order without an id."))
        customers = self._get_by_ids("customer", [_text(o.get("id_customer")) for o in orders])
        addresses = self._get_by_ids("address", [
            _text(o.get(key)) for o in orders
            for key in ("id_address_delivery", "id_address_invoice")])
        countries = self._cached("country", [_text(a.get("id_country"))
                                             for a in addresses.values()])
        regions = self._cached("state", [_text(a.get("id_state")) for a in addresses.values()])
        carriers = self._cached("carrier", [_text(o.get("id_carrier")) for o in orders])
        currencies = self._cached("currency", [_text(o.get("id_currency")) for o in orders])
        states = self._order_states()
        configuration = self._timezone()
        references = sorted({_text(o.get("reference")) for o in orders} - {""})
        rules = {}
        if any(to_decimal(_text(o.get("total_discounts_tax_incl")), "discounts")
               for o in orders):
            order_ids = "|".join(_text(o.get("id")) for o in orders)
            root = self._get("order_cart_rules", {"display": "full",
                                                  "filter[id_order]": f"[{order_ids}]"})
            for rule in _records(root, "order_cart_rule"):
                rules.setdefault(_text(rule.get("id_order")), []).append(rule)
        payments = {}
        if references:
            root = self._get("order_payments", {
                "display": "full", "filter[order_reference]": f"[{'|'.join(references)}]"})
            for payment in _records(root, "order_payment"):
                payments.setdefault(_text(payment.get("order_reference")), []).append(payment)
        result = []
        for order in orders:
            order_addresses = []
            for key in ("id_address_delivery", "id_address_invoice"):
                address = addresses.get(_text(order.get(key)))
                if address and address not in order_addresses:
                    order_addresses.append(address)
            bundle = {
                "@xmlns:xlink": XLINK,
                "order": order,
                "customer": customers.get(_text(order.get("id_customer"))),
                "address": order_addresses,
                "country": [c for c in (countries.get(_text(a.get("id_country")))
                                        for a in order_addresses) if c],
                "state": [r for r in (regions.get(_text(a.get("id_state")))
                                      for a in order_addresses) if r],
                "carrier": carriers.get(_text(order.get("id_carrier"))),
                "currency": currencies.get(_text(order.get("id_currency"))),
                "order_state": states.get(_text(order.get("current_state"))),
                "order_payment": payments.get(_text(order.get("reference")), []),
                "order_cart_rule": rules.get(_text(order.get("id")), []),
                "configuration": [configuration],
            }
            bundle = {key: value for key, value in bundle.items() if value not in (None, [])}
            result.append((_text(order.get("id")),
                           xmltodict.unparse({"prestashop": bundle}, full_document=True)))
        return result

    def split_payload(self, payload, content_type):
        root = self._parse(payload)
        if "order" in root:
            orders = _records(root, "order")
            if len(orders) == 1:
                return [(_text(orders[0].get("id")), payload)]
        else:
            orders = _records(root.get("orders"), "order")
        return [(_text(order.get("id")), xmltodict.unparse(
            {"prestashop": {"@xmlns:xlink": XLINK, "order": order}}, full_document=True))
            for order in orders]

    @staticmethod
    def _parse(payload):
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

    # --------------------------------------------------------- mapping

    def map_order(self, payload):
        root = self._parse(payload)
        orders = _records(root, "order")
        if len(orders) != 1:
            raise PlatformError(_lt("The PrestaShop document holds %(count)s orders instead "
                                    "of one.", count=len(orders)))
        if "customer" not in root and "address" not in root:
            # a bare order: read what it refers to from the shop
            root = self._parse(self._bundles(orders)[0][1])
        order = orders[0]
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
        zone = _zone(next((_text(c.get("value")) for c in _records(root, "configuration")
                           if _text(c.get("name")) == "PS_TIMEZONE"), "") or "UTC")

        def address(key):
            data = addresses.get(_text(order.get(key)))
            if not data:
                return None
            country = countries.get(_text(data.get("id_country")))
            region = regions.get(_text(data.get("id_state"))) or {}
            return {
                "name": " ".join(filter(None, [_text(data.get("firstname")),
                                               _text(data.get("lastname"))])),
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
                "code": _text(carrier.get("external_module_name")) or _text(
                    carrier.get("id_reference")) or _text(order.get("id_carrier")),
                "name": _text(carrier.get("name")),
                "amount": to_decimal(_text(order.get("total_shipping_tax_incl")), "shipping"),
                "tax_rate": clean_rate(to_decimal(_text(order.get("carrier_tax_rate")),
                                                  "carrier tax rate")),
            }
        total = _text(order.get("total_paid_tax_incl")) or _text(order.get("total_paid"))
        paid_amount = sum((to_decimal(_text(p.get("amount")), "payment") for p in payments),
                          Decimal(0))
        templates = {_text(lang_text) for lang_text in (
            (state.get("template") or {}).get("language") or []
            if isinstance(state.get("template"), dict) else [])}
        vat = (billing or {}).get("vat") or (delivery or {}).get("vat") or ""
        return {
            "external_id": _text(order.get("id")),
            "reference": _text(order.get("reference")),
            "date_order": _to_utc(_text(order.get("date_add")), zone),
            "currency": _text(currencies[0].get("iso_code")) if currencies else "",
            "prices_include_tax": True,
            "status": _translated(state.get("name"), lang) or _text(order.get("current_state")),
            "paid": _text(state.get("paid")) == "1" or _text(order.get("valid")) == "1" or bool(
                total and paid_amount and paid_amount >= to_decimal(total, "order total")),
            "authorized": False,
            "cancelled": "order_canceled" in templates,
            "payment_method": _text(order.get("module")) or _text(order.get("payment")),
            "note": "",
            "customer": {
                "external_id": "" if _text(customer.get("is_guest")) == "1"
                else _text(order.get("id_customer")),
                "email": _text(customer.get("email")),
                "name": " ".join(filter(None, [_text(customer.get("firstname")),
                                               _text(customer.get("lastname"))])),
                "company": _text(customer.get("company")) or (billing or {}).get("company"),
                "vat": vat,
                "phone": (billing or {}).get("phone"),
            },
            "billing_address": billing,
            "shipping_address": delivery,
            "lines": lines,
            "shipping": shipping,
            "discounts": self._discounts(discount, lines, shipping,
                                         _records(root, "order_cart_rule")),
            "total": total,
        }

    @staticmethod
    def _lines(order):
        associations = order.get("associations") or {}
        if not isinstance(associations, dict):
            raise PlatformError(_lt("The PrestaShop order's associations are not XML "
                                    "elements."))
        lines = []
        for row in _records(associations.get("order_rows"), "order_row"):
            qty = to_decimal(_text(row.get("product_quantity")), "quantity")
            incl = to_decimal(_text(row.get("unit_price_tax_incl")), "unit price")
            excl = to_decimal(_text(row.get("unit_price_tax_excl")), "unit price")
            lines.append({
                "external_id": _text(row.get("id")),
                "sku": _text(row.get("product_reference")),
                "barcode": _text(row.get("product_ean13")),
                "name": _text(row.get("product_name")),
                "quantity": qty,
                "price_unit": incl.quantize(Decimal("0.0001")),
                "tax_rate": nearest_rate((incl - excl) * abs(qty), excl * abs(qty))
                if excl > 0 else Decimal(0),
                "discount": Decimal(0),
            })
        return lines

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
                line["price_unit"] * line["quantity"])
        base = sum(by_rate.values(), Decimal(0))
        if base <= 0:
            raise PlatformError(_lt("The order has discounts but no product amount."))
        shares = {rate: (discount * amount / base).quantize(CENT, rounding=ROUND_HALF_UP)
                  for rate, amount in by_rate.items()}
        largest = max(by_rate, key=lambda rate: by_rate[rate])
        shares[largest] += discount - sum(shares.values(), Decimal(0))
        return [{"name": "", "amount": amount, "tax_rate": rate}
                for rate, amount in sorted(shares.items()) if amount]
