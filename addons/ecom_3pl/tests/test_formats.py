# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from ..formats import codec
from .common import Ecom3plCase


class TestFormats(Ecom3plCase):
    def _layout(self, xmlid):
        return self.env.ref(xmlid)._get_layout()

    def test_presets_round_trip(self):
        """Every preset writes rows it reads back identically."""
        rows = [
            {
                "order_ref": "WH/OUT/00001",
                "product_code": "SKU-A",
                "quantity": 2.5,
                "asn_ref": "WH/IN/00001",
                "lot": "L1",
                "tracking_ref": "6A1",
                "carrier": "GLS",
                "weight": 1.25,
            },
            {
                "order_ref": "WH/OUT/00002",
                "product_code": "SKU-B",
                "quantity": 1.0,
                "asn_ref": "WH/IN/00002",
                "lot": "",
                "tracking_ref": "6A2",
                "carrier": "GLS",
                "weight": 0.5,
            },
        ]
        for kind in ("csv", "fixed"):
            for flow in ("shipment", "receipt", "stock"):
                layout = self._layout(f"ecom_3pl.ecom_3pl_format_{kind}_{flow}")
                parsed, errors = codec.parse(layout, codec.render(layout, rows))
                self.assertFalse(errors)
                keys = [f["key"] for f in layout["fields"]]
                self.assertEqual(
                    [values for _line, values in parsed],
                    [
                        {key: codec.format_value(layout, row.get(key)) for key in keys}
                        for row in rows
                    ],
                    f"{kind} {flow}",
                )

    def test_fixed_width_positions_and_decimal_comma(self):
        fmt = self.env.ref("ecom_3pl.ecom_3pl_format_fixed_order")
        layout = dict(fmt._get_layout(), decimal_separator=",")
        content = codec.render(
            layout,
            [
                {
                    "record_type": "ORDER",
                    "order_ref": "WH/OUT/00007",
                    "order_date": date(2026, 11, 29),
                    "line_no": 1,
                    "product_code": "SKU-A",
                    "quantity": 2.5,
                }
            ],
        )
        line = content.decode("cp1252").splitlines()[0]
        self.assertEqual(line[0:6], "ORDER ")
        self.assertEqual(line[6:26].rstrip(), "WH/OUT/00007")
        self.assertEqual(line[46:54], "20261129")
        self.assertEqual(line[343:347], "   1")
        self.assertEqual(line[386:396], "       2,5")
        self.assertEqual(codec.parse_number(layout, "1.234,5"), 1234.5)

    def test_xml_layout(self):
        fmt = self.env["ecom.3pl.format"].create(
            {
                "name": "XML shipments",
                "flow": "shipment",
                "kind": "xml",
                "xml_root": "Shipments",
                "xml_record": "Parcel",
                "filename_pattern": "*.xml",
                "field_ids": [
                    Command.create({"key": "order_ref", "column": "OrderRef"}),
                    Command.create({"key": "product_code", "column": "Sku"}),
                    Command.create({"key": "quantity", "column": "Qty"}),
                    Command.create({"key": "tracking_ref", "column": "Tracking"}),
                ],
            }
        )
        layout = fmt._get_layout()
        data = (
            b"<?xml version='1.0'?><Shipments><Parcel><OrderRef>WH/OUT/1</OrderRef>"
            b"<Sku>SKU-A</Sku><Qty>2</Qty><Tracking>T1</Tracking></Parcel></Shipments>"
        )
        rows, errors = codec.parse(layout, data)
        self.assertFalse(errors)
        self.assertEqual(
            rows[0][1],
            {
                "order_ref": "WH/OUT/1",
                "product_code": "SKU-A",
                "quantity": "2",
                "tracking_ref": "T1",
            },
        )
        self.assertIn(b"<Sku>SKU-A</Sku>", codec.render(layout, [rows[0][1]]))
        with self.assertRaises(codec.FormatError) as caught:
            codec.parse(layout, data[:-20])
        self.assertEqual(caught.exception.code, "xml")
        # no external entity is ever read
        evil = (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<Shipments><Parcel><Sku>&x;</Sku></Parcel></Shipments>"
        )
        rows, _errors = codec.parse(layout, evil)
        self.assertNotIn("root:", rows[0][1]["product_code"])

    def test_wrong_encoding_and_truncated_files(self):
        """A file that cannot be read as a whole applies nothing and says why."""
        picking = self._create_delivery([(self.product_a, 2)])
        self._run()
        header = ";".join(self._ship_rows_header())
        self._drop(
            "SHIP_latin1.csv", f"{header}\r\n{picking.name};SKU-A;2;;É1;GLS;1\r\n".encode("latin-1")
        )
        self._drop(
            "SHIP_cut.csv",
            f"{header}\r\n{picking.name};SKU-A;2;;T1;GLS;1\r\n{picking.name};SKU-A;1",
        )
        self._drop("SHIP_empty.csv", "")
        self._drop("SHIP_header.csv", "order;sku\r\nx;y\r\n")
        self._run()
        latin, cut, empty, header_file = (
            self._files(name=name)
            for name in ("SHIP_latin1.csv", "SHIP_cut.csv", "SHIP_empty.csv", "SHIP_header.csv")
        )
        self.assertEqual(picking.state, "assigned")
        for file in (latin, cut, empty, header_file):
            self.assertEqual(file.state, "error")
            self.assertFalse(file.line_ids)
        self.assertIn("utf-8", latin.message)
        self.assertRegex(cut.message, r"\b3\b")  # the truncated line
        self.assertIn("order_ref", header_file.message)
        # the merchant sets the right encoding on the file and processes it again
        latin.format_id = self.env.ref("ecom_3pl.ecom_3pl_format_csv_shipment").copy(
            {"encoding": "latin-1", "filename_pattern": "NONE"}
        )
        latin.action_reprocess()
        self.assertEqual(latin.state, "done", latin.message)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.carrier_tracking_ref, "É1")
