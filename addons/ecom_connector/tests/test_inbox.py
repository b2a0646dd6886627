# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from .common import EcomConnectorCase


def _without(data, *keys):
    data = dict(data)
    for key in keys:
        data.pop(key)
    return data


class TestInbox(EcomConnectorCase):
    def _malformed_corpus(self):
        """(label, payload text) of canonical orders that must all fail."""
        good = self.canonical_order()

        counter = iter(range(1000))

        def variant(**changes):
            order = self.canonical_order(external_id=f"BAD-{next(counter)}")
            order.update(changes)
            return json.dumps(order)

        def line_variant(**changes):
            order = self.canonical_order(external_id=f"BAD-{next(counter)}")
            order["lines"][0].update(changes)
            return json.dumps(order)

        def address_variant(**changes):
            order = self.canonical_order(external_id=f"BAD-{next(counter)}")
            order["billing_address"] = dict(order["billing_address"], **changes)
            order["shipping_address"] = None
            return json.dumps(order)

        text = json.dumps(good)
        return [
            ("bad json", "{not json"),
            ("truncated json", text[: len(text) // 2]),
            ("empty body", ""),
            ("a number", "42"),
            ("a string", '"order"'),
            ("no id", json.dumps(_without(good, "external_id"))),
            ("no lines", variant(lines=[])),
            ("lines not a list", variant(lines={"sku": "THE-SENCHA"})),
            ("line not an object", variant(lines=["THE-SENCHA"])),
            ("negative quantity", line_variant(quantity=-2)),
            ("zero quantity", line_variant(quantity=0)),
            ("quantity not a number", line_variant(quantity="deux")),
            ("negative price", line_variant(price_unit="-12.00")),
            ("price NaN", line_variant(price_unit="NaN")),
            ("discount above line", line_variant(discount="99.00")),
            ("no sku nor barcode", line_variant(sku="", barcode="")),
            ("unknown sku", line_variant(sku="NOPE-1")),
            ("unmapped rate", line_variant(tax_rate=8)),
            ("missing country", address_variant(country_code="")),
            ("unknown country", address_variant(country_code="XX")),
            ("missing street", address_variant(street="")),
            ("no billing address", variant(billing_address=None, shipping_address=None)),
            ("no total", json.dumps(_without(good, "total"))),
            ("wrong total", variant(total="12.34")),
            ("unknown currency", variant(currency="ZZZ")),
            ("currency without pricelist", variant(currency="CHF")),
            ("shipping not an object", variant(shipping="colissimo")),
            ("unmapped carrier", variant(shipping={"code": "ups", "amount": "5", "tax_rate": 20})),
            ("negative discount", variant(discounts=[{"amount": "-3", "tax_rate": 20}])),
            ("tax-excluded prices for a tax-included shop", variant(prices_include_tax=False)),
        ]

    def test_malformed_corpus_leaves_errors_and_no_order(self):
        corpus = self._malformed_corpus()
        self.assertGreaterEqual(len(corpus), 20)
        for label, payload in corpus:
            with self.subTest(label):
                entry = self.env["ecom.inbox"]._receive(
                    self.backend, payload, source="push", payload_format="canonical", process=False
                )
                entry._process()
                self.assertEqual(entry.state, "error", label)
                self.assertTrue(entry.error, label)
                self.assertEqual(entry.payload, payload.replace("\x00", ""))
                if label != "wrong total":
                    self.assertFalse(entry.sale_order_id, label)
        # only the order whose total differs was kept, in draft, for a person to check
        orders = self.bound_orders()
        self.assertEqual(len(orders), 1)
        self.assertEqual(orders.state, "draft")

    def test_error_messages_speak_to_the_merchant(self):
        for label, payload in self._malformed_corpus():
            if label in ("unknown sku", "unknown country", "negative quantity", "unmapped rate"):
                entry = self.env["ecom.inbox"]._receive(
                    self.backend, payload, source="push", payload_format="canonical", process=False
                )
                entry._process()
                expected = {
                    "unknown sku": "NOPE-1",
                    "unknown country": "XX",
                    "negative quantity": "must be positive",
                    "unmapped rate": "no tax mapped to the shop rate 8",
                }[label]
                self.assertIn(expected, entry.error)

    def test_french_error_messages(self):
        """Errors are written in the shop's language, whoever runs the job."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.backend.lang = "fr_FR"
        order = self.canonical_order()
        order["lines"][0]["quantity"] = -1
        entry = (
            self.env["ecom.inbox"]
            .with_context(lang="en_US")
            ._receive(
                self.backend,
                json.dumps(order),
                source="push",
                payload_format="canonical",
                process=False,
            )
        )
        entry._process()
        self.assertIn("doit être positive", entry.error)
        self.backend.lang = "en_US"
        entry.with_context(lang="fr_FR")._process()
        self.assertIn("must be positive", entry.error)

    def test_large_payload_is_kept_not_processed(self):
        order = self.canonical_order()
        order["note"] = "x" * (5 * 1024 * 1024)
        entry = self.receive(order)
        self.assertEqual(entry.state, "error")
        self.assertIn("bytes", entry.error)
        self.assertGreater(entry.payload_size, 5 * 1024 * 1024)
        self.assertFalse(self.bound_orders())

    def test_skip_and_replay(self):
        bad = self.canonical_order()
        bad["lines"][0]["sku"] = "NOPE"
        entry = self.receive(bad).child_ids
        entry.action_skip()
        self.assertEqual(entry.state, "skipped")
        good = self.receive(self.canonical_order()).child_ids
        sale = good.sale_order_id
        good.action_replay()
        self.assertEqual(good.state, "done")
        self.assertEqual(good.attempts, 2)
        self.assertEqual(good.sale_order_id, sale)
        self.assertEqual(len(self.bound_orders()), 1)

    def test_backend_counts(self):
        self.receive(self.canonical_order())
        bad = self.canonical_order(external_id="X")
        bad["lines"][0]["sku"] = "NOPE"
        self.receive(bad)
        self.backend.invalidate_recordset(["inbox_count", "inbox_error_count", "order_count"])
        self.assertEqual(self.backend.inbox_error_count, 1)
        self.assertEqual(self.backend.inbox_count, 4)  # two batches, two orders
        self.assertEqual(self.backend.order_count, 1)
        action = self.backend.action_view_inbox_errors()
        self.assertEqual(action["context"]["search_default_error"], 1)
