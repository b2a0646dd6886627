# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo shop: a WooCommerce shop of a French tea merchant, served by
``setup/demo_servers.py`` beside ``./setup/ecom run`` and read by the demo
backend of ``ecom_connector`` (``demo/ecom_connector_demo.xml``).

Its catalogue matches the demo products (same SKUs and barcodes); its
orders show what a French shop sends: every VAT rate (20 / 10 / 5.5 /
2.1 %), line discounts, free home delivery from 69 EUR, a relay-point delivery,
an intra-EU business customer with a VAT number (no VAT charged), an unpaid
bank transfer (``on-hold``), flux-tendu and dropship products, and one order
with a SKU the merchant never created (it lands in the inbox in error)."""

from datetime import datetime, timedelta
from decimal import Decimal

from .catalogue import CUSTOMERS as TEST_CUSTOMERS
from .catalogue import goods_total, make_plan, plan_line, without_vat
from .woocommerce import CONSUMER_KEY, CONSUMER_SECRET, WooCommerceServer, woo_order_from_plan

#: port of the demo WooCommerce shop (the demo backend's URL)
WOOCOMMERCE_PORT = 8091
WOOCOMMERCE_URL = f"http://127.0.0.1:{WOOCOMMERCE_PORT}"
__all__ = ["CONSUMER_KEY", "CONSUMER_SECRET"]

# sku, barcode, name, unit price tax included, VAT rate, addon whose demo creates it
PRODUCTS = [
    ("TH-SENCHA-100", "3770016000017", "Thé vert Sencha bio 100 g", "9.90", "5.5", "connector"),
    ("TH-EARLGREY-100", "3770016000024", "Thé noir Earl Grey 100 g", "8.50", "5.5", "connector"),
    ("TH-ROOIBOS-100", "3770016000031", "Rooibos vanille 100 g", "7.90", "5.5", "connector"),
    ("TH-MATCHA-30", "3770016000048", "Matcha de cérémonie 30 g", "24.00", "5.5", "connector"),
    ("CHOC-NOIR-70", "3770016000055", "Tablette chocolat noir 70 %", "4.20", "5.5", "connector"),
    (
        "THEIERE-KYOTO",
        "3770016000062",
        "Théière en fonte « Kyoto » 0,8 L",
        "45.90",
        "20",
        "connector",
    ),
    ("TASSES-GRES-2", "3770016000079", "Coffret 2 tasses en grès", "19.90", "20", "connector"),
    ("INFUSEUR-INOX", "3770016000086", "Infuseur à thé inox", "6.50", "20", "connector"),
    (
        "BOUILLOIRE-TEMP",
        "3770016000093",
        "Bouilloire à température réglable",
        "69.00",
        "20",
        "connector",
    ),
    ("KIT-AROMATES", "3770016000109", "Kit de plantation d'aromates", "18.50", "10", "connector"),
    (
        "PLANT-MENTHE",
        "3770016000116",
        "Plant de menthe marocaine en pot",
        "5.90",
        "10",
        "connector",
    ),
    ("REVUE-THE-12", "3770016000123", "Revue « L'Art du thé » n° 12", "6.90", "2.1", "connector"),
    ("LIVRE-THE", "3770016000130", "Livre « Cuisiner le thé »", "22.00", "5.5", "connector"),
    # ecom_dropship's demo: flux tendu, dropship
    ("COFFRET-DEGUST", "3770016000147", "Coffret dégustation 12 thés", "34.90", "5.5", "dropship"),
    (
        "FONTAINE-THE-3L",
        "3770016000154",
        "Fontaine à thé électrique 3 L",
        "129.00",
        "20",
        "dropship",
    ),
]
#: the SKU of the order that no demo product has (the inbox error of the demo)
UNKNOWN_SKU = "TH-GENMAICHA-100"
UNKNOWN_ORDER_INDEX = 21

CUSTOMERS = [
    # external id, first name, last name, company, vat, email, street, zip, city, country
    # the test catalogue's first two customers, under the demo shop's ids
    ("201", *TEST_CUSTOMERS[0][1:]),
    ("202", *TEST_CUSTOMERS[1][1:]),
    (
        "203",
        "Camille",
        "Bernard",
        "",
        "",
        "camille.bernard@example.fr",
        "5 rue Sainte-Catherine",
        "54000",
        "Nancy",
        "FR",
    ),
    (
        "204",
        "Hugo",
        "Noël",
        "",
        "",
        "hugo.noel@example.fr",
        "9 boulevard Carnot",
        "06000",
        "Nice",
        "FR",
    ),
    (
        "205",
        "Chloé",
        "Bérard",
        "",
        "",
        "chloe.berard@example.fr",
        "4 rue Pasteur",
        "75011",
        "Paris",
        "FR",
    ),
    (
        "206",
        "Léa",
        "Rousseau",
        "",
        "",
        "lea.rousseau@example.fr",
        "2 allée des Tilleuls",
        "44000",
        "Nantes",
        "FR",
    ),
    (
        "207",
        "Mathis",
        "Garnier",
        "",
        "",
        "mathis.garnier@example.fr",
        "27 quai de la Fosse",
        "44000",
        "Nantes",
        "FR",
    ),
    (
        "208",
        "Inès",
        "Faure",
        "",
        "",
        "ines.faure@example.fr",
        "11 cours Mirabeau",
        "13100",
        "Aix-en-Provence",
        "FR",
    ),
    (
        "209",
        "Gaëlle",
        "Le Goff",
        "",
        "",
        "gaelle.legoff@example.fr",
        "8 rue de Siam",
        "29200",
        "Brest",
        "FR",
    ),
    (
        "210",
        "Jérôme",
        "Mercier",
        "",
        "",
        "jerome.mercier@example.fr",
        "40 rue Nationale",
        "59000",
        "Lille",
        "FR",
    ),
    (
        "211",
        "Manon",
        "Chevalier",
        "",
        "",
        "manon.chevalier@example.fr",
        "6 place du Capitole",
        "31000",
        "Toulouse",
        "FR",
    ),
    (
        "212",
        "Noémie",
        "Perrin",
        "",
        "",
        "noemie.perrin@example.fr",
        "15 rue des Halles",
        "37000",
        "Tours",
        "FR",
    ),
    (
        "213",
        "Théo",
        "Morel",
        "",
        "",
        "theo.morel@example.fr",
        "22 rue du Vieux-Marché",
        "76000",
        "Rouen",
        "FR",
    ),
    ("214", *TEST_CUSTOMERS[4][1:]),
    (
        "215",
        "Lucas",
        "André",
        "",
        "",
        "lucas.andre@example.fr",
        "3 rue Foch",
        "34000",
        "Montpellier",
        "FR",
    ),
]
# the test catalogue's German business customer
B2B_EU = ("301", *TEST_CUSTOMERS[3][1:])
RELAY_INDEX = 4
#: the Mondial Relay point of that order (the demo Mondial Relay server knows it)
RELAY_POINT_ID = "024576"
B2B_INDEX = 9
BANK_TRANSFER_INDEX = 13
ORDER_COUNT = 30

HOME = ("colissimo", "Colissimo Domicile", Decimal("4.90"))
RELAY = ("mondialrelay", "Mondial Relay — Point Relais", Decimal("3.90"))
FREE_SHIPPING_FROM = Decimal("69")


def _line(sku, qty, discount_pct=0, b2b=False):
    product = next(p for p in PRODUCTS if p[0] == sku) if sku != UNKNOWN_SKU else None
    if product:
        _sku, barcode, name, price, rate, _addon = product
        price, rate = Decimal(price), Decimal(rate)
    else:
        barcode, name, price, rate = "", "Thé vert Genmaicha 100 g", Decimal("8.90"), Decimal("5.5")
    if b2b:
        # intra-community delivery: no VAT charged, prices tax excluded
        price, rate = without_vat(price, rate)
    return plan_line(sku, barcode, name, qty, price, rate, discount_pct)


def _lines(index):
    """Two to four lines, every rate over the whole set, some discounted."""
    stock = [p[0] for p in PRODUCTS if p[5] == "connector"]
    count = 2 + index % 3
    lines = []
    for offset in range(count):
        sku = stock[(index * 3 + offset * 5) % len(stock)]
        if any(line["sku"] == sku for line in lines):
            continue
        price = Decimal(next(p for p in PRODUCTS if p[0] == sku)[3])
        qty = 1 if price >= 40 else 1 + (index + offset) % 3
        lines.append(_line(sku, qty, 10 if (index + offset) % 6 == 0 else 0))
    if index in (6, 17):
        lines.append(_line("COFFRET-DEGUST", 1))
    if index in (11, 26):
        lines.append(_line("FONTAINE-THE-3L", 1))
    if index == UNKNOWN_ORDER_INDEX:
        lines.insert(1, _line(UNKNOWN_SKU, 2))
    return lines


def order_plans():
    """The demo orders, platform-neutral (see :func:`order_plan` of the
    test catalogue for the shape)."""
    plans = []
    for index in range(ORDER_COUNT):
        b2b = index == B2B_INDEX
        customer = B2B_EU if b2b else CUSTOMERS[index % len(CUSTOMERS)]
        if b2b:
            lines = [_line("THEIERE-KYOTO", 6, b2b=True), _line("TH-SENCHA-100", 24, b2b=True)]
        else:
            lines = _lines(index)
        code, name, amount = RELAY if index == RELAY_INDEX else HOME
        rate = Decimal("20")
        if b2b:
            amount, rate = without_vat(amount, rate)
        elif code == HOME[0] and goods_total(lines) >= FREE_SHIPPING_FROM:
            amount = Decimal(0)
        shipping = (code, name, amount, rate)
        plans.append(make_plan(index, customer, lines, shipping, index != BANK_TRANSFER_INDEX, b2b))
    return plans


def woocommerce_orders(now=None):
    """The demo orders as the WooCommerce REST API returns them, created
    over the last days before ``now`` (so that an import reads them all)."""
    now = (now or datetime.utcnow()).replace(microsecond=0)
    orders = []
    for plan in order_plans():
        index = plan["index"]
        created = now - timedelta(hours=3 * (ORDER_COUNT - index))
        order = woo_order_from_plan(index, plan, created=created)
        order["id"] = 1200 + index
        order["number"] = str(1200 + index)
        order["order_key"] = f"wc_order_demo{index:04d}"
        if index == RELAY_INDEX:
            order["shipping"].update(
                company="Relais Tabac Presse de la Gare",
                address_1="2 place de la Gare",
                address_2="Point Relais 024576",
            )
            order["meta_data"].append(
                {"id": 2, "key": "_mondialrelay_relay_id", "value": f"FR-{RELAY_POINT_ID}"}
            )
        if index == BANK_TRANSFER_INDEX:
            order["customer_note"] = "Je règle par virement dès réception du RIB."
        orders.append(order)
    return orders


def woocommerce_server(now=None):
    """A :class:`WooCommerceServer` (ephemeral port) serving the demo orders."""
    return WooCommerceServer(woocommerce_orders(now))
