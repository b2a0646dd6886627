# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

#: weighings of one product's parcels needed before a product is flagged
MIN_WEIGHINGS = 3


class EcomWeightDeviationReport(models.Model):
    """Per product, the weighings of parcels holding that product only:
    the average difference per unit between measured and recorded weight.
    A product is flagged when, over at least three weighings, the average
    difference exceeds the tolerance: its recorded weight is probably wrong."""

    _name = "ecom.weight.deviation.report"
    _description = "Weight Deviation per Product"
    _auto = False
    _order = "flagged desc, abs_deviation_pct desc"

    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    recorded_weight = fields.Float(string="Recorded Weight (kg)", digits=(16, 3), readonly=True)
    weighing_count = fields.Integer(string="Weighings", readonly=True)
    avg_unit_weight = fields.Float(
        string="Measured Weight per Unit (kg)", digits=(16, 3), readonly=True
    )
    avg_deviation = fields.Float(string="Deviation per Unit (kg)", digits=(16, 3), readonly=True)
    avg_deviation_pct = fields.Float(string="Deviation (%)", readonly=True)
    abs_deviation_pct = fields.Float(string="Absolute Deviation (%)", readonly=True)
    flagged = fields.Boolean(string="Weight to Check", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(view)s AS (
                    SELECT MIN(s.id) AS id, s.company_id, s.product_id,
                           MAX(pt.weight) AS recorded_weight,
                           COUNT(*) AS weighing_count,
                           AVG(s.measured_weight / s.weight_unit_count) AS avg_unit_weight,
                           AVG(s.weight_diff / s.weight_unit_count) AS avg_deviation,
                           AVG(100.0 * s.weight_diff / NULLIF(s.expected_weight, 0))
                               AS avg_deviation_pct,
                           ABS(AVG(100.0 * s.weight_diff / NULLIF(s.expected_weight, 0)))
                               AS abs_deviation_pct,
                           (COUNT(*) >= %(min)s AND
                            ABS(AVG(100.0 * s.weight_diff / NULLIF(s.expected_weight, 0)))
                                > MAX(s.tolerance_pct)) AS flagged
                      FROM ecom_packing_scan s
                      JOIN product_product pp ON pp.id = s.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE s.kind = 'weight' AND s.weight_unit_count > 0
                     GROUP BY s.company_id, s.product_id
                )""",
                view=SQL.identifier(self._table),
                min=MIN_WEIGHINGS,
            )
        )
