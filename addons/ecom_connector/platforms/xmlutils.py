# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""XML from outside: refused when it declares a DTD or entities (billion
laughs, external entities), parsed to dicts with xmltodict."""

from xml.parsers.expat import ExpatError

import xmltodict
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from odoo.tools import LazyTranslate

from .base import PlatformError

_lt = LazyTranslate(__name__)


def parse_xml(text, force_list=()):
    """Parse untrusted XML text into a dict; raise :class:`PlatformError`."""
    if isinstance(text, bytes):
        data = text
    else:
        data = text.encode("utf-8")
    try:
        SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise PlatformError(
            _lt(
                "The XML declares a DTD or entities, which are refused for safety (%(error)s).",
                error=exc.__class__.__name__,
            )
        ) from exc
    except SafeET.ParseError as exc:
        raise PlatformError(_lt("The XML is malformed: %(error)s", error=str(exc))) from exc
    try:
        return xmltodict.parse(data, force_list=force_list, disable_entities=True)
    except ExpatError as exc:
        raise PlatformError(_lt("The XML is malformed: %(error)s", error=str(exc))) from exc
