# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SOAP plumbing shared by the Chronopost, Mondial Relay and DPD France
clients: envelopes built with lxml, one ``requests`` call with a timeout,
safe parsing of the answer, SOAP faults and transport failures turned into
:class:`SoapCarrierError` / :class:`SoapRetryableError`, and a debug log with
the secrets masked.

No database access here: the providers give the clients their settings and
get plain Python data back."""

import logging
import re

import requests
from lxml import etree

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


class SoapCarrierError(Exception):
    """The carrier refused the request; ``message`` tells the merchant what
    to fix (lazily translated), ``code`` is the carrier's own error code."""

    retryable = False

    def __init__(self, message, code=None, carrier_message=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.carrier_message = carrier_message

    def __str__(self):
        return str(self.message)


class SoapRetryableError(SoapCarrierError):
    """The carrier could not be reached or is overloaded (network error,
    time-out, HTTP 429 or 5xx without a SOAP fault): the same request may
    succeed later, the job queue retries it."""

    retryable = True


def _parser():
    # no DTD, no entity expansion, no network: the answer is untrusted input
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(content):
    """Parse an XML answer safely; ``None`` when it is not well-formed or
    declares a DOCTYPE (entity tricks are refused outright)."""
    if not content:
        return None
    head = content[:2048] if isinstance(content, bytes) else content[:2048].encode()
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        return None
    try:
        return etree.fromstring(content, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        return None


def local(element):
    """Local name of an element, without its namespace."""
    return etree.QName(element).localname


def child(element, name):
    """First direct child called ``name`` (any namespace), or None."""
    if element is None:
        return None
    for sub in element:
        if isinstance(sub.tag, str) and local(sub) == name:
            return sub
    return None


def children(element, name):
    if element is None:
        return []
    return [sub for sub in element if isinstance(sub.tag, str) and local(sub) == name]


def text(element, name, default=""):
    """Stripped text of the direct child ``name``."""
    sub = child(element, name)
    if sub is None or sub.text is None:
        return default
    return sub.text.strip()


def find_first(element, name):
    """First descendant called ``name`` (any namespace), or None."""
    if element is None:
        return None
    for sub in element.iter():
        if isinstance(sub.tag, str) and local(sub) == name:
            return sub
    return None


def add(parent, tag, value=None, ns=None):
    """Append ``<tag>value</tag>`` (an empty element when ``value`` is None)."""
    element = etree.SubElement(parent, f"{{{ns}}}{tag}" if ns else tag)
    if value is not None:
        element.text = str(value)
    return element


def envelope(nsmap=None):
    """Return ``(envelope, header, body)`` elements of a SOAP 1.1 message."""
    namespaces = {"soapenv": SOAP_ENV}
    namespaces.update(nsmap or {})
    env = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap=namespaces)
    header = etree.SubElement(env, f"{{{SOAP_ENV}}}Header")
    body = etree.SubElement(env, f"{{{SOAP_ENV}}}Body")
    return env, header, body


class SoapClient:
    """One carrier's SOAP endpoint(s).

    Subclasses set ``carrier_name`` and list in ``secret_tags`` the XML
    elements whose content must never reach the log; ``secrets`` holds the
    secret values themselves (masked wherever they appear)."""

    carrier_name = "carrier"
    secret_tags = ("password",)
    #: seconds before a call is abandoned (connect and read)
    timeout = 30

    def __init__(self, timeout=None, session=None):
        if timeout:
            self.timeout = float(timeout)
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = "ecom-suite-odoo/18.0"
        self.secrets = []
        #: number of HTTP requests sent by this client (benchmarks, tests)
        self.request_count = 0

    # ------------------------------------------------------------ logging

    def redact(self, payload):
        """The payload as text with every secret masked."""
        if isinstance(payload, bytes):
            payload = payload.decode("utf-8", "replace")
        for tag in self.secret_tags:
            payload = re.sub(
                rf"(<(?:\w+:)?{tag}>)[^<]*(</(?:\w+:)?{tag}>)",
                r"\1***\2",
                payload,
            )
        for secret in self.secrets:
            if secret:
                payload = payload.replace(str(secret), "***")
        return payload

    # ------------------------------------------------------------ HTTP

    def post(self, url, env, soap_action=None, encoding="utf-8"):
        """POST the envelope; return the parsed answer envelope.

        Raises :class:`SoapRetryableError` on network errors, time-outs,
        HTTP 429 and 5xx answers that are not SOAP faults, and
        :class:`SoapCarrierError` on SOAP faults and unreadable answers."""
        data = etree.tostring(env, xml_declaration=True, encoding=encoding)
        headers = {"Content-Type": f"text/xml; charset={encoding}"}
        if soap_action is not None:
            headers["SOAPAction"] = f'"{soap_action}"'
        _logger.debug("%s request to %s: %s", self.carrier_name, url, self.redact(data))
        self.request_count += 1
        try:
            response = self.session.post(url, data=data, headers=headers, timeout=self.timeout)
        except requests.Timeout as exc:
            raise SoapRetryableError(
                _lt(
                    "%(carrier)s did not answer in time (%(seconds)s s); the request "
                    "will be tried again later.",
                    carrier=self.carrier_name,
                    seconds=int(self.timeout),
                )
            ) from exc
        except requests.RequestException as exc:
            raise SoapRetryableError(
                _lt(
                    "%(carrier)s cannot be reached (%(error)s); the request will be "
                    "tried again later.",
                    carrier=self.carrier_name,
                    error=exc.__class__.__name__,
                )
            ) from exc
        _logger.debug(
            "%s answer HTTP %s: %s",
            self.carrier_name,
            response.status_code,
            self.redact(response.content[:4000]),
        )
        root = parse_xml(response.content)
        fault = find_first(root, "Fault") if root is not None else None
        if fault is not None:
            raise self.fault_error(fault, response.status_code)
        if response.status_code == 429 or response.status_code >= 500:
            raise SoapRetryableError(
                _lt(
                    "%(carrier)s is unavailable (HTTP %(status)s); the request will be "
                    "tried again later.",
                    carrier=self.carrier_name,
                    status=response.status_code,
                )
            )
        if response.status_code >= 400 or root is None or find_first(root, "Body") is None:
            raise SoapCarrierError(
                _lt(
                    "%(carrier)s sent an answer that cannot be read (HTTP %(status)s).",
                    carrier=self.carrier_name,
                    status=response.status_code,
                )
            )
        return root

    def fault_error(self, fault, status):
        """The error raised for a SOAP fault; subclasses read the carrier's
        own ``detail`` block."""
        message = text(fault, "faultstring") or text(fault, "Reason")
        return SoapCarrierError(
            _lt(
                "%(carrier)s refused the request: %(message)s",
                carrier=self.carrier_name,
                message=message,
            ),
            code=text(fault, "faultcode"),
            carrier_message=message,
        )
