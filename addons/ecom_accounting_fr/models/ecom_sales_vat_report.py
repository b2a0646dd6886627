# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .ecom_account_ventilation import GEOGRAPHIES, NATURES

#: categories of the French B2C e-reporting (réforme de la facturation électronique)
EREPORTING_CATEGORIES = [
    ("TLB1", "TLB1 - Deliveries of goods taxed in France"),
    ("TPS1", "TPS1 - Services taxed in France"),
    ("TNT1", "TNT1 - Operations not taxed in France (OSS, exports, exempt)"),
]


class EcomSalesVatReport(models.Model):
    """Posted customer invoice and credit note lines with their VAT rate,
    geography, nature and channel: the pivot of sales and the source of
    the B2C e-reporting."""

    _name = "ecom.sales.vat.report"
    _description = "Sales by VAT rate, geography and channel"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "move_id"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    geography = fields.Selection(GEOGRAPHIES, readonly=True)
    channel = fields.Char(string="Sales channel", readonly=True)
    nature = fields.Selection(NATURES, readonly=True)
    tax_rate = fields.Float(string="VAT rate (%)", readonly=True, aggregator=None)
    is_b2c = fields.Boolean(string="B2C", readonly=True)
    ereporting_category = fields.Selection(
        EREPORTING_CATEGORIES, string="E-reporting category", readonly=True
    )
    amount_untaxed = fields.Monetary(string="Untaxed amount", readonly=True, aggregator="sum")
    amount_tax = fields.Monetary(string="VAT", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT aml.id,
                   COALESCE(am.invoice_date, am.date) AS date,
                   aml.company_id,
                   aml.company_currency_id AS currency_id,
                   am.id AS move_id,
                   am.commercial_partner_id AS partner_id,
                   aml.product_id,
                   aml.account_id,
                   am.ecom_geography AS geography,
                   am.ecom_channel AS channel,
                   COALESCE(aml.ecom_nature, vent.nature) AS nature,
                   COALESCE(rate.tax_rate, 0) AS tax_rate,
                   COALESCE(am.ecom_is_b2c, FALSE) AS is_b2c,
                   -- what the invoice froze when posted: geography, nature, B2C
                   CASE
                       WHEN am.ecom_geography IN ('eu_b2c', 'export')
                            OR COALESCE(rate.tax_rate, 0) = 0 THEN 'TNT1'
                       WHEN COALESCE(aml.ecom_nature, vent.nature) = 'service' THEN 'TPS1'
                       ELSE 'TLB1'
                   END AS ereporting_category,
                   -aml.balance AS amount_untaxed,
                   CASE WHEN aml.price_subtotal = 0 THEN 0
                        ELSE ROUND(
                            ((aml.price_total - aml.price_subtotal) * -aml.balance
                             / aml.price_subtotal)::numeric, 2)
                   END AS amount_tax
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
         LEFT JOIN LATERAL (
                   SELECT v.nature
                     FROM ecom_account_ventilation v
                    WHERE v.account_id = aml.account_id
                      AND v.company_id = aml.company_id
                      AND v.scope = 'sale'
                 ORDER BY v.id
                    LIMIT 1
                   ) vent ON TRUE
         LEFT JOIN LATERAL (
                   SELECT SUM(tax.amount) AS tax_rate
                     FROM account_move_line_account_tax_rel rel
                     JOIN account_tax tax ON tax.id = rel.account_tax_id
                    WHERE rel.account_move_line_id = aml.id
                      AND tax.amount_type = 'percent'
                   ) rate ON TRUE
             WHERE am.state = 'posted'
               AND am.move_type IN ('out_invoice', 'out_refund', 'out_receipt')
               AND aml.display_type = 'product'
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
