# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 / Adobe Commerce REST API (``/rest/V1``), an integration access
token as ``Authorization: Bearer`` (the integration needs the resource
*Sales > Operations > Orders > Actions > View*, ``Magento_Sales::actions_view``),
``searchCriteria`` on ``updated_at`` (UTC, as Magento stores it).

Pages are read by key, not by number alone: each query asks for the orders
updated at or after the last one read (sorted by ``updated_at`` then
``entity_id``) and drops those already read, so that an order updated while
the connector pages through the others cannot shift an unread order onto a
page already read.  ``currentPage`` only moves on while a whole page shares one
``updated_at``; ``total_count`` says when to stop (Magento answers the last
page again for a page beyond the end).

Mapping: the rows of configurable products' children are skipped (the parent
row carries the child's SKU and the price); a bundle with a dynamic price is
imported as its children.  Prices follow the backend's *prices include tax*
setting: ``price_incl_tax`` with a tax-included shop, ``price`` otherwise;
line discounts (``discount_amount``) are taken as Magento computes them with
*Apply Discount On Prices* set the same way.  The shipping tax rate is derived
from the shipping amounts, rounded to the nearest usual VAT rate.
"""

import json

from odoo.tools import LazyTranslate

from .base import Adapter, PlatformError, register
from .canonical import clean_rate, nearest_rate, to_decimal

_lt = LazyTranslate(__name__)

API = "/rest/V1"
PAGE_SIZE = 50
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


@register
class Magento2Adapter(Adapter):
    platform = "magento2"
    #: orders per page
    page_size = PAGE_SIZE

    def _auth(self):
        return {"Authorization": f"Bearer {self.backend.api_key or ''}"}, None, {}

    def _get(self, path, params):
        response = self.request("GET", f"{self.base_url}{API}{path}", params=params)
        try:
            data = response.json()
        except ValueError as exc:
            raise PlatformError(_lt("Magento sent an answer that is not JSON.")) from exc
        if not isinstance(data, dict):
            raise PlatformError(_lt("Magento sent an answer that is not an object."))
        return data

    def test_connection(self):
        data = self._get("/orders", {"searchCriteria[pageSize]": 1,
                                     "searchCriteria[currentPage]": 1})
        return _lt("Magento answered: %(total)s orders.", total=data.get("total_count", "?"))

    def _criteria(self, low, high, page):
        prefix = "searchCriteria"
        return {
            f"{prefix}[filterGroups][0][filters][0][field]": "updated_at",
            f"{prefix}[filterGroups][0][filters][0][value]": low,
            f"{prefix}[filterGroups][0][filters][0][conditionType]": "gteq",
            f"{prefix}[filterGroups][1][filters][0][field]": "updated_at",
            f"{prefix}[filterGroups][1][filters][0][value]": high,
            f"{prefix}[filterGroups][1][filters][0][conditionType]": "lteq",
            f"{prefix}[sortOrders][0][field]": "updated_at",
            f"{prefix}[sortOrders][0][direction]": "ASC",
            f"{prefix}[sortOrders][1][field]": "entity_id",
            f"{prefix}[sortOrders][1][direction]": "ASC",
            f"{prefix}[pageSize]": self.page_size,
            f"{prefix}[currentPage]": page,
        }

    def fetch_orders(self, since, until):
        low, high = since.strftime(DATE_FORMAT), until.strftime(DATE_FORMAT)
        page = 1
        seen = set()
        while True:
            data = self._get("/orders", self._criteria(low, high, page))
            items = data.get("items")
            if items is None:
                items = []
            if not isinstance(items, list):
                raise PlatformError(_lt("Magento sent an order list that is not a list."))
            try:
                total = int(data.get("total_count") or 0)
            except (TypeError, ValueError) as exc:
                raise PlatformError(_lt("Magento sent an order list without a total count.")) \
                    from exc
            for order in items:
                if not isinstance(order, dict) or not order.get("entity_id"):
                    raise PlatformError(_lt("Magento sent an order without an id."))
                external_id = str(order["entity_id"])
                if external_id in seen:
                    continue
                seen.add(external_id)
                yield external_id, json.dumps(order, ensure_ascii=False)
            if not items or page * self.page_size >= total:
                break
            last = str(items[-1].get("updated_at") or "")
            if last and last > low:
                low, page = last, 1
            else:
                page += 1

    def split_payload(self, payload, content_type):
        data = self._load(payload)
        if isinstance(data, dict) and "total_count" in data and isinstance(
                data.get("items"), list):
            # a search result as ``GET /V1/orders`` answers it
            orders = data["items"]
        elif isinstance(data, list):
            orders = data
        else:
            orders = [data]
        return [(str(o.get("entity_id") or "") if isinstance(o, dict) else "",
                 json.dumps(o, ensure_ascii=False)) for o in orders]

    @staticmethod
    def _load(payload):
        try:
            return json.loads(payload)
        except (ValueError, TypeError) as exc:
            raise PlatformError(_lt("The Magento payload is not valid JSON: %(error)s",
                                    error=str(exc)[:200])) from exc

    # --------------------------------------------------------- mapping

    def _lines(self, items, incl):
        if not isinstance(items, list):
            raise PlatformError(_lt("The Magento order items are not a list."))
        by_id = {}
        for item in items:
            if not isinstance(item, dict):
                raise PlatformError(_lt("A Magento order item is not an object."))
            by_id[item.get("item_id")] = item

        def dynamic_bundle(item):
            return item.get("product_type") == "bundle" and not to_decimal(
                item.get("price_incl_tax") if incl else item.get("price"), "price")

        lines = []
        for item in items:
            parent = by_id.get(item.get("parent_item_id")) if item.get("parent_item_id") \
                else None
            if item.get("parent_item_id") and not (parent and dynamic_bundle(parent)):
                continue  # the parent row carries the configurable product
            if dynamic_bundle(item):
                continue  # its children carry the prices
            lines.append({
                "external_id": item.get("item_id"),
                "sku": item.get("sku"),
                "name": item.get("name"),
                "quantity": to_decimal(item.get("qty_ordered"), "quantity"),
                "price_unit": to_decimal(
                    item.get("price_incl_tax") if incl else item.get("price"), "unit price"),
                "tax_rate": clean_rate(to_decimal(item.get("tax_percent"), "tax rate")),
                "discount": to_decimal(item.get("discount_amount"), "discount"),
            })
        return lines

    @staticmethod
    def _address(data, order):
        if not data:
            return None
        if not isinstance(data, dict):
            raise PlatformError(_lt("A Magento address is not an object."))
        street = data.get("street") or []
        if isinstance(street, str):
            street = [street]
        if not isinstance(street, list):
            raise PlatformError(_lt("The street of a Magento address is not a list."))
        return {
            "name": " ".join(filter(None, [data.get("firstname"), data.get("lastname")])),
            "company": data.get("company"),
            "street": street[0] if street else "",
            "street2": " ".join(str(s) for s in street[1:] if s),
            "zip": data.get("postcode"),
            "city": data.get("city"),
            "state_code": data.get("region_code"),
            "country_code": data.get("country_id"),
            "phone": data.get("telephone"),
            "email": data.get("email") or order.get("customer_email"),
            "vat": data.get("vat_id") if data.get("company") else "",
        }

    def map_order(self, payload):
        order = self._load(payload)
        if not isinstance(order, dict):
            raise PlatformError(_lt("The Magento order is not an object."))
        if "items" not in order and "increment_id" not in order:
            raise PlatformError(_lt("The payload is not a Magento order."))
        incl = bool(self.backend.prices_include_tax)
        extension = order.get("extension_attributes") or {}
        if not isinstance(extension, dict):
            raise PlatformError(_lt("The Magento order's extension attributes are not an "
                                    "object."))
        assignments = extension.get("shipping_assignments") or []
        if not isinstance(assignments, list):
            raise PlatformError(_lt("The Magento shipping assignments are not a list."))
        first = assignments[0] if assignments else {}
        if not isinstance(first, dict):
            raise PlatformError(_lt("A Magento shipping assignment is not an object."))
        # a virtual order has no shipping address: it is delivered to the billing one
        shipping_data = first.get("shipping") or {}
        if not isinstance(shipping_data, dict):
            raise PlatformError(_lt("A Magento shipping assignment is not an object."))
        billing = self._address(order.get("billing_address"), order)
        delivery = self._address(shipping_data.get("address"), order)
        shipping = None
        method = shipping_data.get("method") or order.get("shipping_method") or ""
        if method or order.get("shipping_description"):
            excl = to_decimal(order.get("shipping_amount"), "shipping amount")
            tax = to_decimal(order.get("shipping_tax_amount"), "shipping tax")
            amount = excl + tax if incl else excl
            if order.get("shipping_incl_tax") not in (None, "") and incl:
                amount = to_decimal(order.get("shipping_incl_tax"), "shipping amount")
            amount -= to_decimal(order.get("shipping_discount_amount"), "shipping discount")
            shipping = {
                # the carrier code (``colissimo`` of ``colissimo_domicile``) is what
                # the carrier mapping knows; the description names the method
                "code": str(method).split("_", 1)[0],
                "name": order.get("shipping_description"),
                "amount": amount,
                "tax_rate": nearest_rate(tax, excl),
            }
        payment = order.get("payment") or {}
        if not isinstance(payment, dict):
            raise PlatformError(_lt("The Magento payment is not an object."))
        state = order.get("state") or ""
        grand_total = order.get("grand_total")
        total_paid = to_decimal(order.get("total_paid"), "total paid")
        # ``customer_taxvat`` also holds personal tax ids (Italian codice fiscale...):
        # it is a VAT number only for a company
        vat = (billing or {}).get("vat") or (
            order.get("customer_taxvat") if (billing or {}).get("company") else "") or ""
        return {
            "external_id": order.get("entity_id"),
            "reference": order.get("increment_id"),
            "date_order": order.get("created_at"),
            "currency": order.get("order_currency_code"),
            "prices_include_tax": incl,
            "status": order.get("status") or state,
            # a free order (method "free") is invoiced for 0 and goes to processing
            "paid": bool(grand_total not in (None, "")
                         and total_paid >= to_decimal(grand_total, "order total")
                         and (total_paid > 0 or state in ("processing", "complete"))),
            "authorized": bool(to_decimal(payment.get("amount_authorized"), "authorized")),
            "cancelled": state == "canceled",
            "payment_method": payment.get("method"),
            "note": order.get("customer_note"),
            "customer": {
                "external_id": "" if order.get("customer_is_guest") else (
                    order.get("customer_id") or ""),
                "email": order.get("customer_email"),
                "name": " ".join(filter(None, [order.get("customer_firstname"),
                                               order.get("customer_lastname")])),
                "company": (billing or {}).get("company"),
                "vat": vat,
                "phone": (billing or {}).get("phone"),
            },
            "billing_address": billing,
            "shipping_address": delivery,
            "lines": self._lines(order.get("items") or [], incl),
            "shipping": shipping,
            "discounts": [],
            "total": grand_total,
        }
