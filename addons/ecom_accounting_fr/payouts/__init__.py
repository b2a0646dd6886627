# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Parsers of marketplace and payment settlement files.

Each parser turns the bytes of a file into a :class:`PayoutStatement` of
normalised :class:`PayoutRow` and raises :class:`PayoutFormatError` (with a
message for the merchant) on anything it cannot read.  They know nothing of
accounting: ``ecom.payout.import`` turns statements into journal entries.
"""

from . import amazon, generic, paypal, shopify, stripe
from .common import KINDS, PayoutFormatError, PayoutRow, PayoutStatement

__all__ = ["KINDS", "PARSERS", "PayoutFormatError", "PayoutRow", "PayoutStatement"]

PARSERS = {
    "amazon": amazon.parse,
    "paypal": paypal.parse,
    "stripe": stripe.parse,
    "shopify": shopify.parse,
    "generic": generic.parse,
}
