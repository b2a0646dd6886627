# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _compute_account_id(self):
        # Refine the income/expense account core takes from the product with
        # the ventilation table (VAT rate x geography x nature).
        res = super()._compute_account_id()
        if not self.env.context.get("ecom_no_ventilation"):
            self._ecom_apply_ventilation()
        return res

    def _compute_analytic_distribution(self):
        # Optional analytic split per sales channel, from the payout profiles;
        # distribution models of core keep the priority.
        res = super()._compute_analytic_distribution()
        lines = self.filtered(
            lambda line: (
                line.display_type == "product"
                and not line.analytic_distribution
                and line.move_id.ecom_channel
                and line.move_id.is_sale_document(include_receipts=True)
            )
        )
        if lines:
            analytic_by_channel = lines._ecom_get_channel_analytic()
            for line in lines:
                analytic = analytic_by_channel.get((line.company_id.id, line.move_id.ecom_channel))
                if analytic:
                    line.analytic_distribution = {str(analytic): 100.0}
        return res

    def _ecom_get_channel_analytic(self):
        """``{(company_id, channel): analytic_account_id}`` of the profiles."""
        profiles = (
            self.env["ecom.payout.profile"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("channel", "in", list(set(self.move_id.mapped("ecom_channel")))),
                    ("analytic_account_id", "!=", False),
                ]
            )
        )
        return {(p.company_id.id, p.channel): p.analytic_account_id.id for p in profiles}

    @api.onchange("tax_ids")
    def _ecom_onchange_tax_ids(self):
        self._conditional_add_to_compute(
            "account_id",
            lambda line: (
                line.display_type == "product" and line.product_id and line.move_id.is_invoice(True)
            ),
        )

    def _ecom_apply_ventilation(self):
        lines = self.filtered(
            lambda line: (
                line.display_type == "product"
                and line.product_id
                and line.move_id.is_invoice(True)
                and line.product_id.ecom_accounting_nature
            )
        )
        if not lines:
            return
        Ventilation = self.env["ecom.account.ventilation"]
        shipping_products = lines._ecom_get_carrier_products()
        europe = self.env.ref("base.europe").country_ids
        for line in lines:
            move = line.move_id
            scope = "sale" if move.is_sale_document(include_receipts=True) else "purchase"
            account_id = Ventilation._get_account_id(
                line.company_id,
                scope,
                line._ecom_get_nature(shipping_products),
                move.ecom_geography or move._get_ecom_geography(europe),
                line._ecom_get_tax_rate(),
            )
            if account_id:
                line.account_id = account_id

    def _ecom_get_carrier_products(self):
        """Products used by a delivery carrier, when ``delivery`` is installed."""
        if "delivery.carrier" not in self.env:
            return self.env["product.product"]
        products = self.product_id.filtered(
            lambda product: product.ecom_accounting_nature == "service"
        )
        if not products:
            return products
        carriers = (
            self.env["delivery.carrier"]
            .sudo()
            .with_context(active_test=False)
            .search([("product_id", "in", products.ids)])
        )
        return carriers.product_id

    def _ecom_get_nature(self, shipping_products):
        self.ensure_one()
        if self.product_id in shipping_products:
            return "shipping"
        return self.product_id.ecom_accounting_nature

    def _ecom_get_tax_rate(self):
        """VAT rate of the line in percent: the sum of its percent taxes."""
        self.ensure_one()
        taxes = self.tax_ids.flatten_taxes_hierarchy()
        return sum(tax.amount for tax in taxes if tax.amount_type == "percent")
