# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SOAP plumbing shared by the Chronopost, Mondial Relay and DPD France
clients, on top of :class:`~.base.CarrierClient`: envelopes built with lxml,
answers parsed safely (no DTD, no entities, no network), SOAP faults turned
into :class:`~.base.CarrierError` and a 5xx without a fault into
:class:`~.base.CarrierRetryableError`.

No database access here: the providers give the clients their settings and
get plain Python data back."""

from lxml import etree

from .base import CarrierClient, CarrierError, CarrierRetryableError

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


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


class SoapClient(CarrierClient):
    """A carrier SOAP endpoint: :meth:`post_soap` sends one envelope."""

    secret_names = CarrierClient.secret_names + ("privatekey",)

    def post_soap(self, path, env, soap_action=None):
        """POST the envelope to ``path``; return the parsed answer.

        Raises :class:`CarrierRetryableError` on network errors, time-outs,
        HTTP 429 and 5xx answers that are not SOAP faults (through
        :meth:`request`), :class:`CarrierError` on SOAP faults (see
        :meth:`fault_error`) and unreadable answers."""
        data = etree.tostring(env, xml_declaration=True, encoding="utf-8")
        headers = {"Content-Type": "text/xml; charset=utf-8"}
        if soap_action is not None:
            headers["SOAPAction"] = f'"{soap_action}"'
        response = self.request("POST", path, retry_5xx=False, data=data, headers=headers)
        root = parse_xml(response.content)
        fault = find_first(root, "Fault") if root is not None else None
        if fault is not None:
            raise self.fault_error(fault, response.status_code)
        if response.status_code >= 500:
            raise CarrierRetryableError(
                f"{self.name}: HTTP {response.status_code} {self._short_body(response)}".strip(),
                code=str(response.status_code),
                retry_after=self._retry_after(response),
            )
        if response.status_code >= 400 or root is None or find_first(root, "Body") is None:
            raise CarrierError(
                f"{self.name}: unreadable answer (HTTP {response.status_code}) "
                f"{self._short_body(response)}".strip(),
                code=str(response.status_code),
            )
        return root

    def fault_error(self, fault, status):
        """The error raised for a SOAP fault; subclasses read the carrier's
        own ``detail`` block."""
        return CarrierError(
            text(fault, "faultstring") or "SOAP fault", code=text(fault, "faultcode") or None
        )
