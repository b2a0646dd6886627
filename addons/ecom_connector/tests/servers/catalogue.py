# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Realistic order sets for the protocol servers: French VAT rates 20 / 10 /
5.5 / 2.1, several lines, discounts, shipping, accented names, an EU
consumer, a B2B customer with a VAT number.  Every amount is computed here
as a shop computes it (prices tax included, tax rounded per line)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# sku, barcode, name, unit price tax included, VAT rate
PRODUCTS = [
    ("THE-SENCHA", "3760000000017", "Thé vert Sencha 100 g", Decimal("12.00"), Decimal("5.5")),
    (
        "THEIERE-FONTE",
        "3760000000024",
        "Théière en fonte « Kyoto »",
        Decimal("45.90"),
        Decimal("20"),
    ),
    ("KIT-PLANT", "3760000000031", "Kit de plantation d'aromates", Decimal("18.50"), Decimal("10")),
    ("REVUE-THE", "3760000000048", "Revue « L'Art du thé » n° 12", Decimal("6.90"), Decimal("2.1")),
    (
        "LIVRE-RECET",
        "3760000000055",
        "Livre de recettes à la crème brûlée",
        Decimal("24.00"),
        Decimal("5.5"),
    ),
]

CUSTOMERS = [
    # external id, first name, last name, company, vat, email, street, zip, city, country
    (
        "101",
        "Élodie",
        "Martin",
        "",
        "",
        "elodie.martin@example.fr",
        "3 rue de l'Église",
        "69003",
        "Lyon",
        "FR",
    ),
    (
        "102",
        "François",
        "Lefèvre",
        "",
        "",
        "f.lefevre@example.fr",
        "18 avenue Jean Jaurès",
        "33000",
        "Bordeaux",
        "FR",
    ),
    (
        "103",
        "Anaïs",
        "Dubois",
        "",
        "",
        "anais.dubois@example.be",
        "Rue Neuve 45",
        "1000",
        "Bruxelles",
        "BE",
    ),
    (
        "104",
        "Jürgen",
        "Müller",
        "Müller Teehandel GmbH",
        "DE129273398",
        "einkauf@mueller-tee.example.de",
        "Königstraße 12",
        "70173",
        "Stuttgart",
        "DE",
    ),
    (
        "0",
        "Zoé",
        "Girard",
        "",
        "",
        "zoe.girard@example.fr",
        "7 place Bellecour",
        "69002",
        "Lyon",
        "FR",
    ),
]

SHIPPING = ("colissimo", "Colissimo Domicile", Decimal("4.90"), Decimal("20"))


def q(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def tax_of(amount_incl, rate):
    """VAT included in a tax-included amount, rounded to the cent."""
    return q(amount_incl * rate / (100 + rate))


def plan_line(sku, barcode, name, qty, price, rate, discount_pct=0):
    """One line of an order plan: ``price`` is the unit price tax included
    (the shop's), the discount ``discount_pct`` % of the line, rounded."""
    return {
        "sku": sku,
        "barcode": barcode,
        "name": name,
        "qty": qty,
        "price": price,
        "rate": rate,
        "discount": q(price * qty * Decimal(discount_pct) / 100),
    }


def goods_total(lines):
    """Total of the goods of an order plan's ``lines``, discounts deducted."""
    return sum((q(line["price"] * line["qty"]) - line["discount"] for line in lines), Decimal(0))


def without_vat(amount, rate):
    """``(amount, rate)`` of an intra-community business sale: the
    tax-included ``amount`` at ``rate`` % less its VAT, no VAT charged."""
    return q(amount / (1 + rate / 100)), Decimal(0)


def make_plan(index, customer, lines, shipping, paid, b2b_eu=False):
    """An order plan (the shape :func:`order_plan` returns): ``shipping``
    is ``(code, name, amount, rate)``; the total is the goods, discounts
    deducted, plus the shipping."""
    code, name, amount, rate = shipping
    return {
        "index": index,
        "customer": customer,
        "b2b_eu": b2b_eu,
        "lines": lines,
        "shipping": {"code": code, "name": name, "amount": amount, "rate": rate},
        "total": goods_total(lines) + amount,
        "paid": paid,
    }


def order_plan(index, lines_per_order=3):
    """The content of order number ``index``, platform-neutral."""
    customer = CUSTOMERS[index % len(CUSTOMERS)]
    b2b_eu = bool(customer[4]) and customer[9] != "FR"
    lines = []
    for offset in range(lines_per_order):
        sku, barcode, name, price, rate = PRODUCTS[(index + offset) % len(PRODUCTS)]
        qty = 1 + (index + offset) % 3
        if b2b_eu:
            # intra-community delivery: the shop charges no VAT, prices tax excluded
            price, rate = without_vat(price, rate)
        elif customer[9] == "BE":
            rate = Decimal("21") if rate == Decimal("20") else rate
        discount_pct = 10 if (index + offset) % 4 == 0 else 0
        lines.append(plan_line(sku, barcode, name, qty, price, rate, discount_pct))
    ship_code, ship_name, ship_amount, ship_rate = SHIPPING
    if b2b_eu:
        ship_amount, ship_rate = without_vat(ship_amount, ship_rate)
    elif customer[9] == "BE":
        ship_rate = Decimal("21")
    shipping = (ship_code, ship_name, ship_amount, ship_rate)
    return make_plan(index, customer, lines, shipping, index % 7 != 6, b2b_eu=b2b_eu)
