# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class EcomPackingErrorReport(models.Model):
    """One row per scan or scan error: grouped by packer or product, the
    average of ``error_rate`` is the share of errors in %."""

    _name = "ecom.packing.error.report"
    _description = "Packing Error Rate"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Packer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    picking_id = fields.Many2one("stock.picking", readonly=True)
    station_id = fields.Many2one("ecom.packing.station", readonly=True)
    scan_count = fields.Integer(string="Scans", readonly=True, aggregator="sum")
    error_count = fields.Integer(string="Errors", readonly=True, aggregator="sum")
    error_rate = fields.Float(string="Error Rate (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                    SELECT s.id, s.create_date AS date, s.company_id, s.user_id,
                           s.product_id, s.picking_id, s.station_id,
                           1 AS scan_count,
                           CASE WHEN s.kind = 'error' THEN 1 ELSE 0 END AS error_count,
                           CASE WHEN s.kind = 'error' THEN 100.0 ELSE 0.0 END AS error_rate
                      FROM ecom_packing_scan s
                     WHERE s.kind IN ('scan', 'error')
                )""",
                SQL.identifier(self._table),
            )
        )
