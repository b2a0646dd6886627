# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stripe balance history / payout reconciliation export (CSV): one line
per balance transaction (charge, refund, payout, fee, adjustment) with its
amount and Stripe fee; the order reference comes from the payment metadata."""

from .common import (
    PayoutFormatError,
    PayoutStatement,
    parse_amount,
    parse_date,
    read_rows,
)

ALIASES = {
    "balance_transaction_id": "id",
    "reporting_category": "type",
    "gross": "amount",
    "created (utc)": "created",
    "created_utc": "created",
    "order_id (metadata)": "order",
    "payment_metadata[order_id]": "order",
    "order_id": "order",
}
REQUIRED = ("id", "type", "amount", "fee", "currency", "created")
KIND_BY_TYPE = {
    "charge": "sale",
    "payment": "sale",
    "refund": "refund",
    "payment_refund": "refund",
    "payout": "payout",
    "payout_failure": "payout",
    "payout_reversal": "payout",
    "stripe_fee": "fee",
    "fee": "fee",
    "tax": "fee",
}


def parse(data, env):
    statement = PayoutStatement(reference="", currency="")
    for line_no, row in read_rows(data, env, REQUIRED, aliases=ALIASES, delimiters=",;\t"):
        currency = row["currency"].upper()
        if statement.currency and currency != statement.currency:
            raise PayoutFormatError(env._("Line %s: the file mixes currencies.", line_no))
        statement.currency = currency
        day = parse_date(row["created"], env, line_no, "created")
        statement.date = max(statement.date or day, day)
        kind = KIND_BY_TYPE.get(row["type"].lower(), "other")
        amount = parse_amount(row["amount"], env, line_no, "amount")
        fee = parse_amount(row["fee"], env, line_no, "fee", required=False)
        order_ref = row.get("order", "")
        label = " ".join(
            filter(None, (row["type"], order_ref or row.get("description", ""), row["id"]))
        )
        # Stripe exports the fee taken from the balance as positive: net = amount - fee
        statement.add_transaction(
            line_no=line_no,
            kind=kind,
            amount=amount,
            date=day,
            order_ref=order_ref,
            label=label,
            txn_id=row["id"],
            fee=-fee if fee else None,
            fee_label=env._("Stripe fee %s", row["id"]),
        )
    if not statement.rows:
        raise PayoutFormatError(env._("The Stripe file has no line."))
    statement.reference = env._("Stripe balance until %s", statement.date)
    return statement
