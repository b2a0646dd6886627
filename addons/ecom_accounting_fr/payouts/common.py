# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from odoo.addons.ecom_base.parsing import parse_decimal

#: what a row of a settlement means for the merchant's books
KINDS = (
    "sale",  # money a customer paid for an order
    "refund",  # money given back to a customer
    "commission",  # marketplace commission or fee (622x)
    "fee",  # payment processing fee (627)
    "reserve_held",  # money the platform keeps as a reserve
    "reserve_released",  # a previous reserve given back
    "payout",  # transfer to the merchant's bank (negative) or back (positive)
    "other",  # anything else: booked on the suspense account, to check
)


class PayoutFormatError(ValueError):
    """The file cannot be read; the message says why, for the merchant."""


@dataclass
class PayoutRow:
    line_no: int
    kind: str
    amount: Decimal  # positive: money owed to the merchant
    date: date = None
    order_ref: str = ""
    label: str = ""
    vat_amount: Decimal = None
    #: other references the order may be known by (merchant order id...)
    alt_refs: tuple = ()
    #: the platform's id of the transaction, when the file gives one: a
    #: transaction already imported (overlapping downloads) is skipped
    txn_id: str = ""


@dataclass
class PayoutStatement:
    reference: str
    currency: str
    rows: list = field(default_factory=list)
    date: date = None
    #: payout announced by the file; when given, the rows must add up to it
    total: Decimal = None
    #: the platform's id of the whole statement (Amazon settlement id), never
    #: imported twice whatever the file's bytes
    key: str = ""

    def add_transaction(
        self,
        *,
        line_no,
        kind,
        amount,
        date,
        order_ref,
        label,
        fee=None,
        fee_label="",
        txn_id="",
        alt_refs=(),
    ):
        """Add a transaction and, when the platform took one, its fee (signed
        as owed to the merchant: a fee is negative).  The order reference is
        kept on the transaction only for sales and refunds, which are matched
        with invoices; the fee keeps it to be reported per order."""
        self.rows.append(
            PayoutRow(
                line_no=line_no,
                kind=kind,
                amount=amount,
                date=date,
                order_ref=order_ref if kind in ("sale", "refund") else "",
                label=label,
                txn_id=txn_id,
                alt_refs=alt_refs,
            )
        )
        if fee:
            self.rows.append(
                PayoutRow(
                    line_no=line_no,
                    kind="fee",
                    amount=fee,
                    date=date,
                    order_ref=order_ref,
                    label=fee_label,
                    txn_id=txn_id,
                )
            )


def read_rows(data, env, required, aliases=None, delimiters="\t;,"):
    """Decode ``data`` and yield ``(line_no, {column: value})``.

    Column names are lower-cased and stripped; ``aliases`` maps other
    spellings (a French export...) to the canonical name.  Raises
    :class:`PayoutFormatError` on an undecodable file or missing columns."""
    if not data:
        raise PayoutFormatError(env._("The file is empty."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise PayoutFormatError(env._("The file is not a text (CSV) file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(delimiters, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise PayoutFormatError(env._("The file has no header line.")) from error
    aliases = aliases or {}
    columns = [aliases.get(c.strip().lower(), c.strip().lower()) for c in header]
    missing = [name for name in required if name not in columns]
    if missing:
        raise PayoutFormatError(
            env._(
                "Columns missing from the file: %(missing)s (found: %(found)s). "
                "Is it the right file type?",
                missing=", ".join(missing),
                found=", ".join(c for c in columns if c) or "-",
            )
        )
    try:
        for line_no, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(columns):
                raise PayoutFormatError(
                    env._(
                        "Line %(line)s has %(count)s fields, the header only %(expected)s.",
                        line=line_no,
                        count=len(values),
                        expected=len(columns),
                    )
                )
            yield line_no, {c: (v or "").strip() for c, v in zip(columns, values, strict=False)}
    except csv.Error as error:
        raise PayoutFormatError(env._("The file is not a valid CSV file: %s", error)) from error


_AMOUNT_JUNK = re.compile(r"[\s\u00a0\u202f€$£]|EUR|USD|GBP")


def parse_amount(text, env, line_no, column, required=True):
    """Read ``1234.56``, ``1 234,56``, ``1,234.56``, ``(12.00)``, ``-12``."""
    value = _AMOUNT_JUNK.sub("", text or "")
    if not value:
        if required:
            raise PayoutFormatError(
                env._("Line %(line)s: the column %(column)s is empty.", line=line_no, column=column)
            )
        return None
    negative = value.startswith("(") and value.endswith(")")
    try:
        amount = parse_decimal(value.strip("()"))
        if amount is None:
            raise ValueError(text)
    except ValueError as error:
        raise PayoutFormatError(
            env._(
                "Line %(line)s: %(value)r in the column %(column)s is not an amount.",
                line=line_no,
                value=text,
                column=column,
            )
        ) from error
    return -amount if negative else amount


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
)


def parse_date(text, env, line_no, column, required=True, formats=_DATE_FORMATS):
    """Read the usual date spellings of the platforms (time zone dropped)."""
    value = (text or "").strip()
    value = re.sub(r"\s*(UTC|GMT|PST|PDT|CET|CEST|Z)$", "", value)
    value = re.sub(r"(\.\d+)?\s*([+-]\d\d:?\d\d)$", "", value).strip()
    if not value:
        if required:
            raise PayoutFormatError(
                env._("Line %(line)s: the column %(column)s is empty.", line=line_no, column=column)
            )
        return None
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise PayoutFormatError(
        env._(
            "Line %(line)s: %(value)r in the column %(column)s is not a date.",
            line=line_no,
            value=text,
            column=column,
        )
    )


def check_total(statement, env):
    """The rows of a statement that announces its payout must add up to it."""
    if statement.total is None:
        return
    rows_total = sum((r.amount for r in statement.rows if r.kind != "payout"), Decimal(0))
    if rows_total != statement.total:
        raise PayoutFormatError(
            env._(
                "The lines add up to %(rows)s but the file announces a payout of "
                "%(total)s: the file is incomplete or altered.",
                rows=rows_total,
                total=statement.total,
            )
        )
