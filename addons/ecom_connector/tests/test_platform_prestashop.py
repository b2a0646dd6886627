# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders in from PrestaShop end to end: the adapter talks to a local server
speaking the XML webservice, the inbox stores and processes each order."""

from datetime import datetime
from decimal import Decimal
from unittest.mock import patch

import xmltodict

from odoo.addons.ecom_connector.platforms.prestashop import PrestaShopClient

from .common import EcomConnectorCase
from .platform_scenarios import (
    CHANGED_AT,
    COMMON_ERROR_WORDS,
    PagedPlatformScenarios,
    basic_auth_user,
)
from .servers.catalogue import order_plan
from .servers.prestashop import (
    WS_KEY,
    XLINK,
    PrestaShopServer,
    prestashop_order,
    prestashop_shop,
)

UNTIL = datetime(2026, 11, 21, 0, 0, 0)
ORDER_COUNT = 13


class TestPlatformPrestaShop(PagedPlatformScenarios, EcomConnectorCase):
    PLATFORM = "prestashop"
    SHOP_NAME = "Boutique PrestaShop"
    API_KEY = WS_KEY
    CLIENT_CLASS = PrestaShopClient
    ORDER_COUNT = ORDER_COUNT
    UNTIL = UNTIL
    ERROR_WORDS = dict(
        COMMON_ERROR_WORDS,
        **{
            "xml entity bomb": "DTD or entities",
            "external entity": "DTD or entities",
            "truncated xml": "malformed",
            "unmapped carrier": "chronopost",
        },
    )

    def _new_server(self, data=None, version="1.7.8.11"):
        return PrestaShopServer(
            prestashop_shop(ORDER_COUNT) if data is None else data, version=version
        )

    def _order_index(self, external_id):
        return int(external_id) - 40

    def _credentials_of(self, request):
        return basic_auth_user(request)

    def _change_order(self, server, index, change):
        order = prestashop_order(index, updated=CHANGED_AT)
        state = {"paid": "2", "cancelled": "6"}[change]
        order["current_state"] = {"@xlink:href": f"/api/order_states/{state}", "#text": state}
        order["valid"] = "1" if change == "paid" else "0"
        server.data["orders"][order["id"]] = order
        return order["id"]

    def assertVoucherSplit(self, sale):
        """The voucher of catalogue order 0, split over the VAT rates of its
        products, named after the cart rule."""
        discounts = sale.order_line.filtered(
            lambda line: line.product_id == self.shop.discount_product_id
        )
        self.assertTrue(discounts)
        self.assertIn("Code BIENVENUE10", discounts[0].name)
        self.assertAlmostEqual(
            sum(discounts.mapped("price_total")),
            -float(sum(ln["discount"] for ln in order_plan(0)["lines"])),
            places=2,
        )

    @staticmethod
    def _paths(server, path):
        return [r for r in server.requests if r.path == path]

    # ------------------------------------------------------------ import

    def test_import_end_to_end(self):
        server = self.serve()
        self.shop._import_orders(until=UNTIL)
        by_index = self.assertAllImported(server)
        # pages start at the last date_upd read, which reads that order again:
        # 5 + 4 + 4 new orders in full pages, then the last one alone, already read
        pages = self._paths(server, "/api/orders")
        self.assertEqual(len(pages), 4)
        self.assertEqual(
            pages[1].param("filter[date_upd]"), "[2026-11-20 09:04:00,2026-11-21 01:00:00]"
        )
        self.assertEqual(pages[1].param("limit"), "0,5")
        first = pages[0]
        # the shop writes its dates in Paris time (UTC+1 in November)
        self.assertEqual(
            first.param("filter[date_upd]"), "[2026-11-14 00:50:00,2026-11-21 01:00:00]"
        )
        self.assertEqual(first.param("date"), "1")
        self.assertEqual(first.param("display"), "full")
        self.assertEqual(first.param("limit"), "0,5")
        self.assertEqual(first.param("sort"), "[date_upd_ASC,id_ASC]")
        # look-ups stay few: one query per resource and page, shared ones once a run
        for path in (
            "/api/customers",
            "/api/addresses",
            "/api/order_payments",
            "/api/order_cart_rules",
        ):
            self.assertEqual(len(self._paths(server, path)), 3, path)
        for path in (
            "/api/countries",
            "/api/states",
            "/api/carriers",
            "/api/currencies",
            "/api/order_states",
            "/api/configurations",
        ):
            self.assertLessEqual(len(self._paths(server, path)), 2, path)
        self.assertLessEqual(len(server.requests), 2 * ORDER_COUNT)
        elodie = by_index[0]
        self.assertEqual(elodie.client_order_ref, "XKBK00000")
        # the shop's date, in UTC (an order confirmed at once is dated by Odoo)
        self.assertEqual(by_index[6].date_order, datetime(2026, 11, 20, 8, 6))
        self.assertVoucherSplit(elodie)
        self.assertCatalogueCustomers(by_index)
        self.assertEqual(by_index[2].order_line.filtered("is_delivery").tax_id, self.tax_be_21)
        # the address's state travels in the bundle (Odoo names German states
        # DE-BW: matching both spellings is the partner import's business)
        entry = self.env["ecom.inbox"].search(
            [("backend_id", "=", self.shop.id), ("external_id", "=", "43")]
        )
        order = self.shop._get_adapter().map_order(entry.payload)
        self.assertEqual(order["shipping_address"]["state_code"], "BW")

    def test_prestashop_16_order_with_a_voucher(self):
        """A 1.6 shop has no ``order_cart_rules``: its vouchers come from
        ``order_discounts``; the version it names (``PSWS-Version``) is kept on
        the shop and read again by Test Connection."""
        server = self.serve(version="1.6.1.24")
        self.shop.action_test_connection()
        self.assertEqual(self.shop.shop_version, "1.6.1.24")
        self.shop._import_orders(until=UNTIL)
        by_index = self.assertAllImported(server)
        self.assertEqual(len(self._paths(server, "/api/order_discounts")), 3)
        self.assertFalse(self._paths(server, "/api/order_cart_rules"))
        self.assertVoucherSplit(by_index[0])
        # the shop is upgraded: Test Connection reads the new version, the
        # next import asks for order_cart_rules
        server.version = "8.1.2"
        action = self.shop.action_test_connection()
        self.assertEqual(self.shop.shop_version, "8.1.2")
        self.assertIn("8.1.2", action["params"]["message"])

    def test_version_unknown_resources_decide(self):
        """No ``PSWS-Version`` (a proxy dropped it): the API root's list of
        resources tells a 1.6 shop."""
        server = self.serve(version="1.6.1.24")
        with patch.object(PrestaShopClient, "_remember_version", lambda client, response: None):
            self.shop._import_orders(until=UNTIL)
        self.assertFalse(self.shop.shop_version)
        self.assertAllImported(server)
        self.assertTrue(self._paths(server, "/api/order_discounts"))

    def test_gift_wrapping_is_a_line_of_its_own(self):
        """``total_wrapping_tax_incl`` becomes a line on the shop's gift
        wrapping product at the VAT rate of its amounts, not a total mismatch."""
        data = prestashop_shop(ORDER_COUNT)
        order = data["orders"]["40"]
        order.update(
            gift="1",
            gift_message="Joyeux anniversaire !",
            total_wrapping="2.500000",
            total_wrapping_tax_incl="2.500000",
            total_wrapping_tax_excl="2.083333",
        )
        total = order_plan(0)["total"] + Decimal("2.50")
        order["total_paid_tax_incl"] = order["total_paid"] = f"{total:.6f}"
        server = self.serve(data)
        self.shop._import_orders(until=UNTIL)
        self.assertEqual(server.unexpected, [])
        binding = self.env["ecom.sale.order"].search(
            [("backend_id", "=", self.shop.id), ("external_id", "=", "40")]
        )
        entry = self.env["ecom.inbox"].search(
            [("backend_id", "=", self.shop.id), ("external_id", "=", "40")]
        )
        self.assertEqual(entry.state, "done", entry.error)
        sale = binding.odoo_id
        self.assertAlmostEqual(sale.amount_total, float(total), places=2)
        wrapping = sale.order_line.filtered(
            lambda line: (
                line.product_id == self.env.ref("ecom_connector.product_ecom_gift_wrapping")
            )
        )
        self.assertEqual(wrapping.price_unit, 2.5)
        self.assertEqual(wrapping.tax_id, self.tax_sale_20_ttc)
        self.assertEqual(sale.state, "sale")

    def test_unreadable_order_fails_alone(self):
        """An order whose carrier and an address's region are gone at the shop
        fails its own entry, with the shop's order id and the reason; the rest
        of the page is imported and the watermark moves on."""
        data = prestashop_shop(ORDER_COUNT)
        data["orders"]["41"]["id_carrier"] = {"@xlink:href": "/api/carriers/9", "#text": "9"}
        address = dict(data["addresses"]["601"], id="777")
        address["id_state"] = {"@xlink:href": "/api/states/99", "#text": "99"}
        data["addresses"]["777"] = address
        for key in ("id_address_delivery", "id_address_invoice"):
            data["orders"]["45"][key] = {"@xlink:href": "/api/addresses/777", "#text": "777"}
        server = self.serve(data)
        message = self.shop._import_orders(until=UNTIL)
        self.assertEqual(server.unexpected, [])
        self.assertIn("11 orders", message)
        self.assertEqual(self.shop.import_from, UNTIL)
        self.assertEqual(self.shop.poll_failure_count, 0)
        entries = self.env["ecom.inbox"].search([("backend_id", "=", self.shop.id)])
        failed = entries.filtered(lambda e: e.state == "error")
        self.assertEqual(sorted(failed.mapped("external_id")), ["41", "45"])
        by_id = {e.external_id: e for e in failed}
        self.assertIn("order 41 cannot be read", by_id["41"].error)
        self.assertIn("carrier 9", by_id["41"].error)
        self.assertIn("state 99", by_id["45"].error)
        self.assertEqual(len(self.bound_orders(self.shop)), ORDER_COUNT - 2)
        # the next polls read them again: still one entry in error each
        self.shop.import_from = False
        self.shop._import_orders(until=UNTIL)
        self.assertEqual(
            self.env["ecom.inbox"].search(
                [("backend_id", "=", self.shop.id), ("state", "=", "error")]
            ),
            failed,
        )
        # the carrier is back at the shop: Retry completes the order from it
        data["carriers"]["9"] = dict(data["carriers"]["2"], id="9")
        by_id["41"].action_retry()
        self.assertEqual(by_id["41"].state, "done", by_id["41"].error)

    def test_time_zone_without_configuration_access(self):
        """A key that may not read the configuration: the company's time zone."""
        server = self.serve()
        server.denied = {"configurations"}
        self.company.partner_id.tz = "Europe/Paris"
        self.shop._import_orders(until=UNTIL)
        by_index = self.assertAllImported(server)
        self.assertEqual(
            self._paths(server, "/api/orders")[0].param("filter[date_upd]"),
            "[2026-11-14 00:50:00,2026-11-21 01:00:00]",
        )
        self.assertEqual(by_index[6].date_order, datetime(2026, 11, 20, 8, 6))

    def test_order_updated_while_paging_is_not_missed(self):
        server = self.serve()

        def touch():
            if len(self._paths(server, "/api/orders")) == 1:
                server.data["orders"]["41"] = prestashop_order(
                    1, updated=datetime(2026, 11, 21, 0, 5)
                )

        server.on_page = touch
        self.shop._import_orders(until=UNTIL)
        self.assertAllImported(server)

    def test_free_shipping_cart_rule(self):
        """A free-shipping voucher is a discount at the carrier's VAT rate."""
        data = prestashop_shop(ORDER_COUNT)
        order = data["orders"]["41"]
        shipping = "4.900000"
        order["total_discounts_tax_incl"] = order["total_discounts"] = shipping
        total = order_plan(1)["total"] - Decimal(shipping)
        order["total_paid_tax_incl"] = order["total_paid"] = f"{total:.6f}"
        data["order_cart_rules"]["700"] = {
            "id": "700",
            "id_order": "41",
            "id_cart_rule": "4",
            "id_order_invoice": "0",
            "name": "Livraison offerte",
            "value": shipping,
            "value_tax_excl": "4.083333",
            "free_shipping": "1",
            "deleted": "0",
        }
        server = self.serve(data)
        self.shop._import_orders(until=UNTIL)
        self.assertEqual(server.unexpected, [])
        sale = (
            self.env["ecom.sale.order"]
            .search([("backend_id", "=", self.shop.id), ("external_id", "=", "41")])
            .odoo_id
        )
        self.assertAlmostEqual(sale.amount_total, float(total), places=2)
        discount = sale.order_line.filtered(
            lambda line: line.product_id == self.shop.discount_product_id
        )
        self.assertEqual(discount.price_unit, -4.90)
        self.assertEqual(discount.tax_id, self.tax_sale_20_ttc)
        self.assertIn("Livraison offerte", discount.name)
        self.assertEqual(sale.state, "sale")

    def test_bare_order_is_completed_from_the_shop(self):
        """A pushed order alone (as ``GET /api/orders/ID`` answers it) is
        completed with its customer and addresses when processed."""
        server = self.serve()
        order = server.data["orders"]["42"]
        payload = xmltodict.unparse({"prestashop": {"@xmlns:xlink": XLINK, "order": order}})
        entry = self.env["ecom.inbox"]._receive(
            self.shop, payload, source="push", kind="batch", process=False
        )
        entry._process()
        self.assertEqual(entry.child_ids.state, "done", entry.child_ids.error)
        sale = entry.child_ids.sale_order_id
        self.assertEqual(sale.partner_id.name, "Anaïs Dubois")
        self.assertAlmostEqual(sale.amount_total, float(order_plan(2)["total"]), places=2)
        self.assertEqual(server.unexpected, [])

    def test_split_pushed_payload(self):
        adapter = self.shop._get_adapter()
        orders = [prestashop_order(0), prestashop_order(1)]
        document = xmltodict.unparse(
            {"prestashop": {"@xmlns:xlink": XLINK, "orders": {"order": orders}}}
        )
        parts = adapter.split_payload(document, "application/xml")
        self.assertEqual([p[0] for p in parts], ["40", "41"])
        self.assertIn("<reference>XKBK00001</reference>", parts[1][1])

    # -------------------------------------------------------- malformed

    def _malformed_corpus(self):
        """(label, payload) of PrestaShop documents that must all fail."""
        data = prestashop_shop(1)
        good = self.shop._get_adapter()
        # the bundle the poll stores, built by the adapter from the server's records
        server = PrestaShopServer(data)
        with server:
            good.client.base_url = server.url
            _id, bundle_text = next(good.fetch_orders(datetime(2000, 1, 1), UNTIL))
        counter = iter(range(100))

        def bundle(change):
            document = xmltodict.parse(
                bundle_text,
                force_list=("order_row", "address", "country", "language", "order_payment"),
            )
            root = document["prestashop"]
            root["order"]["id"] = str(7000 + next(counter))
            change(root)
            return xmltodict.unparse(document)

        def row(**fields):
            return bundle(
                lambda r: r["order"]["associations"]["order_rows"]["order_row"][0].update(fields)
            )

        def order(**fields):
            return bundle(lambda r: r["order"].update(fields))

        def country(code):
            return bundle(lambda r: r["country"][0].update(iso_code=code))

        bomb = (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            "<prestashop><order><id>&lol3;</id></order></prestashop>"
        )
        external = (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM '
            '"file:///etc/passwd">]><prestashop><order><id>&x;</id></order>'
            "</prestashop>"
        )
        return [
            ("bad xml", "<prestashop><order><id>1</id></prestashop>"),
            ("truncated xml", bundle_text[: len(bundle_text) // 2]),
            ("xml entity bomb", bomb),
            ("external entity", external),
            ("empty body", ""),
            ("json instead of xml", '{"order": {"id": 1}}'),
            ("another root", "<rss><channel/></rss>"),
            ("no order", bundle(lambda r: r.pop("order"))),
            ("two orders", bundle(lambda r: r.update(order=[r["order"], r["order"]]))),
            ("no id", order(id=None)),
            ("no rows", bundle(lambda r: r["order"].update(associations={"order_rows": None}))),
            ("negative quantity", row(product_quantity="-2")),
            ("zero quantity", row(product_quantity="0")),
            ("quantity not a number", row(product_quantity="deux")),
            ("negative price", row(unit_price_tax_incl="-12.000000")),
            ("unknown sku", row(product_reference="INCONNU-42", product_ean13="0000000000000")),
            (
                "unmapped tax rate",
                row(unit_price_tax_incl="12.960000", unit_price_tax_excl="12.000000"),
            ),
            ("missing country", bundle(lambda r: r.pop("country"))),
            ("unknown country", country("XX")),
            ("missing address", bundle(lambda r: r.pop("address"))),
            ("wrong total", order(total_paid_tax_incl="12.34")),
            ("no total", order(total_paid_tax_incl=None, total_paid=None)),
            ("negative discount", order(total_discounts_tax_incl="-5.000000")),
            ("unknown currency", bundle(lambda r: r["currency"].update(iso_code="ZZZ"))),
            (
                "unmapped carrier",
                bundle(
                    lambda r: r["carrier"].update(
                        external_module_name="chronopost", name="Chronopost 13h"
                    )
                ),
            ),
            ("a field as a list", order(reference=["A", "B"])),
            ("a 5 MB body", order(gift_message="x" * (5 * 1024 * 1024))),
        ]
