# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import codecs

from odoo import api, fields, models
from odoo.exceptions import ValidationError

FLOWS = [
    ("order", "Delivery orders (out)"),
    ("asn", "Expected receipts / ASN (out)"),
    ("shipment", "Shipment confirmations (in)"),
    ("receipt", "Receipt confirmations (in)"),
    ("stock", "Stock snapshots (in)"),
]


class Ecom3plFormat(models.Model):
    _name = "ecom.3pl.format"
    _description = "Logistics Provider File Format"
    _order = "flow, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the format is shared by every company."
    )
    flow = fields.Selection(FLOWS, required=True)
    kind = fields.Selection(
        [("csv", "CSV"), ("fixed", "Fixed width"), ("xml", "XML")],
        string="File Type",
        required=True,
        default="csv",
    )
    encoding = fields.Char(required=True, default="utf-8")
    delimiter = fields.Char(default=";", size=1)
    quotechar = fields.Char(string="Quote Character", default='"', size=1)
    has_header = fields.Boolean(
        string="Header Line", default=True, help="CSV: the first line names the columns."
    )
    date_format = fields.Char(default="%Y-%m-%d", help="Python strftime format, e.g. %d/%m/%Y.")
    decimal_separator = fields.Selection(
        [(".", "Point (1.5)"), (",", "Comma (1,5)")], default=".", required=True
    )
    xml_root = fields.Char(string="XML Root Tag", default="records")
    xml_record = fields.Char(string="XML Record Tag", default="record")
    filename_prefix = fields.Char(
        help="Outgoing files: name prefix, followed by the date and time of the run."
    )
    filename_pattern = fields.Char(
        help="Incoming files: the files of this flow in the provider's folder "
        "(shell pattern, e.g. SHIP*.csv).",
    )
    field_ids = fields.One2many("ecom.3pl.format.field", "format_id", string="Fields", copy=True)
    note = fields.Text(translate=True)

    @api.constrains("encoding")
    def _check_encoding(self):
        for fmt in self:
            try:
                codecs.lookup(fmt.encoding)
            except LookupError:
                raise ValidationError(self.env._("Unknown encoding %s.", fmt.encoding)) from None

    @api.constrains("kind", "field_ids", "delimiter")
    def _check_layout(self):
        for fmt in self:
            if fmt.kind == "csv" and not fmt.delimiter:
                raise ValidationError(self.env._("Format %s: set the delimiter.", fmt.name))
            for field in fmt.field_ids:
                if fmt.kind == "fixed" and (field.start < 1 or field.width < 1):
                    raise ValidationError(
                        self.env._(
                            "Format %(format)s: field %(field)s needs a start "
                            "position and a width.",
                            format=fmt.name,
                            field=field.column or field.key,
                        )
                    )
                if fmt.kind != "fixed" and not field.column:
                    raise ValidationError(
                        self.env._(
                            "Format %(format)s: field %(field)s needs a column name.",
                            format=fmt.name,
                            field=field.key,
                        )
                    )

    def _get_layout(self):
        """The plain layout dict read by ``formats.codec`` (see there)."""
        self.ensure_one()
        return {
            "kind": self.kind,
            "encoding": self.encoding or "utf-8",
            "delimiter": self.delimiter or ";",
            "quotechar": self.quotechar or '"',
            "header": self.has_header,
            "xml_root": self.xml_root or "records",
            "xml_record": self.xml_record or "record",
            "date_format": self.date_format or "%Y-%m-%d",
            "decimal_separator": self.decimal_separator or ".",
            "fields": [
                {
                    "key": field.key,
                    "column": field.column or field.key,
                    "start": field.start,
                    "width": field.width,
                    "align": field.align,
                }
                for field in self.field_ids.sorted("sequence")
            ],
        }
