# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two workers import the same shop order at the same moment, each in its own
transaction on committed data: one sale order comes out."""

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

    def _setup_committed(self):
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
            order = dict(RACE_ORDER, currency=company.currency_id.name)
            entries = env["ecom.inbox"]
            for event in ("delivery-a", "delivery-b"):
                entries |= env["ecom.inbox"]._receive(
                    backend,
                    json.dumps(order),
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
            orders.with_context(disable_cancel_warning=True).action_cancel()
            env["ecom.inbox"].search([("backend_id", "=", backend_id)]).unlink()
            bindings.unlink()
            orders.unlink()
            env["ecom.res.partner"].search([("backend_id", "=", backend_id)]).unlink()
            (partners | partners.child_ids).unlink()
            env["ecom.backend"].browse(backend_id).unlink()
            env["product.product"].browse(product_id).product_tmpl_id.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_workers_one_order(self):
        backend_id, product_id, entry_ids = self._setup_committed()
        self.addCleanup(self._cleanup, backend_id, product_id)
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
        self.assertEqual(
            sorted(outcomes.values()),
            ["done", "retry"],
            "one worker imports, the other is told to retry",
        )
        # the queue retries the second job later: it finds the order
        retried = [eid for eid, outcome in outcomes.items() if outcome == "retry"]
        worker(retried[0], race=False)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            bindings = env["ecom.sale.order"].search([("backend_id", "=", backend_id)])
            self.assertEqual(len(bindings), 1)
            self.assertEqual(bindings.odoo_id.order_line.product_id.id, product_id)
            entries = env["ecom.inbox"].browse(entry_ids)
            self.assertEqual(entries.mapped("state"), ["done", "done"])
            self.assertEqual(entries.sale_order_id, bindings.odoo_id)
