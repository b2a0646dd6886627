# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class Ecom3plFileLine(models.Model):
    _name = "ecom.3pl.file.line"
    _description = "Logistics Provider File Line"
    _order = "file_id, line_no, id"
    _check_company_auto = True

    file_id = fields.Many2one("ecom.3pl.file", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="file_id.company_id", store=True, index=True)
    line_no = fields.Integer(string="Line")
    reference = fields.Char(help="Transfer of the line (shipments, receipts) or product (stock).")
    product_code = fields.Char(string="Product Reference")
    product_id = fields.Many2one("product.product", check_company=True)
    quantity_text = fields.Char(string="Quantity")
    lot = fields.Char(string="Lot / Serial")
    tracking_ref = fields.Char(string="Tracking Number")
    picking_id = fields.Many2one("stock.picking", string="Transfer", check_company=True)
    state = fields.Selection([("done", "Applied"), ("error", "Error")], required=True, index=True)
    message = fields.Char()
    quantity_expected = fields.Float(string="Expected", digits="Product Unit of Measure")
    quantity_done = fields.Float(string="Received", digits="Product Unit of Measure")
    discrepancy = fields.Boolean(help="Received quantity differs from the expected one.")
