# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .ecom_account_ventilation import NATURES


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    ecom_nature = fields.Selection(
        [nature for nature in NATURES if nature[0] != "discount"],
        string="Accounting nature",
        compute="_compute_ecom_nature",
        store=True,
        help="Nature the ventilation used: the product's, a delivery carrier's "
        "product counts as shipping, and a discount takes the nature of what it "
        "reduces (goods, else shipping, at the same VAT rate). Fixed once posted.",
    )

    # the product's own nature is not a dependency: changing a product later
    # must not change posted lines
    @api.depends(
        "display_type",
        "product_id",
        "tax_ids",
        "price_unit",
        "move_id.invoice_line_ids.product_id",
        "move_id.invoice_line_ids.tax_ids",
    )
    def _compute_ecom_nature(self):
        lines = self.filtered(
            lambda line: (
                line.display_type == "product"
                and line.product_id.ecom_accounting_nature
                and line.move_id.is_invoice(True)
            )
        )
        (self - lines).ecom_nature = False
        if not lines:
            return
        # while a move is created its invoice_line_ids may not hold every line yet
        siblings = (lines | lines.move_id.invoice_line_ids).filtered(
            lambda line: line.display_type == "product"
        )
        shipping_products = siblings._ecom_get_carrier_products()
        for line in lines:
            line.ecom_nature = line._ecom_get_nature(shipping_products, siblings)

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
                and line.ecom_nature
            )
        )
        if not lines:
            return
        Ventilation = self.env["ecom.account.ventilation"]
        geographies = {}
        for line in lines:
            move = line.move_id
            scope = "sale" if move.is_sale_document(include_receipts=True) else "purchase"
            if move not in geographies:
                # the taxes of lines being created count (OSS or not)
                geographies[move] = move._get_ecom_geography(
                    lines.filtered(lambda other, m=move: other.move_id == m)
                )
            account_id = Ventilation._get_account_id(
                line.company_id,
                scope,
                line.ecom_nature,
                geographies[move],
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

    def _ecom_is_discount(self):
        """A discount line: a product of nature *Discount* (the connector's
        discount product), the company's sale discount product, or a service
        sold at a negative price (coupons, loyalty rewards)."""
        self.ensure_one()
        product = self.product_id
        if product.ecom_accounting_nature == "discount":
            return True
        company = self.company_id
        if "sale_discount_product_id" in company._fields and (
            product == company.sale_discount_product_id
        ):
            return True
        return product.ecom_accounting_nature == "service" and self.price_unit < 0

    def _ecom_get_nature(self, shipping_products, siblings=None):
        self.ensure_one()
        if self._ecom_is_discount():
            return self._ecom_get_discounted_nature(shipping_products, siblings)
        if self.product_id in shipping_products:
            return "shipping"
        return self.product_id.ecom_accounting_nature

    def _ecom_get_discounted_nature(self, shipping_products, siblings=None):
        """Nature of what a discount line reduces: the goods at its VAT rate,
        else the shipping at its rate, else services at its rate; goods when
        nothing of the invoice has its rate."""
        self.ensure_one()
        others = (siblings or self.move_id.invoice_line_ids).filtered(
            lambda line: (
                line.display_type == "product"
                and line.move_id == self.move_id
                and line != self
                and line.product_id
                and line.tax_ids == self.tax_ids
                and not line._ecom_is_discount()
            )
        )
        natures = set()
        for line in others:
            if line.product_id in shipping_products:
                natures.add("shipping")
            else:
                natures.add(line.product_id.ecom_accounting_nature)
        for nature in ("goods", "shipping", "service"):
            if nature in natures:
                return nature
        return "goods"

    def _ecom_get_tax_rate(self):
        """VAT rate of the line in percent: the sum of its percent taxes."""
        self.ensure_one()
        taxes = self.tax_ids.flatten_taxes_hierarchy()
        return sum(tax.amount for tax in taxes if tax.amount_type == "percent")
