# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce REST API v3 as documented (woocommerce.github.io/woocommerce-rest-api-docs):
``/wp-json/wc/v3/orders`` with ``page`` / ``per_page`` (1 to 100),
``modified_after`` / ``modified_before``, ``X-WP-Total`` / ``X-WP-TotalPages``
and ``Link`` headers, consumer key / secret in HTTP Basic auth, WordPress
REST error bodies (``code``, ``message``, ``data.status``)."""

import base64
import math
from datetime import datetime, timedelta
from decimal import Decimal

from .base import Response, ShopServer
from .catalogue import order_plan, q, tax_of

API = "/wp-json/wc/v3"
CONSUMER_KEY = "ck_4f1c0e7b2a9d8e6f5a4b3c2d1e0f9a8b7c6d5e4f"
CONSUMER_SECRET = "cs_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"
START = datetime(2026, 11, 20, 8, 0, 0)
RATE_IDS = {
    Decimal("20"): 1,
    Decimal("10"): 2,
    Decimal("5.5"): 3,
    Decimal("2.1"): 4,
    Decimal("21"): 5,
    Decimal("0"): 6,
}


def _money(value):
    return f"{Decimal(value):.2f}"


def woo_order(index, lines_per_order=3, modified=None):
    """A WooCommerce order (REST v3 shape) from :func:`order_plan`."""
    return woo_order_from_plan(index, order_plan(index, lines_per_order), modified=modified)


def woo_order_from_plan(index, plan, modified=None, created=None):
    """A WooCommerce order (REST v3 shape) of a plan shaped like
    :func:`order_plan`'s (the demo shop builds its own plans)."""
    ext_id, first, last, company, vat, email, street, zip_code, city, country = plan["customer"]
    created = created or START + timedelta(minutes=index)
    tax_totals = {}
    line_items = []
    for number, line in enumerate(plan["lines"], start=1):
        sub_incl = q(line["price"] * line["qty"])
        tot_incl = sub_incl - line["discount"]
        sub_tax, tot_tax = tax_of(sub_incl, line["rate"]), tax_of(tot_incl, line["rate"])
        rate_id = RATE_IDS[line["rate"]]
        tax_totals[rate_id] = tax_totals.get(rate_id, Decimal(0)) + tot_tax
        line_items.append(
            {
                "id": index * 100 + number,
                "name": line["name"],
                "product_id": 1000 + number,
                "variation_id": 0,
                "quantity": line["qty"],
                "tax_class": "",
                "subtotal": _money(sub_incl - sub_tax),
                "subtotal_tax": _money(sub_tax),
                "total": _money(tot_incl - tot_tax),
                "total_tax": _money(tot_tax),
                "taxes": [{"id": rate_id, "total": _money(tot_tax), "subtotal": _money(sub_tax)}]
                if line["rate"]
                else [],
                "sku": line["sku"],
                "price": float(line["price"]),
                "meta_data": [],
            }
        )
    ship = plan["shipping"]
    ship_tax = tax_of(ship["amount"], ship["rate"])
    ship_rate_id = RATE_IDS[ship["rate"]]
    tax_lines = [
        {
            "id": 9000 + rid,
            "rate_code": f"FR-TVA-{rid}",
            "rate_id": rid,
            "label": "TVA",
            "compound": False,
            "tax_total": _money(total),
            "shipping_tax_total": _money(ship_tax if rid == ship_rate_id else 0),
            "rate_percent": float(rate),
        }
        for rate, rid in RATE_IDS.items()
        if rid in tax_totals or (rid == ship_rate_id and ship["rate"])
        for total in [tax_totals.get(rid, Decimal(0))]
    ]
    discount_total = sum((line["discount"] for line in plan["lines"]), Decimal(0))
    total_tax = sum(tax_totals.values(), Decimal(0)) + ship_tax
    address = {
        "first_name": first,
        "last_name": last,
        "company": company,
        "address_1": street,
        "address_2": "",
        "city": city,
        "state": "",
        "postcode": zip_code,
        "country": country,
    }
    return {
        "id": 5000 + index,
        "parent_id": 0,
        "number": str(5000 + index),
        "order_key": f"wc_order_{index:08d}",
        "created_via": "checkout",
        "version": "9.4.1",
        "status": "processing" if plan["paid"] else "on-hold",
        "currency": "EUR",
        "date_created_gmt": created.strftime("%Y-%m-%dT%H:%M:%S"),
        "date_modified_gmt": (modified or created).strftime("%Y-%m-%dT%H:%M:%S"),
        "discount_total": _money(discount_total),
        "shipping_total": _money(ship["amount"] - ship_tax),
        "shipping_tax": _money(ship_tax),
        "total": _money(plan["total"]),
        "total_tax": _money(total_tax),
        "prices_include_tax": True,
        "customer_id": int(ext_id),
        "customer_note": "",
        "billing": dict(address, email=email, phone="+33 6 12 34 56 78"),
        "shipping": dict(address, phone=""),
        "payment_method": "stripe" if plan["paid"] else "bacs",
        "payment_method_title": "Carte bancaire" if plan["paid"] else "Virement bancaire",
        "transaction_id": f"pi_{index:010d}" if plan["paid"] else "",
        "date_paid_gmt": created.strftime("%Y-%m-%dT%H:%M:%S") if plan["paid"] else None,
        "meta_data": [{"id": 1, "key": "_billing_vat", "value": vat}] if vat else [],
        "line_items": line_items,
        "tax_lines": tax_lines,
        "shipping_lines": [
            {
                "id": index * 100 + 99,
                "method_title": ship["name"],
                "method_id": ship["code"],
                "instance_id": "3",
                "total": _money(ship["amount"] - ship_tax),
                "total_tax": _money(ship_tax),
                "taxes": [{"id": ship_rate_id, "total": _money(ship_tax)}] if ship["rate"] else [],
            }
        ],
        "fee_lines": [],
        "coupon_lines": [],
        "refunds": [],
    }


class WooCommerceServer(ShopServer):
    """Serves ``orders`` (a list of WooCommerce order dicts)."""

    def __init__(self, orders=(), key=CONSUMER_KEY, secret=CONSUMER_SECRET):
        super().__init__()
        self.orders = list(orders)
        self.key = key
        self.secret = secret
        self.updates = []

    def _authorized(self, request):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Basic "):
            return False
        user, _sep, password = base64.b64decode(auth[6:]).decode().partition(":")
        return (user, password) == (self.key, self.secret)

    @staticmethod
    def _error(status, code, message):
        return Response(status, {"code": code, "message": message, "data": {"status": status}})

    def route(self, request):
        if not request.path.startswith(API):
            return None
        if not self._authorized(request):
            return self._error(
                401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."
            )
        path = request.path[len(API) :]
        if path == "/orders" and request.method == "GET":
            return self._list(request)
        if path.startswith("/orders/"):
            order = next((o for o in self.orders if str(o["id"]) == path[8:]), None)
            if order is None:
                return self._error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
            if request.method == "GET":
                return Response(200, order)
            if request.method in ("PUT", "POST"):
                self.updates.append((order["id"], request.body))
                return Response(200, order)
        return None

    def _list(self, request):
        try:
            per_page = int(request.param("per_page", 10))
            page = int(request.param("page", 1))
        except ValueError:
            return self._error(400, "rest_invalid_param", "Invalid parameter(s): page")
        if not 1 <= per_page <= 100:
            return self._error(400, "rest_invalid_param", "Invalid parameter(s): per_page")
        after, before = request.param("modified_after"), request.param("modified_before")
        orders = [
            o
            for o in self.orders
            if (not after or o["date_modified_gmt"] > after)
            and (not before or o["date_modified_gmt"] <= before)
        ]
        reverse = request.param("order", "desc") == "desc"
        key = "date_modified_gmt" if request.param("orderby") == "modified" else "id"
        orders.sort(key=lambda o: (o[key], o["id"]), reverse=reverse)
        total = len(orders)
        pages = max(1, math.ceil(total / per_page))
        if page > pages and total:
            return self._error(
                400,
                "rest_post_invalid_page_number",
                "The page number requested is larger than the number of pages available.",
            )
        chunk = orders[(page - 1) * per_page : page * per_page]
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        if page < pages:
            headers["Link"] = f'<{API}/orders?page={page + 1}>; rel="next"'
        return Response(200, chunk, headers)
