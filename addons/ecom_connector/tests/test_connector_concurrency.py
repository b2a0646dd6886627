# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two workers import the same shop order, or two orders of one customer, at
the same moment, each in its own transaction on committed data: one sale
order, one customer comes out."""

import json
import threading

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.exception import RetryableJobError

RACE_ORDER = {
    "external_id": "RACE-1",
    "reference": "#RACE-1",
    "paid": True,
    "payment_method": "card",
    "customer": {"external_id": "RC-1", "email": "course@example.fr", "name": "Camille Course"},
    "billing_address": {
        "name": "Camille Course",
        "street": "1 rue du Départ",
        "zip": "75001",
        "city": "Paris",
        "country_code": "FR",
    },
    "lines": [{"sku": "RACE-SKU", "quantity": 2, "price_unit": "10.00", "tax_rate": 0}],
    "total": "20.00",
}


@tagged("post_install", "-at_install")
class TestConcurrentImport(TransactionCase):
    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _setup_committed(self, orders=None):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            product = env["product.product"].create(
                {"name": "Article de course", "default_code": "RACE-SKU", "type": "service"}
            )
            backend = env["ecom.backend"].create(
                {
                    "name": "Course",
                    "platform": "file",
                    "company_id": company.id,
                    "prices_include_tax": True,
                    "default_payment_rule": "always",
                    "fiscal_position_domestic_id": False,
                    "fiscal_position_eu_b2c_id": False,
                    "fiscal_position_eu_b2b_id": False,
                    "fiscal_position_export_id": False,
                }
            )
            orders = orders or [RACE_ORDER, RACE_ORDER]
            entries = env["ecom.inbox"]
            for event, order in zip(("delivery-a", "delivery-b"), orders, strict=True):
                entries |= env["ecom.inbox"]._receive(
                    backend,
                    json.dumps(dict(order, currency=company.currency_id.name)),
                    source="webhook",
                    event_id=event,
                    payload_format="canonical",
                    process=False,
                )
            # the workers read committed data, each in its own transaction
            cr.commit()  # pylint: disable=invalid-commit
            return backend.id, product.id, entries.ids

    def _cleanup(self, backend_id, product_id):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            bindings = env["ecom.sale.order"].search([("backend_id", "=", backend_id)])
            orders = bindings.odoo_id
            partners = env["ecom.res.partner"].search([("backend_id", "=", backend_id)]).odoo_id
            partners |= orders.partner_id
            orders.with_context(disable_cancel_warning=True).action_cancel()
            env["ecom.inbox"].search([("backend_id", "=", backend_id)]).unlink()
            bindings.unlink()
            orders.unlink()
            env["ecom.res.partner"].search([("backend_id", "=", backend_id)]).unlink()
            (partners | partners.child_ids).unlink()
            env["ecom.backend"].browse(backend_id).unlink()
            env["product.product"].browse(product_id).product_tmpl_id.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _race(self, entry_ids):
        """Process the two entries at once, each in its own transaction whose
        snapshot predates the other's commit; the one told to retry is run
        again afterwards, as the job queue does.  Returns the outcomes."""
        barrier = threading.Barrier(2)
        outcomes = {}

        def worker(entry_id, race=True):
            with self.registry.cursor() as cr:
                entry = self._env(cr)["ecom.inbox"].browse(entry_id)
                # read before the start: both snapshots predate the other commit
                entry.backend_id.name  # noqa: B018  pylint: disable=pointless-statement
                if race:
                    barrier.wait(timeout=30)
                try:
                    entry._process()
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[entry_id] = "done"
                except RetryableJobError:
                    cr.rollback()
                    outcomes[entry_id] = "retry"

        threads = [threading.Thread(target=worker, args=(entry_id,)) for entry_id in entry_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        first = dict(outcomes)
        # the queue retries a job told to wait: it finds what the other made
        for entry_id in [eid for eid, outcome in first.items() if outcome == "retry"]:
            worker(entry_id, race=False)
        return first

    def test_two_workers_one_order(self):
        backend_id, product_id, entry_ids = self._setup_committed()
        self.addCleanup(self._cleanup, backend_id, product_id)
        outcomes = self._race(entry_ids)
        self.assertEqual(
            sorted(outcomes.values()),
            ["done", "retry"],
            "one worker imports, the other is told to retry",
        )
        with self.registry.cursor() as cr:
            env = self._env(cr)
            bindings = env["ecom.sale.order"].search([("backend_id", "=", backend_id)])
            self.assertEqual(len(bindings), 1)
            self.assertEqual(bindings.odoo_id.order_line.product_id.id, product_id)
            entries = env["ecom.inbox"].browse(entry_ids)
            self.assertEqual(entries.mapped("state"), ["done", "done"])
            self.assertEqual(entries.sale_order_id, bindings.odoo_id)

    def test_two_workers_two_orders_of_one_guest(self):
        """Two orders of one customer without a shop id (guest checkout, B2B
        company known by its VAT number), delivered to a new address: one
        partner, one delivery address."""
        guest = dict(RACE_ORDER["customer"], external_id="")
        company = {
            "external_id": "",
            "email": "achats@course-sarl.example.fr",
            "name": "Course SARL",
            "company": "Course SARL",
            "vat": "FR40303265045",
        }
        shipping = dict(RACE_ORDER["billing_address"], street="9 quai de l'Arrivée")
        for customer in (guest, company):
            orders = [
                dict(
                    RACE_ORDER,
                    customer=customer,
                    shipping_address=shipping,
                    external_id=f"{customer['name']}-{number}",
                )
                for number in (1, 2)
            ]
            backend_id, product_id, entry_ids = self._setup_committed(orders)
            try:
                outcomes = self._race(entry_ids)
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    orders = env["ecom.sale.order"].search([("backend_id", "=", backend_id)])
                    states = env["ecom.inbox"].browse(entry_ids).mapped("state")
                    partners = env["res.partner"].search(
                        [("email_normalized", "=", customer["email"]), ("parent_id", "=", False)]
                    )
                    customers = orders.odoo_id.partner_id.ids
                    addresses = orders.odoo_id.partner_shipping_id
                    address_parents = addresses.parent_id.ids
                    self.assertEqual(len(orders), 2)
            finally:
                self._cleanup(backend_id, product_id)
            self.assertEqual(sorted(outcomes.values()), ["done", "retry"], customer["name"])
            self.assertEqual(states, ["done", "done"])
            self.assertEqual(len(partners), 1, f"one customer {customer['name']} for both orders")
            self.assertEqual(customers, partners.ids)
            self.assertEqual(len(addresses), 1, "one delivery address for both orders")
            self.assertEqual(address_parents, partners.ids)
