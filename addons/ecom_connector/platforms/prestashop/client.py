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
currencies, order_states, order_payments, order_cart_rules (``order_discounts``
before PrestaShop 1.7) and, for the time zone, configurations. The stored
payload is the order with all it refers to, so that it can be processed and
replayed without the shop::

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

The shop's version comes with every answer (``PSWS-Version`` header); it is
kept on the shop (``shop_version``), read again by Test Connection.  It tells
where the vouchers of the orders are: PrestaShop 1.6 has no
``order_cart_rules`` resource (it answers "Resource of type ... does not
exists") but ``order_discounts``, which answers the same ``OrderCartRule``
records (``<order_cart_rules><order_cart_rule>``, named after their table).
Without a known version, the resources the API root lists decide.

Mapping: the row tax rate is derived from ``unit_price_tax_incl`` /
``unit_price_tax_excl`` (rounded to the nearest usual VAT rate); cart rules
(``total_discounts_tax_incl``, named by ``order_cart_rules``) are split over
the rates of the products in proportion of their amounts, as PrestaShop splits
them, but for free shipping, at the carrier's rate; gift wrapping
(``total_wrapping_tax_incl``) is a charge on the shop's gift wrapping product,
at the rate of its amounts with and without tax; the carrier's code is
its module name (``external_module_name``) or else its ``id_reference``; the
payment method is the payment module (``ps_checkout``, ``ps_wirepayment``,
``ps_cashondelivery``...); the order's state name is its status, paid when the
state is a paid one, the order is ``valid`` or its payments cover its total,
cancelled when the state is PrestaShop's cancellation (template
``order_canceled``).
"""

from datetime import timezone

import xmltodict

from odoo.tools import LazyTranslate

from ..base import HttpClient, PlatformError, UnreadableOrder, parse_utc
from ..canonical import to_decimal
from . import exporter as out
from .mapper import DATE_FORMAT, PLURALS, XLINK, parse_document, records, text, zone_info

_lt = LazyTranslate(__name__)

PAGE_SIZE = 50
#: the first version whose webservice names the vouchers ``order_cart_rules``
CART_RULES_SINCE = (1, 7)


def version_tuple(version):
    """``"1.6.1.24"`` → ``(1, 6, 1, 24)``; ``()`` when unreadable."""
    parts = []
    for part in str(version or "").strip().split("."):
        if not part.isdigit():
            break
        parts.append(int(part))
    return tuple(parts)


class PrestaShopClient(HttpClient):
    #: orders per page
    page_size = PAGE_SIZE

    def __init__(self, backend, interactive=False):
        super().__init__(backend, interactive=interactive)
        # look-ups of one import run: {resource: {id: record}}
        self.cache = {
            "country": {},
            "state": {},
            "carrier": {},
            "currency": {},
            "order_state": None,
            "timezone": {},
            "api": None,
        }
        #: the version the shop's last answer named (``PSWS-Version``)
        self.shop_version = ""

    def _auth(self):
        return {}, (self.backend.api_key or "", ""), {}

    # ------------------------------------------------------------ HTTP

    def _get(self, resource, params=None):
        response = self.request("GET", f"{self.base_url}/api/{resource}", params=params)
        self._remember_version(response)
        root = parse_document(response.content)
        errors = records(root.get("errors"), "error") if root.get("errors") else []
        if errors:
            raise PlatformError(
                _lt(
                    "PrestaShop answered: %(errors)s",
                    errors="; ".join(text(e.get("message")) for e in errors)[:300],
                )
            )
        return root

    def _remember_version(self, response):
        """Keep the shop's version on the shop when it changed (an upgrade
        between two imports is seen by the next one)."""
        version = (response.headers.get("PSWS-Version") or "").strip()[:32]
        if not version:
            return
        self.shop_version = version
        if self.backend.shop_version != version:
            self.backend.shop_version = version

    def _api(self):
        """The API root: what the key may read (once a run)."""
        if self.cache["api"] is None:
            api = self._get("").get("api")
            self.cache["api"] = api if isinstance(api, dict) else {}
        return self.cache["api"]

    def _discount_resource(self):
        """``order_cart_rules`` (1.7 and later) or ``order_discounts`` (1.6)."""
        version = version_tuple(self.backend.shop_version or self.shop_version)
        if version:
            return "order_cart_rules" if version >= CART_RULES_SINCE else "order_discounts"
        api = self._api()
        if "order_discounts" in api and "order_cart_rules" not in api:
            return "order_discounts"
        return "order_cart_rules"

    def _get_by_ids(self, resource, ids):
        """``{id: record}`` of ``resource`` for ``ids``, in one request."""
        ids = sorted({i for i in ids if i and i != "0"}, key=lambda i: (len(i), i))
        if not ids:
            return {}
        root = self._get(
            PLURALS.get(resource, f"{resource}s"),
            {"display": "full", "filter[id]": f"[{'|'.join(ids)}]"},
        )
        return {text(r.get("id")): r for r in records(root, resource)}

    def _cached(self, resource, ids):
        cache = self.cache[resource]
        missing = {i for i in ids if i and i != "0" and i not in cache}
        if missing:
            cache.update(self._get_by_ids(resource, missing))
        return cache

    def _order_states(self):
        if self.cache["order_state"] is None:
            root = self._get("order_states", {"display": "full"})
            self.cache["order_state"] = {text(r.get("id")): r for r in records(root, "order_state")}
        return self.cache["order_state"]

    def _timezone(self):
        """The shop's ``PS_TIMEZONE`` configuration record (once a run)."""
        if not self.cache["timezone"]:
            found = []
            # a key may not be allowed to read the configuration: the API root
            # lists what it may read; then the company's time zone is used
            if "configurations" in self._api():
                root = self._get(
                    "configurations", {"display": "full", "filter[name]": "PS_TIMEZONE"}
                )
                found = records(root, "configuration")
            value = text(found[0].get("value")) if found else ""
            value = value or self.backend.company_id.partner_id.tz or "UTC"
            zone_info(value)
            self.cache["timezone"] = {"id": "0", "name": "PS_TIMEZONE", "value": value}
        return self.cache["timezone"]

    # ------------------------------------------------------- contract

    def test_connection(self):
        # the version comes with the answer: read again at each test
        self.backend.shop_version = False
        api = self._api()
        if "orders" not in api:
            raise PlatformError(
                _lt(
                    "The webservice key does not give access to the orders: "
                    "allow GET on orders, customers, addresses, countries, "
                    "states, carriers, currencies, order_states, "
                    "order_payments, order_cart_rules (order_discounts on PrestaShop 1.6) "
                    "and configurations."
                )
            )
        if self.shop_version:
            return _lt(
                "Connected to the PrestaShop %(version)s shop %(name)s.",
                name=api.get("@shopName") or self.base_url,
                version=self.shop_version,
            )
        return _lt(
            "Connected to the PrestaShop shop %(name)s.", name=api.get("@shopName") or self.base_url
        )

    def fetch_orders(self, since, until):
        zone = zone_info(self._timezone()["value"])

        def local(moment):
            return moment.replace(tzinfo=timezone.utc).astimezone(zone).strftime(DATE_FORMAT)

        low, high = local(since), local(until)
        offset = 0
        seen = set()
        while True:
            root = self._get(
                "orders",
                {
                    "display": "full",
                    "filter[date_upd]": f"[{low},{high}]",
                    "date": "1",
                    "sort": "[date_upd_ASC,id_ASC]",
                    "limit": f"{offset},{self.page_size}",
                },
            )
            orders = records(root, "order")
            fresh = [o for o in orders if text(o.get("id")) not in seen]
            for external_id, payload in self.bundles(fresh):
                seen.add(external_id)
                yield external_id, payload
            if orders:
                self.checkpoint = parse_utc(text(orders[-1].get("date_upd")), zone)
            if len(orders) < self.page_size:
                break
            last = text(orders[-1].get("date_upd"))
            if last > low:
                low, offset = last, 0
            else:
                offset += self.page_size

    def bundles(self, orders):
        """``(id, payload)`` of each order with what it refers to."""
        if not orders:
            return []
        for order in orders:
            if not text(order.get("id")):
                raise PlatformError(_lt("PrestaShop sent an order without an id."))
        customers = self._get_by_ids("customer", [text(o.get("id_customer")) for o in orders])
        addresses = self._get_by_ids(
            "address",
            [
                text(o.get(key))
                for o in orders
                for key in ("id_address_delivery", "id_address_invoice")
            ],
        )
        countries = self._cached("country", [text(a.get("id_country")) for a in addresses.values()])
        regions = self._cached("state", [text(a.get("id_state")) for a in addresses.values()])
        carriers = self._cached("carrier", [text(o.get("id_carrier")) for o in orders])
        currencies = self._cached("currency", [text(o.get("id_currency")) for o in orders])
        states = self._order_states()
        configuration = self._timezone()
        references = sorted({text(o.get("reference")) for o in orders} - {""})
        rules = {}
        if any(to_decimal(text(o.get("total_discounts_tax_incl")), "discounts") for o in orders):
            order_ids = "|".join(text(o.get("id")) for o in orders)
            root = self._get(
                self._discount_resource(),
                {"display": "full", "filter[id_order]": f"[{order_ids}]"},
            )
            for rule in records(root, "order_cart_rule") or records(root, "order_discount"):
                rules.setdefault(text(rule.get("id_order")), []).append(rule)
        payments = {}
        if references:
            root = self._get(
                "order_payments",
                {"display": "full", "filter[order_reference]": f"[{'|'.join(references)}]"},
            )
            for payment in records(root, "order_payment"):
                payments.setdefault(text(payment.get("order_reference")), []).append(payment)
        result = []
        for order in orders:
            order_addresses = []
            for key in ("id_address_delivery", "id_address_invoice"):
                address = addresses.get(text(order.get(key)))
                if address and address not in order_addresses:
                    order_addresses.append(address)
            bundle = {
                "@xmlns:xlink": XLINK,
                "order": order,
                "customer": customers.get(text(order.get("id_customer"))),
                "address": order_addresses,
                "country": [
                    c
                    for c in (countries.get(text(a.get("id_country"))) for a in order_addresses)
                    if c
                ],
                "state": [
                    r for r in (regions.get(text(a.get("id_state"))) for a in order_addresses) if r
                ],
                "carrier": carriers.get(text(order.get("id_carrier"))),
                "currency": currencies.get(text(order.get("id_currency"))),
                "order_state": states.get(text(order.get("current_state"))),
                "order_payment": payments.get(text(order.get("reference")), []),
                "order_cart_rule": rules.get(text(order.get("id")), []),
                "configuration": [configuration],
            }
            bundle = {key: value for key, value in bundle.items() if value not in (None, [])}
            payload = xmltodict.unparse({"prestashop": bundle}, full_document=True)
            missing = self._missing(order, bundle)
            if missing:
                # kept bare: processed again (Retry), it is completed from the shop
                bare = {"@xmlns:xlink": XLINK, "order": order}
                payload = UnreadableOrder(
                    xmltodict.unparse({"prestashop": bare}, full_document=True),
                    _lt(
                        "it refers to records the shop does not send (deleted at the shop, "
                        "or not readable with the webservice key): %(records)s",
                        records=", ".join(missing),
                    ),
                )
            result.append((text(order.get("id")), payload))
        return result

    @staticmethod
    def _missing(order, bundle):
        """What an order refers to and the shop did not send: ``["carrier 9",
        "state 99"]``; empty when the bundle is whole."""
        missing = []

        def check(kind, wanted, found):
            have = {text(record.get("id")) for record in found if isinstance(record, dict)}
            missing.extend(f"{kind} {i}" for i in wanted if i not in ("", "0") and i not in have)

        addresses = bundle.get("address") or []
        check("customer", [text(order.get("id_customer"))], [bundle.get("customer") or {}])
        check(
            "address",
            sorted({text(order.get(k)) for k in ("id_address_delivery", "id_address_invoice")}),
            addresses,
        )
        check(
            "country", [text(a.get("id_country")) for a in addresses], bundle.get("country") or []
        )
        check("state", [text(a.get("id_state")) for a in addresses], bundle.get("state") or [])
        check("carrier", [text(order.get("id_carrier"))], [bundle.get("carrier") or {}])
        check("currency", [text(order.get("id_currency"))], [bundle.get("currency") or {}])
        return missing

    # ------------------------------------------------------------ outbound

    def _out(self, method, resource, params=None, body=None):
        """An outbound request; PrestaShop's XML errors become the message."""
        response = self.request(
            method,
            f"{self.base_url}/api/{resource}",
            params=params,
            data=body.encode() if body else None,
            headers={"Content-Type": "application/xml"} if body else None,
        )
        root = out.parse(response.content)
        errors = out.errors_of(root)
        if errors:
            raise PlatformError(
                _lt("PrestaShop answered: %(errors)s", errors="; ".join(errors)[:300])
            )
        return root

    def _error_detail(self, response):
        """PrestaShop's own words: the messages of its XML error body."""
        try:
            errors = out.errors_of(out.parse(response.content))
        except PlatformError:
            errors = []
        return "; ".join(errors)[:300] if errors else super()._error_detail(response)

    def out_list(self, resource, singular, params):
        root = self._out("GET", resource, dict(params, display="full"))
        return out.records(root, resource, singular)

    def out_get(self, resource, singular, record_id):
        root = self._out("GET", f"{resource}/{record_id}")
        found = root.get(singular) or []
        if not found:
            raise PlatformError(
                _lt("PrestaShop has no %(what)s %(id)s.", what=singular, id=record_id)
            )
        return found[0]

    def out_put(self, resource, singular, record, params=None):
        return self._out(
            "PUT",
            f"{resource}/{out.text_of(record.get('id'))}",
            params,
            out.document(singular, record),
        )

    def out_post(self, resource, body, params=None):
        return self._out("POST", resource, params, body)
