# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PayPal activity download (CSV, "balance affecting" transactions), English
or French column names. Each completed line gives its gross amount (a sale,
a refund, a withdrawal to the bank, a hold...) and its PayPal fee."""

from .common import (
    PayoutFormatError,
    PayoutStatement,
    parse_amount,
    parse_date,
    read_rows,
)

ALIASES = {
    "heure": "time",
    "nom": "name",
    "état": "status",
    "etat": "status",
    "statut": "status",
    "devise": "currency",
    "avant commission": "gross",
    "brut": "gross",
    "commission": "fee",
    "frais": "fee",
    "numéro de transaction": "transaction id",
    "numéro de facture": "invoice number",
}
REQUIRED = ("date", "type", "status", "currency", "gross", "fee", "transaction id")
DONE = ("completed", "terminé", "termine")


def _kind(paypal_type, gross):
    text = paypal_type.lower()
    if "withdrawal" in text or "retrait" in text or "virement" in text:
        return "payout"
    if "hold" in text or "réserve" in text or "reserve" in text:
        if "release" in text or "reversal" in text or "libération" in text or "annulation" in text:
            return "reserve_released"
        return "reserve_held"
    if "refund" in text or "rembours" in text:
        return "refund"
    if ("payment" in text or "paiement" in text) and gross > 0:
        return "sale"
    return "other"


def parse(data, env):
    statement = PayoutStatement(reference="", currency="")
    first = None
    for line_no, row in read_rows(data, env, REQUIRED, aliases=ALIASES, delimiters=",;\t"):
        if row["status"].lower() not in DONE:
            continue
        currency = row["currency"].upper()
        if statement.currency and currency != statement.currency:
            raise PayoutFormatError(
                env._(
                    "Line %(line)s: the file mixes currencies (%(first)s and %(other)s); "
                    "download one activity file per currency.",
                    line=line_no,
                    first=statement.currency,
                    other=currency,
                )
            )
        statement.currency = currency
        day = parse_date(
            row["date"],
            env,
            line_no,
            "date",
            formats=("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"),
        )
        first = min(first or day, day)
        statement.date = max(statement.date or day, day)
        gross = parse_amount(row["gross"], env, line_no, "gross")
        fee = parse_amount(row["fee"], env, line_no, "fee", required=False)
        kind = _kind(row["type"], gross)
        order_ref = row.get("invoice number", "")
        label = " ".join(filter(None, (row["type"], order_ref or row["transaction id"])))
        statement.add_transaction(
            line_no=line_no,
            kind=kind,
            amount=gross,
            date=day,
            order_ref=order_ref,
            label=label,
            txn_id=row["transaction id"],
            fee=fee,
            fee_label=env._("PayPal fee %s", row["transaction id"]),
        )
    if not statement.rows:
        raise PayoutFormatError(env._("The PayPal file has no completed transaction."))
    statement.reference = env._(
        "PayPal activity %(start)s - %(end)s", start=first, end=statement.date
    )
    return statement
