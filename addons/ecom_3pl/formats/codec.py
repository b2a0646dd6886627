# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Declarative flat-file codec of the logistics flows (no database, no network).

A *layout* is a plain dict built by ``ecom.3pl.format._get_layout()``::

    {
        "kind": "csv" | "fixed" | "xml",
        "encoding": "utf-8",
        "delimiter": ";", "quotechar": '"', "header": True,      # csv
        "xml_root": "orders", "xml_record": "line",              # xml
        "date_format": "%Y-%m-%d", "decimal_separator": ".",
        "fields": [
            {"key": "order_ref", "column": "reference",          # csv / xml
             "start": 1, "width": 20, "align": "left"},          # fixed
        ],
    }

Every flow is a list of flat rows (one per line of an order, receipt, parcel
or stock item; record fields repeated on each row).  :func:`render` turns
rows (dicts keyed by the canonical ``key``) into bytes; :func:`parse` turns
bytes into ``[(line_number, {key: text})]`` plus per-line errors.  Values are
text both ways: numbers and dates are formatted by :func:`format_value` and
read by :func:`parse_number`.  Errors are :class:`FormatError` with a code and
parameters, translated by the caller.
"""

import csv
import io
from datetime import date, datetime

from lxml import etree


class FormatError(Exception):
    """A file or a line that cannot be read; ``code`` says why.

    Codes: ``empty``, ``encoding`` (``position``, ``encoding``), ``xml``
    (``detail``), ``header`` (``columns``: the missing ones), ``truncated``
    (a line shorter than the layout), ``number`` (``value``).
    """

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def format_value(layout, value):
    """Text of one value: numbers with the layout's decimal separator and no
    useless zeros, dates with its date format, ``None``/``False`` empty."""
    if value is None or value is False:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime | date):
        return value.strftime(layout.get("date_format") or "%Y-%m-%d")
    if isinstance(value, float):
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        return text.replace(".", layout.get("decimal_separator") or ".")
    return str(value)


def parse_number(layout, text):
    """Float from a text in the layout's decimal format; ``FormatError``
    (code ``number``) when it is not a number."""
    raw = (text or "").strip()
    separator = layout.get("decimal_separator") or "."
    if separator != ".":
        raw = raw.replace(".", "").replace(separator, ".")
    try:
        value = float(raw)
    except ValueError:
        raise FormatError("number", value=text) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise FormatError("number", value=text)
    return value


# ------------------------------------------------------------------ render


def render(layout, rows):
    """Bytes of a file holding ``rows`` (dicts keyed by canonical keys)."""
    kind = layout["kind"]
    if kind == "csv":
        text = _render_csv(layout, rows)
    elif kind == "fixed":
        text = _render_fixed(layout, rows)
    else:
        return _render_xml(layout, rows)
    return text.encode(layout.get("encoding") or "utf-8", errors="replace")


def _render_csv(layout, rows):
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=layout.get("delimiter") or ";",
        quotechar=layout.get("quotechar") or '"',
        lineterminator="\r\n",
    )
    fields = layout["fields"]
    if layout.get("header", True):
        writer.writerow([field["column"] for field in fields])
    for row in rows:
        writer.writerow([format_value(layout, row.get(field["key"])) for field in fields])
    return out.getvalue()


def _render_fixed(layout, rows):
    fields = sorted(layout["fields"], key=lambda f: f["start"])
    lines = []
    for row in rows:
        line = ""
        for field in fields:
            value = format_value(layout, row.get(field["key"]))
            value = value.replace("\r", " ").replace("\n", " ")[: field["width"]]
            line = line.ljust(field["start"] - 1)
            if field.get("align") == "right":
                line += value.rjust(field["width"])
            else:
                line += value.ljust(field["width"])
        lines.append(line)
    return "".join(line + "\r\n" for line in lines)


def _render_xml(layout, rows):
    root = etree.Element(layout.get("xml_root") or "records")
    for row in rows:
        record = etree.SubElement(root, layout.get("xml_record") or "record")
        for field in layout["fields"]:
            etree.SubElement(record, field["column"]).text = format_value(
                layout, row.get(field["key"])
            )
    return etree.tostring(
        root,
        xml_declaration=True,
        encoding=layout.get("encoding") or "utf-8",
        pretty_print=True,
    )


# ------------------------------------------------------------------ parse


def parse(layout, data):
    """Read ``data`` (bytes): ``(rows, errors)`` with ``rows`` a list of
    ``(line_number, {key: text})`` and ``errors`` a list of
    ``(line_number, FormatError)`` for lines that cannot be read.  Raise
    :class:`FormatError` when the file as a whole cannot be read (empty,
    wrong encoding, broken XML, missing columns)."""
    if not data or not data.strip():
        raise FormatError("empty")
    if layout["kind"] == "xml":
        return _parse_xml(layout, data)
    encoding = layout.get("encoding") or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FormatError("encoding", encoding=encoding, position=exc.start) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if layout["kind"] == "csv":
        return _parse_csv(layout, text)
    return _parse_fixed(layout, text)


def _parse_csv(layout, text):
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=layout.get("delimiter") or ";",
        quotechar=layout.get("quotechar") or '"',
    )
    fields = layout["fields"]
    lines = list(reader)
    if layout.get("header", True):
        header = [name.strip() for name in lines[0]]
        missing = [f["column"] for f in fields if f["column"] not in header]
        if missing:
            raise FormatError("header", columns=", ".join(missing))
        positions = {f["key"]: header.index(f["column"]) for f in fields}
        width = len(header)
        body, first = lines[1:], 2
    else:
        positions = {f["key"]: index for index, f in enumerate(fields)}
        width = len(fields)
        body, first = lines, 1
    rows, errors = [], []
    for number, values in enumerate(body, start=first):
        if not any(value.strip() for value in values):
            continue
        if len(values) < width:
            errors.append((number, FormatError("truncated")))
            continue
        rows.append((number, {key: values[pos].strip() for key, pos in positions.items()}))
    return rows, errors


def _parse_fixed(layout, text):
    fields = layout["fields"]
    length = max(f["start"] - 1 + f["width"] for f in fields)
    # the last column may be right-trimmed by the sender, not cut in two
    last_start = max(f["start"] for f in fields)
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) < last_start:
            errors.append((number, FormatError("truncated")))
            continue
        line = line.ljust(length)
        rows.append(
            (
                number,
                {
                    f["key"]: line[f["start"] - 1 : f["start"] - 1 + f["width"]].strip()
                    for f in fields
                },
            )
        )
    return rows, errors


def _parse_xml(layout, data):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError("xml", detail=str(exc)) from None
    rows, errors = [], []
    for record in root.iter(layout.get("xml_record") or "record"):
        values = {}
        for field in layout["fields"]:
            node = record.find(field["column"])
            values[field["key"]] = (node.text or "").strip() if node is not None else ""
        rows.append((record.sourceline or 0, values))
    return rows, errors
