# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

import psycopg2

from odoo.tools import mute_logger
from odoo.tools.sql import index_exists

from odoo.addons.queue_job.exception import RetryableJobError

from .common import EcomConnectorCase


class TestImportOrder(EcomConnectorCase):
    def test_import_creates_confirmed_order(self):
        entry = self.receive(self.canonical_order())
        self.assertEqual(entry.state, "done", entry.error)
        # a batch (push) is split into one entry per order
        child = entry.child_ids
        self.assertEqual(len(child), 1)
        self.assertEqual(child.state, "done", child.error)
        sale = child.sale_order_id
        self.assertEqual(self.bound_orders(), sale)
        self.assertEqual(sale.state, "sale")
        self.assertAlmostEqual(sale.amount_total, 88.10, places=2)
        self.assertEqual(sale.client_order_ref, "#1001")
        # confirmed, the order keeps the date it was placed at the shop
        self.assertEqual(str(sale.date_order), "2026-11-20 09:15:00")
        self.assertEqual(sale.ecom_backend_id, self.backend)
        self.assertEqual(sale.ecom_channel, "Boutique WooCommerce")
        self.assertEqual(sale.carrier_id, self.carrier)
        self.assertEqual(sale.partner_id.email, "elodie.martin@example.fr")
        self.assertEqual(sale.partner_invoice_id, sale.partner_id)
        self.assertEqual(sale.partner_shipping_id.street, "12 quai Saint-Antoine")
        self.assertEqual(sale.partner_shipping_id.type, "delivery")
        self.assertEqual(sale.partner_shipping_id.parent_id, sale.partner_id)
        self.assertEqual(sale.fiscal_position_id.name, "Domestic - France")
        by_product = {line.product_id: line for line in sale.order_line}
        sencha = by_product[self.products["THE-SENCHA"]]
        self.assertEqual(sencha.product_uom_qty, 2)
        self.assertEqual(sencha.tax_id, self.tax_sale_55_ttc)
        self.assertEqual(by_product[self.products["REVUE-THE"]].tax_id, self.tax_sale_21_ttc)
        shipping = sale.order_line.filtered("is_delivery")
        self.assertEqual(shipping.price_unit, 4.90)
        self.assertEqual(shipping.tax_id, self.tax_sale_20_ttc)
        discounts = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertEqual(
            sorted((d.price_unit, d.tax_id.amount) for d in discounts),
            [(-5.0, 20.0), (-2.4, 5.5)],
        )
        # confirmation went through procurement: a delivery waits in the warehouse
        self.assertEqual(sale.picking_ids.picking_type_code, "outgoing")
        self.assertEqual(sale.picking_ids.partner_id, sale.partner_shipping_id)

    def test_import_as_ecom_user(self):
        """The inbox job runs as the user who queued it: an E-commerce user."""
        entry = self.env["ecom.inbox"]._receive(
            self.backend,
            json.dumps(self.canonical_order(external_id="U-1")),
            source="push",
            payload_format="canonical",
            kind="batch",
            process=False,
        )
        entry = entry.with_user(self.ecom_user)
        entry._process()
        self.assertEqual(entry.state, "done", entry.error)
        self.assertEqual(entry.child_ids.sale_order_id.state, "sale")

    def test_reimport_makes_no_duplicate(self):
        self.receive(self.canonical_order())
        again = self.receive(self.canonical_order())
        self.assertEqual(again.child_ids.state, "done")
        self.assertIn("no change", again.child_ids.result)
        self.assertEqual(len(self.bound_orders()), 1)
        self.assertEqual(
            self.env["ecom.res.partner"].search_count([("backend_id", "=", self.backend.id)]), 1
        )

    def test_returning_guest_found_by_indexed_email(self):
        """A guest's second order (no shop customer id) finds the customer by
        e-mail, written differently; the lookup reads an index, not every
        contact (bench/README.md, scale section)."""
        guest = dict(
            self.canonical_order()["customer"], external_id="", email="Elodie.Martin@Example.fr"
        )
        first = self.receive(self.canonical_order(external_id="G-1", customer=guest))
        second = self.receive(
            self.canonical_order(
                external_id="G-2", customer=dict(guest, email="elodie.martin@example.fr")
            )
        )
        partner = first.child_ids.sale_order_id.partner_id
        self.assertTrue(partner)
        self.assertEqual(second.child_ids.sale_order_id.partner_id, partner)
        self.assertTrue(index_exists(self.env.cr, "res_partner__email_normalized_index"))

    def test_waits_for_payment_then_confirms(self):
        entry = self.receive(self.canonical_order(paid=False))
        sale = entry.child_ids.sale_order_id
        self.assertEqual(sale.state, "draft")
        self.assertIn("waiting for payment", entry.child_ids.result)
        self.receive(self.canonical_order(paid=True))
        self.assertEqual(sale.state, "sale")
        self.assertEqual(len(self.bound_orders()), 1)

    def test_code_split_over_rates_named_once(self):
        """A shop's code spread over the products' rates (PrestaShop's cart
        rules) gives one line per rate, each naming the code once."""
        order = self.canonical_order(
            discounts=[
                {"name": "BIENVENUE", "amount": "3.00", "tax_rate": 20},
                {"name": "BIENVENUE", "amount": "2.00", "tax_rate": 5.5},
            ]
        )
        sale = self.receive(order).child_ids.sale_order_id
        discounts = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertEqual(len(discounts), 2)
        for line in discounts:
            self.assertEqual(line.name.count("BIENVENUE"), 1, line.name)

    def test_line_labels_name_the_product_once(self):
        """A line the shop names like the product is labelled as Odoo labels
        it ([SKU] name), so that the invoice does not repeat the name; a shop
        label that says more (a variant) is kept."""
        order = self.canonical_order()
        order["lines"][1]["name"] = "Théière en fonte « Kyoto » - noire, 0,8 l"
        sale = self.receive(order).child_ids.sale_order_id
        names = {line.product_id.default_code: line.name for line in sale.order_line}
        self.assertEqual(names["THE-SENCHA"], "[THE-SENCHA] Thé vert Sencha 100 g")
        self.assertEqual(names["THEIERE-FONTE"], "Théière en fonte « Kyoto » - noire, 0,8 l")
        invoice = sale._create_invoices()
        labels = {line.product_id.default_code: line.name for line in invoice.invoice_line_ids}
        self.assertEqual(labels["THE-SENCHA"], "[THE-SENCHA] Thé vert Sencha 100 g")

    def test_payment_rule_never_skips(self):
        entry = self.receive(self.canonical_order(payment_method="cod"))
        self.assertEqual(entry.child_ids.state, "skipped")
        self.assertFalse(self.bound_orders())

    def test_address_change_before_and_after_shipping(self):
        entry = self.receive(self.canonical_order())
        sale = entry.child_ids.sale_order_id
        moved = self.canonical_order()
        moved["shipping_address"] = dict(moved["shipping_address"], street="5 rue Mercière")
        self.receive(moved)
        self.assertEqual(sale.partner_shipping_id.street, "5 rue Mercière")
        self.assertEqual(sale.picking_ids.partner_id.street, "5 rue Mercière")
        picking = sale.picking_ids
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        moved["shipping_address"] = dict(moved["shipping_address"], street="1 rue Neuve")
        late = self.receive(moved)
        self.assertEqual(sale.partner_shipping_id.street, "5 rue Mercière")
        self.assertIn("already shipped", late.child_ids.result)
        self.assertTrue(sale.activity_ids)

    def test_cancel_at_shop(self):
        entry = self.receive(self.canonical_order())
        sale = entry.child_ids.sale_order_id
        cancel = self.receive({"external_id": "A-1001", "status": "cancelled", "cancelled": True})
        self.assertEqual(cancel.child_ids.state, "done", cancel.child_ids.error)
        self.assertEqual(sale.state, "cancel")
        self.assertEqual(sale.picking_ids.state, "cancel")
        # a cancellation of an order never imported is skipped
        unknown = self.receive({"external_id": "NEVER-SEEN", "cancelled": True})
        self.assertEqual(unknown.child_ids.state, "skipped")

    def test_cancel_after_shipping_needs_a_person(self):
        entry = self.receive(self.canonical_order())
        sale = entry.child_ids.sale_order_id
        picking = sale.picking_ids
        picking.action_assign()
        picking.move_ids.picked = True
        picking.button_validate()
        cancel = self.receive({"external_id": "A-1001", "cancelled": True})
        self.assertEqual(cancel.child_ids.state, "error")
        self.assertEqual(sale.state, "sale")
        self.assertIn("already shipped", cancel.child_ids.error)

    def test_total_mismatch_keeps_draft(self):
        entry = self.receive(self.canonical_order(total="90.00"))
        child = entry.child_ids
        self.assertEqual(child.state, "error")
        self.assertIn("90.00", child.error)
        self.assertIn("88.10", child.error)
        sale = child.sale_order_id
        self.assertEqual(sale.state, "draft")
        self.assertEqual(sale.activity_ids.summary, "Shop total differs")

    def test_state_mapping_skip(self):
        self.env["ecom.state.map"].create(
            {"backend_id": self.backend.id, "shop_state": "pending", "action": "skip"}
        )
        entry = self.receive(self.canonical_order(status="pending"))
        self.assertEqual(entry.child_ids.state, "skipped")
        self.assertFalse(self.bound_orders())

    def test_b2b_intra_community(self):
        order = self.canonical_order(external_id="B2B-1", total="105.00")
        order["customer"] = {
            "external_id": "88",
            "email": "einkauf@mueller-tee.example.de",
            "company": "Müller Teehandel GmbH",
            "vat": "DE 129273398",
        }
        address = {
            "name": "Jürgen Müller",
            "company": "Müller Teehandel GmbH",
            "street": "Königstraße 12",
            "zip": "70173",
            "city": "Stuttgart",
            "state_code": "BW",
            "country_code": "DE",
        }
        order.update(billing_address=address, shipping_address=address, discounts=[])
        order["lines"] = [
            {"sku": "THEIERE-FONTE", "quantity": 2, "price_unit": "50.00", "tax_rate": 0}
        ]
        order["shipping"] = {"code": "colissimo", "amount": "5.00", "tax_rate": 0}
        entry = self.receive(order)
        sale = entry.child_ids.sale_order_id
        self.assertEqual(entry.child_ids.state, "done", entry.child_ids.error)
        self.assertTrue(sale.partner_id.is_company)
        self.assertEqual(sale.partner_id.vat, "DE129273398")
        self.assertEqual(sale.partner_shipping_id.state_id.name, "Baden-Württemberg")
        self.assertEqual(sale.fiscal_position_id.name, "Intra-EU B2B")
        self.assertFalse(sale.order_line.tax_id)
        self.assertAlmostEqual(sale.amount_total, 105.0)

    def test_eu_consumer_oss(self):
        order = self.canonical_order(external_id="BE-1", total="60.50", discounts=[])
        address = {
            "name": "Anaïs Dubois",
            "street": "Rue Neuve 45",
            "zip": "1000",
            "city": "Bruxelles",
            "country_code": "be",
        }
        order.update(
            billing_address=address,
            shipping_address=address,
            customer={"email": "anais.dubois@example.be"},
        )
        order["lines"] = [
            {"sku": "THEIERE-FONTE", "quantity": 1, "price_unit": "55.60", "tax_rate": 21}
        ]
        order["shipping"] = {"code": "colissimo", "amount": "4.90", "tax_rate": 21}
        entry = self.receive(order)
        sale = entry.child_ids.sale_order_id
        self.assertEqual(entry.child_ids.state, "done", entry.child_ids.error)
        self.assertEqual(sale.order_line.tax_id, self.tax_be_21)
        self.assertEqual(sale.fiscal_position_id.name, "EU private")
        self.assertFalse(sale.partner_id.is_company)

    def test_unknown_sku_leaves_nothing(self):
        order = self.canonical_order()
        order["lines"][1]["sku"] = "INCONNU-42"
        order["customer"]["email"] = "nobody-yet@example.fr"
        entry = self.receive(order)
        child = entry.child_ids
        self.assertEqual(child.state, "error")
        self.assertIn("INCONNU-42", child.error)
        self.assertIn("line 2", child.error)
        self.assertFalse(self.bound_orders())
        self.assertFalse(self.env["res.partner"].search([("email", "=", "nobody-yet@example.fr")]))
        self.assertTrue(child.payload)

    def test_unmapped_rate_then_retry(self):
        order = self.canonical_order(external_id="R-7")
        order["lines"][1]["tax_rate"] = 7
        order["lines"][1]["price_unit"] = "45.90"
        entry = self.receive(order)
        child = entry.child_ids
        self.assertEqual(child.state, "error")
        self.assertIn("7", child.error)
        seven = self.tax_sale_20_ttc.copy({"name": "TVA 7 %", "amount": 7})
        self.env["ecom.tax.map"].create(
            {"backend_id": self.backend.id, "rate": 7, "tax_id": seven.id}
        )
        child.action_retry()
        self.assertEqual(child.state, "done", child.error)
        self.assertEqual(child.attempts, 2)
        self.assertEqual(len(self.bound_orders()), 1)

    def test_concurrent_import_is_serialized(self):
        """Two workers on one shop order: the second waits for the first
        (advisory lock) and the database refuses a second binding."""
        self.receive(self.canonical_order())
        binding = self.env["ecom.sale.order"].search([("backend_id", "=", self.backend.id)])
        # the lock taken by this transaction is seen by another connection
        with self.registry.cursor() as other_cr:
            other = self.env(cr=other_cr)
            with self.assertRaises(RetryableJobError):
                other["ecom.sale.order"]._lock(self.backend, "A-1001")
            other["ecom.sale.order"]._lock(self.backend, "ANOTHER-ORDER")
            other_cr.rollback()
        with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env["ecom.sale.order"].create(
                    {
                        "odoo_id": binding.odoo_id.copy().id,
                        "backend_id": self.backend.id,
                        "external_id": "A-1001",
                    }
                )
