# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockQuantPackage(models.Model):
    _inherit = "stock.quant.package"

    ecom_3pl_tracking_ref = fields.Char(
        string="Parcel Tracking Number", copy=False, index="btree_not_null"
    )
    ecom_3pl_carrier = fields.Char(string="Parcel Carrier", copy=False)
