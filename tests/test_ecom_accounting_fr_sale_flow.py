# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_accounting_fr with sale, stock and delivery: a shop order confirmed,
shipped through its picking and invoiced lands on the ventilated accounts."""

from odoo.addons.ecom_accounting_fr.tests.common import EcomAccountingCase


class TestEcomAccountingFrSaleFlow(EcomAccountingCase):
    ecom_user_groups = (
        "base.group_user",
        "account.group_account_invoice",
        "sales_team.group_sale_salesman_all_leads",
        "stock.group_stock_user",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.product_tshirt.is_storable = True
        cls.env["stock.quant"]._update_available_quantity(
            cls.product_tshirt, cls.warehouse.lot_stock_id, 50.0
        )
        # a French customer who has the parcel delivered to Germany: OSS
        cls.address_de = cls.env["res.partner"].create(
            {
                "name": "Élodie Martin (Berlin)",
                "type": "delivery",
                "parent_id": cls.customer_fr.id,
                "country_id": cls.country_de.id,
                "street": "Kastanienallee 3",
                "zip": "10435",
                "city": "Berlin",
            }
        )

    def _ship_and_invoice(self, partner, lines, shipping_address=None):
        order = self.env_user["sale.order"].create(
            {
                "partner_id": partner.id,
                "partner_shipping_id": (shipping_address or partner).id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": qty, "price_unit": price})
                    for product, qty, price in lines
                ],
            }
        )
        order.set_delivery_line(self.carrier, 6.90)
        order.action_confirm()
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        picking.action_assign()
        self.assertEqual(picking.state, "assigned")
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        invoice = order._create_invoices()
        invoice.action_post()
        return order, invoice

    def _accounts(self, invoice):
        return {line.product_id: line.account_id.code for line in invoice.invoice_line_ids}

    def test_french_order(self):
        _order, invoice = self._ship_and_invoice(
            self.customer_fr_2, [(self.product_tshirt, 2, 25.0), (self.product_book, 1, 18.0)]
        )
        self.assertEqual(invoice.ecom_geography, "domestic")
        self.assertEqual(
            self._accounts(invoice),
            {
                self.product_tshirt: "707110",
                self.product_book: "707130",
                self.product_shipping: "708510",
            },
        )
        self.assertEqual(invoice.amount_untaxed, 74.90)

    def test_order_shipped_to_another_eu_country(self):
        order, invoice = self._ship_and_invoice(
            self.customer_fr, [(self.product_tshirt, 1, 25.0)], self.address_de
        )
        self.assertEqual(invoice.partner_shipping_id, self.address_de)
        # French VAT charged (under the OSS threshold): a French sale (issue 12)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_sale_20)
        self.assertEqual(invoice.ecom_geography, "domestic")
        self.assertEqual(
            self._accounts(invoice),
            {
                self.product_tshirt: "707110",
                self.product_shipping: "708510",
            },
        )
        self.assertEqual(order.invoice_status, "invoiced")

    def test_intra_community_order(self):
        _order, invoice = self._ship_and_invoice(
            self.customer_be_b2b, [(self.product_tshirt, 10, 20.0)]
        )
        self.assertEqual(invoice.fiscal_position_id, self.fpos_intra_b2b)
        self.assertEqual(
            self._accounts(invoice),
            {
                self.product_tshirt: "707160",
                self.product_shipping: "708560",
            },
        )
        self.assertEqual(invoice.amount_tax, 0.0)
