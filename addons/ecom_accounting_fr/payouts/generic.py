# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's own documented CSV (readme/CONFIGURE.md): one line per amount.

Columns ``date;type;reference;label;amount`` and optionally ``vat_amount``,
``currency``, ``transaction_id``; separator ``;``, ``,`` or tab; ``type`` one of :data:`KINDS`.
"""

from .common import (
    KINDS,
    PayoutFormatError,
    PayoutRow,
    PayoutStatement,
    parse_amount,
    parse_date,
    read_rows,
)

REQUIRED = ("date", "type", "reference", "label", "amount")


def parse(data, env):
    statement = PayoutStatement(reference="", currency="")
    for line_no, row in read_rows(data, env, REQUIRED):
        kind = row["type"].lower()
        if kind not in KINDS:
            raise PayoutFormatError(
                env._(
                    "Line %(line)s: unknown type %(type)r; expected one of %(kinds)s.",
                    line=line_no,
                    type=row["type"],
                    kinds=", ".join(KINDS),
                )
            )
        currency = row.get("currency", "").upper()
        if currency:
            if statement.currency and currency != statement.currency:
                raise PayoutFormatError(env._("Line %s: the file mixes currencies.", line_no))
            statement.currency = currency
        day = parse_date(row["date"], env, line_no, "date")
        statement.rows.append(
            PayoutRow(
                line_no=line_no,
                kind=kind,
                amount=parse_amount(row["amount"], env, line_no, "amount"),
                date=day,
                order_ref=row["reference"],
                label=row["label"] or row["reference"] or kind,
                vat_amount=parse_amount(
                    row.get("vat_amount", ""), env, line_no, "vat_amount", required=False
                ),
                txn_id=row.get("transaction_id", ""),
            )
        )
        statement.date = max(statement.date or day, day)
    if not statement.rows:
        raise PayoutFormatError(env._("The file has no line."))
    return statement
