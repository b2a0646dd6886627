# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form

from .common import Ecom3plCase


class TestViews(Ecom3plCase):
    def test_forms(self):
        """The forms open and save for the people who use them."""
        with Form(self.env_manager["ecom.3pl.format"]) as form:
            form.name = "Fixed shipments"
            form.flow = "shipment"
            form.kind = "fixed"
            form.filename_pattern = "EXP*.txt"
            with form.field_ids.new() as field:
                field.key = "order_ref"
                field.start = 1
                field.width = 20
        self.assertEqual(form.record.field_ids.width, 20)
        provider = Form(self.provider.with_user(self.ecom_manager))
        provider.scheduled = True
        provider.interval_minutes = 10
        provider.save()
        self._create_delivery([(self.product_a, 1)])
        self._run()
        file = self._files()
        Form(file.with_user(self.ecom_user))
        for action in (
            "ecom_3pl.ecom_3pl_file_action",
            "ecom_3pl.ecom_3pl_stock_discrepancy_action",
        ):
            model = self.env.ref(action).res_model
            self.env_user[model].get_views([(False, "list"), (False, "form"), (False, "search")])
