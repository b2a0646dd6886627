# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Amazon Seller Central settlement report, flat file V2 (tab separated).

The first data line is the settlement summary (settlement-id, deposit-date,
total-amount, currency); every other line is one amount of one transaction.
"""

from decimal import Decimal

from .common import (
    PayoutFormatError,
    PayoutRow,
    PayoutStatement,
    check_total,
    parse_amount,
    parse_date,
    read_rows,
)

REQUIRED = (
    "settlement-id",
    "deposit-date",
    "total-amount",
    "currency",
    "transaction-type",
    "order-id",
    "amount-type",
    "amount-description",
    "amount",
)
SALE_AMOUNT_TYPES = ("itemprice", "promotion")
FEE_AMOUNT_TYPES = ("itemfees", "itemfee")


def _kind(transaction_type, amount_type, description):
    transaction_type = transaction_type.lower()
    amount_type = amount_type.lower().replace(" ", "")
    description = description.lower()
    if transaction_type == "current reserve amount":
        return "reserve_held"
    if transaction_type == "previous reserve amount balance":
        return "reserve_released"
    if transaction_type in ("order", "refund"):
        if amount_type in SALE_AMOUNT_TYPES:
            return "sale" if transaction_type == "order" else "refund"
        if amount_type in FEE_AMOUNT_TYPES:
            return "commission"
        return "other"
    if transaction_type == "servicefee" or "fee" in description or "subscription" in description:
        return "commission"
    return "other"


def parse(data, env):
    statement = None
    for line_no, row in read_rows(data, env, REQUIRED, delimiters="\t"):
        if statement is None:
            if row["transaction-type"] or not row["total-amount"]:
                raise PayoutFormatError(
                    env._(
                        "Line %s: an Amazon settlement starts with its summary line "
                        "(settlement-id, deposit-date, total-amount, currency).",
                        line_no,
                    )
                )
            statement = PayoutStatement(
                reference=env._("Amazon settlement %s", row["settlement-id"]),
                currency=row["currency"].upper(),
                date=parse_date(row["deposit-date"], env, line_no, "deposit-date"),
                total=parse_amount(row["total-amount"], env, line_no, "total-amount"),
                key=f"amazon-settlement-{row['settlement-id']}",
            )
            continue
        if not row["transaction-type"]:
            raise PayoutFormatError(
                env._("Line %s: the column transaction-type is empty.", line_no)
            )
        kind = _kind(row["transaction-type"], row["amount-type"], row["amount-description"])
        order_ref = row.get("order-id", "")
        merchant_ref = row.get("merchant-order-id", "")
        statement.rows.append(
            PayoutRow(
                line_no=line_no,
                kind=kind,
                amount=parse_amount(row["amount"], env, line_no, "amount"),
                date=parse_date(
                    row.get("posted-date", ""), env, line_no, "posted-date", required=False
                )
                or statement.date,
                order_ref=order_ref,
                alt_refs=tuple(r for r in (merchant_ref,) if r and r != order_ref),
                label=" ".join(
                    filter(
                        None,
                        (row["transaction-type"], row["amount-description"], order_ref),
                    )
                ),
            )
        )
    if statement is None:
        raise PayoutFormatError(env._("The settlement file has no line."))
    check_total(statement, env)
    statement.rows.append(
        PayoutRow(
            line_no=0,
            kind="payout",
            amount=-statement.total,
            date=statement.date,
            label=env._("%s: transfer to the bank", statement.reference),
        )
    )
    if not any(r.kind != "payout" for r in statement.rows) and statement.total == Decimal(0):
        raise PayoutFormatError(env._("The settlement file has no transaction."))
    return statement
