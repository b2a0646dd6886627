# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 REST API as documented (developer.adobe.com/commerce/webapi/rest):
``GET /rest/V1/orders`` (also ``/rest/<store code>/V1/orders``) with
``searchCriteria[filterGroups][g][filters][f][field|value|conditionType]``
(filters of one group OR-ed, groups AND-ed), ``searchCriteria[sortOrders]``,
``pageSize`` / ``currentPage`` (a page beyond the end answers the last page
again), ``{items, search_criteria, total_count}``, ``Authorization: Bearer``
integration token, errors as ``{"message": ..., "parameters": ...}``.

Orders are built as a French Magento store with catalogue prices including
tax and discounts applied on prices including tax computes them."""

import re
from datetime import datetime, timedelta
from decimal import Decimal

from .base import Response, ShopServer
from .catalogue import order_plan, q, tax_of

ACCESS_TOKEN = "6p2q8rj1m0x4vt3kz9ybw7hn5sdcfgal"
PATH = re.compile(r"^/rest(?:/(?:default|all|[a-z0-9_]+))?/V1/(.+)$")
START = datetime(2026, 11, 20, 8, 0, 0)
FIELDS = {"updated_at", "created_at", "entity_id", "increment_id", "status", "state"}
CONDITIONS = {
    "eq": lambda a, b: a == b,
    "neq": lambda a, b: a != b,
    "gteq": lambda a, b: a >= b,
    "lteq": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "lt": lambda a, b: a < b,
    "from": lambda a, b: a >= b,
    "to": lambda a, b: a <= b,
}


def _n(value):
    """Magento's JSON numbers."""
    return float(Decimal(value))


def _date(dt):
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def magento_order(index, lines_per_order=3, updated=None):
    """A Magento 2 sales order (``salesOrderRepositoryV1``) from :func:`order_plan`.

    Kits are sold as a configurable product: a parent row with the child's
    SKU and the price, and the child row (``parent_item_id``) priced 0."""
    plan = order_plan(index, lines_per_order)
    ext_id, first, last, company, vat, email, street, zip_code, city, country = plan["customer"]
    created = START + timedelta(minutes=index)
    entity_id = 300 + index
    items = []
    item_id = entity_id * 100
    tax_total = Decimal(0)
    compensation_total = Decimal(0)
    for line in plan["lines"]:
        item_id += 1
        rate = line["rate"]
        row_incl = q(line["price"] * line["qty"])
        tax_before = tax_of(row_incl, rate)
        tax_after = tax_of(row_incl - line["discount"], rate)
        price_excl = q(line["price"] * 100 / (100 + rate))
        tax_total += tax_after
        compensation_total += tax_before - tax_after
        row = {
            "item_id": item_id,
            "order_id": entity_id,
            "parent_item_id": None,
            "product_id": 2000 + item_id % 100,
            "product_type": "configurable" if line["sku"] == "KIT-PLANT" else "simple",
            "sku": line["sku"],
            "name": line["name"],
            "qty_ordered": line["qty"],
            "qty_invoiced": line["qty"] if plan["paid"] else 0,
            "price": _n(price_excl),
            "base_price": _n(price_excl),
            "original_price": _n(line["price"]),
            "price_incl_tax": _n(line["price"]),
            "row_total": _n(row_incl - tax_before),
            "row_total_incl_tax": _n(row_incl),
            "tax_percent": _n(rate),
            "tax_amount": _n(tax_after),
            "discount_percent": 10 if line["discount"] else 0,
            "discount_amount": _n(line["discount"]),
            "discount_tax_compensation_amount": _n(tax_before - tax_after),
            "weight": 0.5,
            "created_at": _date(created),
            "updated_at": _date(created),
        }
        items.append(row)
        if row["product_type"] == "configurable":
            item_id += 1
            items.append(
                dict(
                    row,
                    item_id=item_id,
                    parent_item_id=row["item_id"],
                    product_type="simple",
                    name=f"{line['name']} - basilic",
                    price=0,
                    base_price=0,
                    original_price=0,
                    price_incl_tax=None,
                    row_total=0,
                    row_total_incl_tax=None,
                    tax_percent=0,
                    tax_amount=0,
                    discount_percent=0,
                    discount_amount=0,
                    discount_tax_compensation_amount=0,
                )
            )
    ship = plan["shipping"]
    ship_tax = tax_of(ship["amount"], ship["rate"])
    discount_total = sum((line["discount"] for line in plan["lines"]), Decimal(0))
    address = {
        "firstname": first,
        "lastname": last,
        "company": company or None,
        "street": [street],
        "city": city,
        "postcode": zip_code,
        "country_id": country,
        "region_code": None,
        "telephone": "+33 6 12 34 56 78",
        "email": email,
        "vat_id": vat or None,
    }
    total_paid = (
        {
            "total_paid": _n(plan["total"]),
            "base_total_paid": _n(plan["total"]),
            "total_invoiced": _n(plan["total"]),
        }
        if plan["paid"]
        else {}
    )
    order = {
        "entity_id": entity_id,
        "increment_id": f"{entity_id:09d}",
        "store_id": 1,
        "state": "processing" if plan["paid"] else "new",
        "status": "processing" if plan["paid"] else "pending",
        "created_at": _date(created),
        "updated_at": _date(updated or created),
        "base_currency_code": "EUR",
        "order_currency_code": "EUR",
        "global_currency_code": "EUR",
        "customer_id": None if ext_id == "0" else int(ext_id),
        "customer_is_guest": 1 if ext_id == "0" else 0,
        "customer_email": email,
        "customer_firstname": first,
        "customer_lastname": last,
        "customer_taxvat": vat or None,
        "grand_total": _n(plan["total"]),
        "base_grand_total": _n(plan["total"]),
        "subtotal": _n(sum((Decimal(str(i["row_total"])) for i in items), Decimal(0))),
        "subtotal_incl_tax": _n(
            sum((q(ln["price"] * ln["qty"]) for ln in plan["lines"]), Decimal(0))
        ),
        "discount_amount": _n(-discount_total),
        "discount_tax_compensation_amount": _n(compensation_total),
        "tax_amount": _n(tax_total + ship_tax),
        "shipping_amount": _n(ship["amount"] - ship_tax),
        "shipping_tax_amount": _n(ship_tax),
        "shipping_incl_tax": _n(ship["amount"]),
        "shipping_discount_amount": 0,
        "shipping_description": "Colissimo - Domicile sans signature",
        "shipping_method": "colissimo_domicile",
        "total_qty_ordered": sum(ln["qty"] for ln in plan["lines"]),
        "total_item_count": len(items),
        **total_paid,
        "billing_address": dict(
            address, address_type="billing", entity_id=entity_id * 2, parent_id=entity_id
        ),
        "payment": {
            "method": "stripe_payments" if plan["paid"] else "banktransfer",
            "amount_ordered": _n(plan["total"]),
            "amount_paid": _n(plan["total"]) if plan["paid"] else None,
            "amount_authorized": _n(plan["total"]) if plan["paid"] else None,
            "additional_information": [],
        },
        "items": items,
        "status_histories": [],
        "extension_attributes": {
            "shipping_assignments": [
                {
                    "shipping": {
                        "address": dict(
                            address,
                            address_type="shipping",
                            entity_id=entity_id * 2 + 1,
                            parent_id=entity_id,
                        ),
                        "method": "colissimo_domicile",
                        "total": {
                            "shipping_amount": _n(ship["amount"] - ship_tax),
                            "shipping_incl_tax": _n(ship["amount"]),
                            "shipping_tax_amount": _n(ship_tax),
                        },
                    },
                    "items": items,
                }
            ],
            "payment_additional_info": [],
            "applied_taxes": [],
            "item_applied_taxes": [],
        },
    }
    return order


class Magento2Server(ShopServer):
    """Serves ``orders`` (Magento order dicts).  ``on_page`` is called with
    the page number after each order list is built (to update an order while
    the connector pages)."""

    def __init__(self, orders=(), token=ACCESS_TOKEN):
        super().__init__()
        self.orders = list(orders)
        self.token = token
        self.on_page = None

    @staticmethod
    def _error(status, message, parameters=None):
        return Response(status, {"message": message, "parameters": parameters or []})

    def route(self, request):
        match = PATH.match(request.path)
        if not match or request.method != "GET":
            return None
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return self._error(
                401,
                "The consumer isn't authorized to access %resources.",
                {"resources": "Magento_Sales::actions_view"},
            )
        if match.group(1) == "orders":
            return self._list(request)
        if match.group(1).startswith("orders/"):
            order = next(
                (o for o in self.orders if str(o["entity_id"]) == match.group(1)[7:]), None
            )
            if order is None:
                return self._error(
                    404,
                    "The entity that was requested doesn't exist. Verify the entity and try again.",
                )
            return Response(200, order)
        return None

    def _criteria(self, request):
        """``searchCriteria`` of the query string as Magento's nested arrays."""
        groups, sorts, other = {}, {}, {}
        for key, values in request.query.items():
            parts = re.findall(r"\[([^\]]*)\]", key)
            if not key.startswith("searchCriteria[") or not parts:
                raise ValueError(key)
            if parts[0] == "filterGroups" and len(parts) == 5 and parts[2] == "filters":
                group = groups.setdefault(int(parts[1]), {})
                group.setdefault(int(parts[3]), {})[parts[4]] = values[0]
            elif parts[0] == "sortOrders" and len(parts) == 3:
                sorts.setdefault(int(parts[1]), {})[parts[2]] = values[0]
            elif parts[0] in ("pageSize", "currentPage") and len(parts) == 1:
                other[parts[0]] = int(values[0])
            else:
                raise ValueError(key)
        return groups, sorts, other

    def _list(self, request):
        try:
            groups, sorts, other = self._criteria(request)
        except ValueError as exc:
            return self._error(
                400, '"%fieldName" is required. Enter and try again.', {"fieldName": str(exc)}
            )
        orders = list(self.orders)
        for _g, filters in sorted(groups.items()):
            checks = []
            for _f, spec in sorted(filters.items()):
                field, condition = spec.get("field"), spec.get("conditionType", "eq")
                if field not in FIELDS:
                    return self._error(
                        400,
                        'Invalid value of "%value" provided for the %fieldName field.',
                        {"value": field, "fieldName": "field"},
                    )
                if condition not in CONDITIONS:
                    return self._error(400, 'Invalid condition type "%1"', [condition])
                checks.append((field, CONDITIONS[condition], spec.get("value")))
            orders = [
                o
                for o in orders
                if any(
                    check(str(o[field]), value)
                    if field.endswith("_at")
                    else check(str(o[field]), str(value))
                    for field, check, value in checks
                )
            ]
        for _i, spec in sorted(sorts.items(), reverse=True):
            field = spec.get("field")
            if field not in FIELDS:
                return self._error(
                    400,
                    'Invalid value of "%value" provided for the %fieldName field.',
                    {"value": field, "fieldName": "field"},
                )
            orders.sort(
                key=lambda o, f=field: o[f], reverse=spec.get("direction", "DESC").upper() == "DESC"
            )
        total = len(orders)
        size = other.get("pageSize") or total or 1
        page = max(1, other.get("currentPage", 1))
        last_page = max(1, -(-total // size))
        # Magento answers the last page again for a page beyond the end
        page = min(page, last_page)
        items = [dict(o) for o in orders[(page - 1) * size : page * size]]
        if self.on_page:
            self.on_page(page)
        return Response(
            200,
            {
                "items": items,
                "search_criteria": {
                    "filter_groups": [{"filters": list(f.values())} for f in groups.values()],
                    "sort_orders": list(sorts.values()),
                    "page_size": other.get("pageSize"),
                    "current_page": other.get("currentPage"),
                },
                "total_count": total,
            },
        )
