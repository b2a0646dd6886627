# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shopify Payments payout transactions export (CSV): one line per charge,
refund or adjustment with its fee and the payout it belongs to. The file
has no line for the transfer itself: each paid payout becomes one, for the
net amount of its transactions."""

from collections import defaultdict
from decimal import Decimal

from .common import (
    PayoutFormatError,
    PayoutRow,
    PayoutStatement,
    parse_amount,
    parse_date,
    read_rows,
)

REQUIRED = (
    "transaction date",
    "type",
    "order",
    "payout status",
    "payout id",
    "amount",
    "fee",
    "net",
    "currency",
)


def parse(data, env):
    statement = PayoutStatement(reference="", currency="")
    payouts = defaultdict(Decimal)
    payout_dates = {}
    for line_no, row in read_rows(data, env, REQUIRED, delimiters=",;\t"):
        currency = row["currency"].upper()
        if statement.currency and currency != statement.currency:
            raise PayoutFormatError(env._("Line %s: the file mixes currencies.", line_no))
        statement.currency = currency
        day = parse_date(row["transaction date"], env, line_no, "transaction date")
        statement.date = max(statement.date or day, day)
        shopify_type = row["type"].lower()
        kind = {"charge": "sale", "refund": "refund"}.get(shopify_type, "other")
        amount = parse_amount(row["amount"], env, line_no, "amount")
        fee = parse_amount(row["fee"], env, line_no, "fee", required=False) or Decimal(0)
        net = parse_amount(row["net"], env, line_no, "net")
        if amount - abs(fee) != net and amount + fee != net:
            raise PayoutFormatError(
                env._(
                    "Line %(line)s: amount %(amount)s minus fee %(fee)s is not the net %(net)s.",
                    line=line_no,
                    amount=amount,
                    fee=fee,
                    net=net,
                )
            )
        order_ref = row["order"].lstrip("#") if row["order"] else ""
        statement.add_transaction(
            line_no=line_no,
            kind=kind,
            amount=amount,
            date=day,
            order_ref=order_ref,
            alt_refs=(row["order"],) if row["order"].startswith("#") else (),
            label=" ".join(filter(None, (row["type"], row["order"]))),
            fee=net - amount,
            fee_label=env._("Shopify Payments fee %s", row["order"]),
        )
        if row["payout status"].lower() == "paid" and row["payout id"]:
            payouts[row["payout id"]] += net
            payout_date = parse_date(
                row.get("payout date", ""), env, line_no, "payout date", required=False
            )
            payout_dates[row["payout id"]] = payout_date or day
    if not statement.rows:
        raise PayoutFormatError(env._("The Shopify Payments file has no line."))
    for payout_id, net in payouts.items():
        statement.rows.append(
            PayoutRow(
                line_no=0,
                kind="payout",
                amount=-net,
                date=payout_dates[payout_id],
                label=env._("Shopify Payments payout %s", payout_id),
            )
        )
        statement.date = max(statement.date, payout_dates[payout_id])
    statement.reference = env._("Shopify Payments until %s", statement.date)
    return statement
