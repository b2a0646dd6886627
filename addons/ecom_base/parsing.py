# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Numbers as French (and other) files write them, read once for the suite:
order files, supplier feeds and payout statements share this parser."""

from decimal import Decimal, InvalidOperation

#: spaces used as thousands separators (normal, no-break, narrow no-break)
_SPACES = str.maketrans("", "", " \u00a0\u202f")


def parse_decimal(text):
    """Read ``12.5``, ``12,50``, ``1 234,50``, ``1.234,50``, ``1,234.50``.

    The last of ``,`` and ``.`` is the decimal separator when both appear;
    a lone comma is a decimal comma.  Returns a finite :class:`Decimal`, None
    for an empty value; raises ValueError for anything else (``NaN`` and
    ``Infinity`` included).
    """
    if text is None:
        return None
    value = str(text).strip().translate(_SPACES)
    if not value:
        return None
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    else:
        value = value.replace(",", ".")
    try:
        result = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not result.is_finite():
        raise ValueError(text)
    return result
