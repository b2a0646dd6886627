# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

KEYS = [
    ("record_type", "Record type (ORDER / CANCEL / ASN)"),
    ("order_ref", "Delivery order reference"),
    ("origin", "Source document (sale order)"),
    ("order_date", "Order date"),
    ("partner_name", "Recipient name"),
    ("street", "Street"),
    ("street2", "Street 2"),
    ("zip", "ZIP"),
    ("city", "City"),
    ("country_code", "Country code"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("carrier", "Carrier"),
    ("relay_point", "Relay point"),
    ("service_level", "Service level"),
    ("asn_ref", "Receipt reference"),
    ("po_ref", "Purchase order"),
    ("supplier", "Supplier"),
    ("expected_date", "Expected date"),
    ("line_no", "Line number"),
    ("product_code", "Product reference"),
    ("barcode", "Barcode"),
    ("product_name", "Product name"),
    ("quantity", "Quantity"),
    ("uom", "Unit of measure"),
    ("lot", "Lot / serial number"),
    ("tracking_ref", "Parcel tracking number"),
    ("weight", "Parcel weight (kg)"),
]


class Ecom3plFormatField(models.Model):
    _name = "ecom.3pl.format.field"
    _description = "Logistics Provider File Field"
    _order = "format_id, sequence, id"

    format_id = fields.Many2one("ecom.3pl.format", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    key = fields.Selection(KEYS, string="Value", required=True)
    column = fields.Char(help="CSV: column header; XML: tag of the value in a record.")
    start = fields.Integer(help="Fixed width: first position (1 = first character).")
    width = fields.Integer(help="Fixed width: number of characters.")
    align = fields.Selection([("left", "Left"), ("right", "Right")], default="left", required=True)
