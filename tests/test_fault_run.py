# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fault run on 60 orders (``tests/fault_run.py``; 500 in
``bench/fault_run.py``): 10 % of the shop's and La Poste's answers are
faults, two job workers, webhooks and polls racing; every promise holds."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from odoo.addons.ecom_connector.tests.real_server import stop_local_runner

from .fault_run import FaultRun


@tagged("post_install", "-at_install")
class TestFaultRun(TransactionCase):
    def test_sixty_orders_through_faults(self):
        restart = stop_local_runner()
        if restart:
            self.addCleanup(restart)
        run = FaultRun(self.registry, config.rcfile, orders=60, timeout=240)
        figures, problems = run.run()
        for label, value in figures:
            print(f"{label}: {value}")  # noqa: T201
        self.assertEqual(problems, [])
        injected = dict(figures)
        self.assertEqual(dict(figures)["orders"], 60)
        self.assertNotIn("injected: )", injected["shop requests"], "faults were injected")
        self.assertNotIn("injected: )", injected["La Poste requests"], "faults were injected")
