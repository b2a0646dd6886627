# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PrestaShop webservice as documented (devdocs.prestashop-project.org,
webservice reference, 1.7 / 8.x): XML under ``/api/<resource>``, the
webservice key as HTTP Basic user, ``display=full`` or ``display=[fields]``,
``filter[field]=[a,b]`` intervals (``date=1`` for date-times), ``[a|b]``
alternatives, ``sort=[field_ASC,...]``, ``limit=offset,count``, multilingual
fields as ``<language id="1">``, ``xlink:href`` links, and errors as
``<prestashop><errors><error><code/><message/></error></errors></prestashop>``.
Dates are written in the shop's time zone (``PS_TIMEZONE``, Europe/Paris).
Every answer names the version in a ``PSWS-Version`` header; a server made
with ``version="1.6.1.24"`` acts as a PrestaShop 1.6 shop: no
``order_cart_rules`` resource (400, error 22, as PrestaShop answers an
unknown resource) but ``order_discounts``, which answers the same
``OrderCartRule`` records under their table's name.
"""

import base64
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import xmltodict

from .base import Response, ShopServer
from .catalogue import CUSTOMERS, order_plan, q

WS_KEY = "ZQ88PRJX5VWQHCWE4EE7SQ7HPNX00RAJ"
START = datetime(2026, 11, 20, 8, 0, 0)  # UTC
SHOP_ZONE = ZoneInfo("Europe/Paris")
XLINK = "http://www.w3.org/1999/xlink"
COUNTRIES = {"DE": "1", "BE": "3", "FR": "8"}
COUNTRY_NAMES = {"DE": "Allemagne", "BE": "Belgique", "FR": "France"}
# id: (name, paid, template)
ORDER_STATES = {
    "2": ("Paiement accepté", "1", "payment"),
    "6": ("Annulé", "0", "order_canceled"),
    "10": ("En attente de virement bancaire", "0", "bankwire"),
}
RESOURCES = (
    "orders",
    "customers",
    "addresses",
    "countries",
    "carriers",
    "currencies",
    "order_states",
    "order_payments",
    "order_cart_rules",
    "configurations",
    "states",
)


def _local(moment):
    """A UTC naive datetime as PrestaShop writes it, in the shop's zone."""
    return moment.replace(tzinfo=timezone.utc).astimezone(SHOP_ZONE).strftime("%Y-%m-%d %H:%M:%S")


def _dec(value, places=6):
    return f"{Decimal(value):.{places}f}"


def _lang(text):
    return {"language": [{"@id": "1", "@xlink:href": "/api/languages/1", "#text": text}]}


def _link(resource, value):
    return {"@xlink:href": f"/api/{resource}/{value}", "#text": str(value)}


def customer_id(customer):
    return "105" if customer[0] == "0" else customer[0]


def prestashop_order(index, lines_per_order=3, updated=None):
    """A PrestaShop order (``display=full``) from :func:`order_plan`.  The
    catalogue's line discounts are a cart rule of the order, as a PrestaShop
    voucher is."""
    plan = order_plan(index, lines_per_order)
    customer = plan["customer"]
    created = START + timedelta(minutes=index)
    cid = customer_id(customer)
    rows = []
    for number, line in enumerate(plan["lines"], start=1):
        rate = line["rate"]
        rows.append(
            {
                "id": str(index * 100 + number),
                "product_id": str(10 + number),
                "product_attribute_id": "0",
                "product_quantity": str(line["qty"]),
                "product_name": line["name"],
                "product_reference": line["sku"],
                "product_ean13": line["barcode"],
                "product_isbn": None,
                "product_upc": None,
                "product_price": _dec(line["price"] * 100 / (100 + rate)),
                "id_customization": "0",
                "unit_price_tax_incl": _dec(line["price"]),
                "unit_price_tax_excl": _dec(line["price"] * 100 / (100 + rate)),
            }
        )
    products_incl = sum((q(line["price"] * line["qty"]) for line in plan["lines"]), Decimal(0))
    discount = sum((line["discount"] for line in plan["lines"]), Decimal(0))
    ship = plan["shipping"]
    ship_excl = q(ship["amount"] * 100 / (100 + ship["rate"]))
    total = plan["total"]
    return {
        "id": str(40 + index),
        "id_address_delivery": _link("addresses", 500 + int(cid)),
        "id_address_invoice": _link("addresses", 500 + int(cid)),
        "id_cart": _link("carts", 70 + index),
        "id_currency": _link("currencies", 1),
        "id_lang": _link("languages", 1),
        "id_customer": _link("customers", cid),
        "id_carrier": _link("carriers", 2),
        "current_state": _link("order_states", 2 if plan["paid"] else 10),
        "module": "ps_checkout" if plan["paid"] else "ps_wirepayment",
        "invoice_number": str(index + 1) if plan["paid"] else "0",
        "invoice_date": _local(created) if plan["paid"] else "0000-00-00 00:00:00",
        "delivery_number": "0",
        "delivery_date": "0000-00-00 00:00:00",
        "valid": "1" if plan["paid"] else "0",
        "date_add": _local(created),
        "date_upd": _local(updated or created),
        "shipping_number": None,
        "id_shop_group": "1",
        "id_shop": "1",
        "secure_key": f"{index:032x}",
        "payment": "Carte bancaire" if plan["paid"] else "Virement bancaire",
        "recyclable": "0",
        "gift": "0",
        "gift_message": None,
        "mobile_theme": "0",
        "total_discounts": _dec(discount),
        "total_discounts_tax_incl": _dec(discount),
        "total_discounts_tax_excl": _dec(discount),  # not used by the connector
        "total_paid": _dec(total),
        "total_paid_tax_incl": _dec(total),
        "total_paid_tax_excl": _dec(total),  # not used by the connector
        "total_paid_real": _dec(total if plan["paid"] else 0),
        "total_products": _dec(products_incl),
        "total_products_wt": _dec(products_incl),
        "total_shipping": _dec(ship["amount"]),
        "total_shipping_tax_incl": _dec(ship["amount"]),
        "total_shipping_tax_excl": _dec(ship_excl),
        "carrier_tax_rate": f"{ship['rate']:.3f}",
        "total_wrapping": _dec(0),
        "total_wrapping_tax_incl": _dec(0),
        "total_wrapping_tax_excl": _dec(0),
        "round_mode": "2",
        "round_type": "2",
        "conversion_rate": _dec(1),
        "reference": f"XKBK{index:05d}",
        "associations": {
            "order_rows": {"@nodeType": "order_row", "@virtualEntity": "true", "order_row": rows}
        },
    }


def prestashop_shop(count, lines_per_order=3):
    """Every resource of a shop with ``count`` orders: {resource: {id: record}}."""
    data = {name: {} for name in RESOURCES}
    for customer in CUSTOMERS:
        ext_id, first, last, company, vat, email, street, zip_code, city, country = customer
        cid = customer_id(customer)
        data["customers"][cid] = {
            "id": cid,
            "id_default_group": "3",
            "id_lang": "1",
            "newsletter": "0",
            "lastname": last,
            "firstname": first,
            "email": email,
            "company": company or None,
            "is_guest": "1" if ext_id == "0" else "0",
            "active": "1",
            "date_add": "2025-03-01 10:00:00",
            "date_upd": "2025-03-01 10:00:00",
        }
        data["addresses"][str(500 + int(cid))] = {
            "id": str(500 + int(cid)),
            "id_customer": _link("customers", cid),
            "id_manufacturer": "0",
            "id_supplier": "0",
            "id_warehouse": "0",
            "id_country": _link("countries", COUNTRIES[country]),
            "id_state": _link("states", 7) if country == "DE" else "0",
            "alias": "Mon adresse",
            "company": company or None,
            "lastname": last,
            "firstname": first,
            "vat_number": vat or None,
            "address1": street,
            "address2": None,
            "postcode": zip_code,
            "city": city,
            "other": None,
            "phone": None,
            "phone_mobile": "06 12 34 56 78",
            "dni": None,
            "deleted": "0",
        }
    for code, country_id in COUNTRIES.items():
        data["countries"][country_id] = {
            "id": country_id,
            "id_zone": "1",
            "id_currency": "0",
            "iso_code": code,
            "call_prefix": "33",
            "active": "1",
            "contains_states": "0",
            "need_identification_number": "0",
            "need_zip_code": "1",
            "name": _lang(COUNTRY_NAMES[code]),
        }
    data["states"]["7"] = {
        "id": "7",
        "id_zone": "1",
        "id_country": _link("countries", COUNTRIES["DE"]),
        "iso_code": "BW",
        "name": "Baden-Württemberg",
        "active": "1",
    }
    data["carriers"]["2"] = {
        "id": "2",
        "deleted": "0",
        "is_module": "1",
        "id_tax_rules_group": "1",
        "id_reference": "2",
        "name": "Colissimo Domicile",
        "active": "1",
        "is_free": "0",
        "url": "https://www.laposte.fr/outils/suivre-vos-envois?code=@",
        "shipping_handling": "0",
        "shipping_external": "1",
        "range_behavior": "0",
        "shipping_method": "2",
        "external_module_name": "colissimo",
        "need_range": "1",
        "grade": "0",
        "position": "1",
        "delay": _lang("Livraison en 48 h"),
    }
    data["currencies"]["1"] = {
        "id": "1",
        "names": _lang("Euro"),
        "name": "Euro",
        "symbol": _lang("€"),
        "iso_code": "EUR",
        "numeric_iso_code": "978",
        "precision": "2",
        "conversion_rate": _dec(1),
        "deleted": "0",
        "active": "1",
    }
    for state_id, (name, paid, template) in ORDER_STATES.items():
        data["order_states"][state_id] = {
            "id": state_id,
            "unremovable": "1",
            "delivery": "0",
            "hidden": "0",
            "send_email": "1",
            "module_name": None,
            "invoice": paid,
            "color": "#32CD32",
            "logable": paid,
            "shipped": "0",
            "paid": paid,
            "pdf_delivery": "0",
            "pdf_invoice": paid,
            "deleted": "0",
            "name": _lang(name),
            "template": _lang(template),
        }
    data["configurations"]["31"] = {
        "id": "31",
        "value": "Europe/Paris",
        "name": "PS_TIMEZONE",
        "id_shop_group": None,
        "id_shop": None,
        "date_add": "2025-03-01 10:00:00",
        "date_upd": "2025-03-01 10:00:00",
    }
    for index in range(count):
        order = prestashop_order(index, lines_per_order)
        data["orders"][order["id"]] = order
        if Decimal(order["total_discounts_tax_incl"]):
            rule_id = str(600 + index)
            data["order_cart_rules"][rule_id] = {
                "id": rule_id,
                "id_order": order["id"],
                "id_cart_rule": "3",
                "id_order_invoice": "0",
                "name": "Code BIENVENUE10",
                "value": order["total_discounts_tax_incl"],
                "value_tax_excl": order["total_discounts_tax_excl"],
                "free_shipping": "0",
                "deleted": "0",
            }
        if order["valid"] == "1":
            payment_id = str(900 + index)
            data["order_payments"][payment_id] = {
                "id": payment_id,
                "order_reference": order["reference"],
                "id_currency": _link("currencies", 1),
                "amount": order["total_paid"],
                "payment_method": "Carte bancaire",
                "conversion_rate": _dec(1),
                "transaction_id": f"ch_{index:012d}",
                "card_number": None,
                "card_brand": None,
                "card_expiration": None,
                "card_holder": None,
                "date_add": order["date_add"],
            }
    return data


def _value(field):
    if isinstance(field, dict):
        return field.get("#text") or ""
    return "" if field is None else str(field)


SINGULAR = {"addresses": "address", "countries": "country", "currencies": "currency"}
PERMISSION_DENIED = 'Resource of type "%s" is not allowed with this authentication key'


class PrestaShopServer(ShopServer):
    """Serves ``data`` as :func:`prestashop_shop` builds it.  ``on_page`` is
    called after each order page is built (to update an order while the
    connector pages).  ``denied`` lists the resources the key may not read."""

    def __init__(self, data, key=WS_KEY, version="1.7.8.11"):
        super().__init__()
        self.data = data
        self.key = key
        self.version = version
        self.on_page = None
        self.denied = set()

    def _xml(self, status, body):
        document = xmltodict.unparse(
            {"prestashop": dict({"@xmlns:xlink": XLINK}, **body)}, full_document=True
        )
        return Response(
            status,
            document,
            headers={"PSWS-Version": self.version, "Execution-Time": "0.012"},
            content_type="text/xml;charset=utf-8",
        )

    def _resources(self):
        """The resources this version of PrestaShop has."""
        if self.version.startswith("1.6"):
            return ["order_discounts" if name == "order_cart_rules" else name for name in RESOURCES]
        return list(RESOURCES)

    def _error(self, status, code, message):
        return self._xml(status, {"errors": {"error": [{"code": str(code), "message": message}]}})

    def _authorized(self, request):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Basic "):
            return False
        user, _sep, _password = base64.b64decode(auth[6:]).decode().partition(":")
        return user == self.key

    def route(self, request):
        match = re.match(r"^/api/?([a-z_]*)(?:/(\d+))?$", request.path)
        if not match or request.method != "GET":
            return None
        if not self._authorized(request):
            response = self._error(
                401,
                17,
                "Authentication key is empty"
                if not request.headers.get("Authorization")
                else "Invalid authentication key",
            )
            response.headers["WWW-Authenticate"] = (
                'Basic realm="Welcome to PrestaShop Webservice, please enter the '
                'authentication key as the login. No password required."'
            )
            return response
        resource, record_id = match.group(1), match.group(2)
        if not resource:
            return self._xml(
                200,
                {
                    "api": dict(
                        {"@shopName": "Maison du Thé"},
                        **{
                            name: {
                                "@xlink:href": f"/api/{name}",
                                "@get": "true",
                                "@put": "false",
                                "@post": "false",
                                "@delete": "false",
                                "@head": "true",
                            }
                            for name in self._resources()
                            if name not in self.denied
                        },
                    )
                },
            )
        if resource not in self._resources():
            if resource in RESOURCES or resource == "order_discounts":
                # what PrestaShop answers for a resource it does not have
                return self._error(
                    400,
                    22,
                    f'Resource of type "{resource}" does not exists. Did you mean: '
                    f'"order_carriers"? The full list is: "{", ".join(self._resources())}"',
                )
            return None
        if resource == "order_discounts":
            # 1.6: the same OrderCartRule records, named after their table
            return self._list(request, "order_cart_rules", "order_cart_rule")
        if resource in self.denied:
            return self._error(401, 26, PERMISSION_DENIED % resource)
        singular = SINGULAR.get(resource, resource[:-1])
        if record_id:
            record = self.data[resource].get(record_id)
            if record is None:
                return self._error(404, 87, f"There is no {singular} with id {record_id}")
            return self._xml(200, {singular: [record]})
        return self._list(request, resource, singular)

    def _list(self, request, resource, singular):
        known = {"display", "filter", "date", "sort", "limit", "output_format", "ws_key"}
        for name in request.query:
            if name.split("[")[0] not in known:
                return self._error(400, 18, f"The parameter {name} does not exist")
        records = list(self.data[resource].values())
        for name, values in request.query.items():
            match = re.fullmatch(r"filter\[(\w+)\]", name)
            if not match:
                continue
            field, value = match.group(1), values[0]
            if records and field not in records[0]:
                return self._error(400, 32, f"This filter does not exist: {field}")
            interval = re.fullmatch(r"\[([^,|\]]*),([^,|\]]*)\]", value)
            alternatives = re.fullmatch(r"\[([^\]]*)\]", value)
            if interval:
                low, high = interval.groups()
                if ":" in low + high and request.param("date") != "1":
                    return self._error(400, 33, "The date filter needs date=1 to read hours")
                records = [r for r in records if low <= _value(r[field]) <= high]
            elif alternatives:
                choices = set(alternatives.group(1).split("|"))
                records = [r for r in records if _value(r[field]) in choices]
            else:
                records = [r for r in records if _value(r[field]) == value]
        sort = request.param("sort")
        if sort:
            keys = re.fullmatch(r"\[([\w,]+)\]", sort)
            if not keys:
                return self._error(400, 34, "The sort parameter is invalid")
            for key in reversed(keys.group(1).split(",")):
                field, _sep, direction = key.rpartition("_")
                if direction not in ("ASC", "DESC") or (records and field not in records[0]):
                    return self._error(400, 34, f"Unable to sort by {key}")
                records.sort(
                    key=lambda r, f=field: int(_value(r[f])) if f == "id" else _value(r[f]),
                    reverse=direction == "DESC",
                )
        limit = request.param("limit")
        if limit:
            parts = limit.split(",")
            try:
                offset, count = (
                    (int(parts[0]), int(parts[1])) if len(parts) == 2 else (0, int(parts[0]))
                )
            except ValueError:
                return self._error(400, 35, "The limit parameter is invalid")
            records = records[offset : offset + count]
        if request.param("display") != "full":
            records = [
                {"@id": _value(r["id"]), "@xlink:href": f"/api/{resource}/{_value(r['id'])}"}
                for r in records
            ]
        if resource == "orders" and self.on_page:
            self.on_page()
        return self._xml(200, {resource: {singular: records} if records else None})
