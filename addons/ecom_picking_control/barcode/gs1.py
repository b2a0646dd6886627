# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small GS1 element-string parser (GS1-128, GS1 DataMatrix, GS1 QR).

Pure Python, no Odoo: it turns what a scanner types into a dict.  Accepted
forms: the human-readable one with parentheses, ``(01)03760123456789(10)L42``;
the raw one, optionally prefixed by a symbology identifier (``]C1``, ``]d2``,
``]Q3``, ``]e0``), where variable-length fields end with the FNC1 separator
(ASCII 29, GS) or at the end of the string.

Only the application identifiers the packing station needs are known: 00, 01,
02, 10, 11, 13, 15, 17, 21, 30, 37 and 310n (net weight in kg, n decimals).
"""

import datetime
import re

GS = "\x1d"
SYMBOLOGY_PREFIXES = ("]C1", "]d2", "]Q3", "]e0")

# AI -> (key, fixed length or None for variable, max length)
FIXED = {
    "00": ("sscc", 18),
    "01": ("gtin", 14),
    "02": ("content_gtin", 14),
    "11": ("production_date", 6),
    "13": ("packaging_date", 6),
    "15": ("best_before", 6),
    "17": ("expiry", 6),
}
VARIABLE = {
    "10": ("lot", 20),
    "21": ("serial", 20),
    "30": ("count", 8),
    "37": ("count", 8),
}
DATE_KEYS = {"production_date", "packaging_date", "best_before", "expiry"}


class Gs1Error(ValueError):
    """The string is not a valid GS1 element string; ``args[0]`` says why."""


def gtin_check_digit(digits):
    """The GS1 check digit of ``digits`` (the code without its last digit)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def is_valid_gtin(code):
    return (
        code.isdigit() and len(code) in (8, 12, 13, 14) and gtin_check_digit(code[:-1]) == code[-1]
    )


def looks_like_gs1(code):
    """Whether ``code`` should be read as a GS1 string rather than a plain
    EAN/UPC: a symbology prefix, a separator, parentheses, or a digit string
    longer than a GTIN-14 that starts with AI 01 / 02."""
    if not code:
        return False
    if code.startswith(SYMBOLOGY_PREFIXES) or GS in code or code.startswith("("):
        return True
    return len(code) > 14 and code[:2] in ("01", "02") and code[2:16].isdigit()


def _parse_date(value):
    year, month, day = 2000 + int(value[:2]), int(value[2:4]), int(value[4:6])
    if day == 0:
        # GS1: day 00 means the last day of the month
        day = 28
        while True:
            try:
                datetime.date(year, month, day + 1)
            except ValueError:
                break
            day += 1
    return datetime.date(year, month, day)


def _store(result, ai, key, value):
    if key in result:
        raise Gs1Error(f"AI ({ai}) appears twice")
    if key in ("gtin", "content_gtin"):
        if not is_valid_gtin(value):
            raise Gs1Error(f"AI ({ai}): {value} is not a valid GTIN-14")
    elif key == "sscc":
        if not value.isdigit() or gtin_check_digit(value[:-1]) != value[-1]:
            raise Gs1Error(f"AI ({ai}): {value} is not a valid SSCC")
    elif key in DATE_KEYS:
        if not value.isdigit():
            raise Gs1Error(f"AI ({ai}): {value} is not a date YYMMDD")
        try:
            value = _parse_date(value)
        except ValueError as exc:
            raise Gs1Error(f"AI ({ai}): {value} is not a date YYMMDD") from exc
    elif key == "count":
        if not value.isdigit():
            raise Gs1Error(f"AI ({ai}): {value} is not a count")
        value = int(value)
    elif key == "net_weight_kg":
        decimals = int(ai[3])
        if not value.isdigit():
            raise Gs1Error(f"AI ({ai}): {value} is not a weight")
        value = int(value) / (10**decimals)
    result[key] = value


def _element(ai_and_rest):
    """(ai, key, fixed length or None, max length) for the AI at the start."""
    two = ai_and_rest[:2]
    if two in FIXED:
        key, length = FIXED[two]
        return two, key, length, length
    if two in VARIABLE:
        key, maxlen = VARIABLE[two]
        return two, key, None, maxlen
    four = ai_and_rest[:4]
    if re.fullmatch(r"310[0-5]", four):
        return four, "net_weight_kg", 6, 6
    raise Gs1Error(f"unknown application identifier at '{ai_and_rest[:4]}'")


def _parse_parentheses(code):
    result = {}
    parts = re.findall(r"\(([0-9]{2,4})\)([^()]*)", code)
    if not parts or "".join(f"({ai}){value}" for ai, value in parts) != code:
        raise Gs1Error("malformed string: '(AI)value' groups expected")
    for ai, value in parts:
        found_ai, key, length, maxlen = _element(ai + value)
        if found_ai != ai:
            raise Gs1Error(f"unknown application identifier ({ai})")
        if (length and len(value) != length) or not value or len(value) > maxlen:
            raise Gs1Error(f"AI ({ai}): wrong length for '{value}'")
        _store(result, ai, key, value)
    return result


def _parse_raw(code):
    result = {}
    pos = 0
    while pos < len(code):
        if code[pos] == GS:
            pos += 1
            continue
        ai, key, length, maxlen = _element(code[pos:])
        pos += len(ai)
        if length:
            value = code[pos : pos + length]
            if len(value) != length:
                raise Gs1Error(f"AI ({ai}): {length} characters expected")
            pos += length
        else:
            end = code.find(GS, pos)
            end = len(code) if end == -1 else end
            value = code[pos:end]
            if not value or len(value) > maxlen:
                raise Gs1Error(f"AI ({ai}): wrong length for '{value}'")
            pos = end
        _store(result, ai, key, value)
    return result


def parse(code):
    """Parse a GS1 element string.

    :return: dict with the keys found among ``gtin``, ``content_gtin``,
        ``sscc``, ``lot``, ``serial``, ``expiry`` (and the other dates, as
        ``datetime.date``), ``count`` (int), ``net_weight_kg`` (float)
    :raise Gs1Error: malformed string, unknown AI, bad length, bad check digit
    """
    code = (code or "").strip()
    for prefix in SYMBOLOGY_PREFIXES:
        if code.startswith(prefix):
            code = code[len(prefix) :]
            break
    if not code:
        raise Gs1Error("empty string")
    if code.startswith("("):
        result = _parse_parentheses(code)
    else:
        result = _parse_raw(code)
    if not result:
        raise Gs1Error("no element found")
    return result


def gtin_candidates(gtin):
    """The barcodes a GTIN-14 may be stored as on a product: itself, the
    EAN-13, the UPC-A and the EAN-8 it pads."""
    candidates = [gtin]
    for strip in (1, 2, 6):
        if gtin[:strip] == "0" * strip:
            candidates.append(gtin[strip:])
    return candidates
