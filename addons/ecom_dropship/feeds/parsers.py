# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Supplier feed parsers: turn a CSV or XML payload into rows

    {"line": int, "ref": str|None, "ean": str|None, "price": float|None,
     "qty": float|None}

A payload that cannot be read as a whole (encoding, syntax, missing column or
element) raises ``UserError``; a line with a bad value is reported in the
returned errors and skipped.  Nothing here writes to the database.
"""

import csv
import io
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from odoo.exceptions import UserError

from odoo.addons.ecom_base.parsing import parse_decimal


def parse_number(text):
    """Read ``12.5``, ``12,50``, ``1 234,50``; None for an empty value;
    raise ValueError otherwise."""
    value = parse_decimal(text)
    return None if value is None else float(value)


def _clean(text):
    text = (text or "").strip()
    return text or None


def _make_row(env, line, ref, ean, price, qty, errors):
    ref, ean = _clean(ref), _clean(ean)
    if not ref and not ean:
        errors.append(env._("Line %s: no supplier reference and no EAN.", line))
        return None
    row = {"line": line, "ref": ref, "ean": ean, "price": None, "qty": None}
    for key, value, label in (
        ("price", price, env._("price")),
        ("qty", qty, env._("quantity")),
    ):
        try:
            row[key] = parse_number(value)
        except ValueError:
            errors.append(
                env._(
                    "Line %(line)s (%(ref)s): the %(field)s “%(value)s” is not a number.",
                    line=line,
                    ref=ref or ean,
                    field=label,
                    value=value,
                )
            )
            row["invalid"] = True
        else:
            if row[key] is not None and row[key] < 0:
                errors.append(
                    env._(
                        "Line %(line)s (%(ref)s): the %(field)s is negative.",
                        line=line,
                        ref=ref or ean,
                        field=label,
                    )
                )
                row["invalid"] = True
    return row


def parse_csv(env, payload, delimiter, encoding, columns):
    """Parse a CSV payload with a header line.

    :param columns: dict ``{"ref"|"ean"|"price"|"qty": header name or False}``
    :return: (rows, errors, number of lines read)
    """
    try:
        text = payload.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        raise UserError(
            env._(
                "The file cannot be read with the encoding %(encoding)s: %(error)s",
                encoding=encoding,
                error=exc,
            )
        ) from exc
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UserError(env._("The file is empty."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or ";", strict=True)
    try:
        header = [name.strip() for name in next(reader)]
        indexes = {}
        for key, name in columns.items():
            if not name:
                continue
            if name not in header:
                raise UserError(
                    env._(
                        "Column “%(column)s” not found in the file header (%(header)s). "
                        "Check the delimiter and the column mapping of the feed.",
                        column=name,
                        header=", ".join(header),
                    )
                )
            indexes[key] = header.index(name)
        rows, errors, lines_read = [], [], 0
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            lines_read += 1
            line = reader.line_num
            if len(values) < len(header):
                errors.append(
                    env._(
                        "Line %(line)s: %(count)s columns instead of %(expected)s.",
                        line=line,
                        count=len(values),
                        expected=len(header),
                    )
                )
                continue

            def get(key, values=values):
                return values[indexes[key]] if key in indexes else None

            row = _make_row(env, line, get("ref"), get("ean"), get("price"), get("qty"), errors)
            if row:
                rows.append(row)
    except csv.Error as exc:
        raise UserError(
            env._(
                "The CSV file is malformed at line %(line)s: %(error)s",
                line=reader.line_num,
                error=exc,
            )
        ) from exc
    return rows, errors, lines_read


def _find_text(item, path):
    if not path:
        return None
    if path.startswith("@"):
        return item.get(path[1:])
    if "/@" in path:
        element_path, attribute = path.rsplit("/@", 1)
        element = item.find(element_path)
        return element.get(attribute) if element is not None else None
    return item.findtext(path)


def parse_xml(env, payload, item_path, paths):
    """Parse an XML payload (entities and DTDs refused).

    :param item_path: ElementTree path of the product elements from the root,
        e.g. ``.//product``
    :param paths: dict ``{"ref"|"ean"|"price"|"qty": path or False}`` relative
        to a product element; ``@attr`` or ``child/@attr`` read an attribute
    :return: (rows, errors, number of products read)
    """
    try:
        root = SafeET.fromstring(payload)
    except (ParseError, DefusedXmlException) as exc:
        raise UserError(env._("The XML file is malformed: %s", exc)) from exc
    try:
        items = root.findall(item_path or ".//product")
    except SyntaxError as exc:
        raise UserError(env._("The product path “%s” is not valid.", item_path)) from exc
    if not items:
        raise UserError(
            env._(
                "No product found at “%(path)s” in the XML file (root element: %(root)s).",
                path=item_path,
                root=root.tag,
            )
        )
    rows, errors = [], []
    for index, item in enumerate(items, start=1):
        values = {key: _find_text(item, path) for key, path in paths.items()}
        row = _make_row(
            env,
            index,
            values.get("ref"),
            values.get("ean"),
            values.get("price"),
            values.get("qty"),
            errors,
        )
        if row:
            rows.append(row)
    return rows, errors, len(items)
