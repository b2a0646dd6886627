# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.ecom_connector.tests.common import EcomConnectorCase


class TestInvoiceChannel(EcomConnectorCase):
    def test_invoice_carries_the_channel(self):
        entry = self.receive(self.canonical_order(channel="Amazon"))
        sale = entry.child_ids.sale_order_id
        self.assertEqual(sale.state, "sale", entry.child_ids.error)
        self.assertEqual(sale.ecom_channel, "Amazon")
        invoice = sale._create_invoices()
        self.assertEqual(invoice.ecom_channel, "Amazon")
        # an order typed in Odoo has no channel
        manual = self.env["sale.order"].create(
            {
                "partner_id": sale.partner_id.id,
                "order_line": [(0, 0, {"product_id": self.products["THE-SENCHA"].id})],
            }
        )
        manual.action_confirm()
        self.assertFalse(manual._create_invoices().ecom_channel)
