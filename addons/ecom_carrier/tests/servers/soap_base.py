# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small HTTP server on 127.0.0.1 for the SOAP carriers' tests: records
every request, parses SOAP 1.1 envelopes strictly, answers faults the way
.NET (ASMX) and Apache CXF services do, fails loudly on unknown requests and
injects transport faults (``ecom_base``'s protocol server)."""

from lxml import etree

from odoo.addons.ecom_base.tests.servers import ProtocolServer, Request
from odoo.addons.ecom_base.tests.servers import Response as BaseResponse

__all__ = ["Request", "Response", "SoapTestServer"]

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


class Response(BaseResponse):
    def __init__(self, status=200, body=b"", headers=None, content_type="text/xml; charset=utf-8"):
        super().__init__(status, body, headers, content_type)


def parse_envelope(body):
    """``(header, operation)`` elements of a SOAP 1.1 request, or None when
    the body is not a well-formed envelope with exactly one operation."""
    try:
        root = etree.fromstring(
            body, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        return None
    header = root.find(f"{{{SOAP_ENV}}}Header")
    soap_body = root.find(f"{{{SOAP_ENV}}}Body")
    if soap_body is None:
        return None
    operations = [element for element in soap_body if isinstance(element.tag, str)]
    if len(operations) != 1:
        return None
    return header, operations[0]


def soap_response(inner_xml):
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<soap:Envelope xmlns:soap="{SOAP_ENV}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f"<soap:Body>{inner_xml}</soap:Body></soap:Envelope>"
    )


def soap_fault(code, message, detail="", status=500):
    escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Response(
        status,
        soap_response(
            f"<soap:Fault><faultcode>{code}</faultcode><faultstring>{escaped}</faultstring>"
            f"{detail}</soap:Fault>"
        ),
    )


def escape(value):
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SoapTestServer(ProtocolServer):
    """Base of the SOAP carrier servers: subclasses implement :meth:`route`,
    which gets the parsed envelope (``request.operation``,
    ``request.soap_header``) and runs one request at a time."""

    serialize_routes = True

    def prepare(self, request):
        if request.method == "POST":
            parsed = parse_envelope(request.body)
            if parsed is not None:
                request.soap_header, request.operation = parsed

    def fault_response(self, status):
        headers = {"Retry-After": "1"} if status == 429 else {}
        return Response(status, f"<html><body>HTTP {status}</body></html>", headers, "text/html")

    def not_found(self, request):
        return Response(404, "<html><body>Not Found</body></html>", content_type="text/html")

    def soap_requests(self, operation):
        """Recorded requests of one operation (local name)."""
        return [
            request
            for request in self.requests
            if request.operation is not None
            and etree.QName(request.operation).localname == operation
        ]


def values_of(element):
    """``{local name: stripped text}`` of the direct children."""
    values = {}
    for sub in element:
        if isinstance(sub.tag, str):
            values[etree.QName(sub).localname] = (sub.text or "").strip()
    return values


def pdf(text):
    """A tiny PDF document carrying ``text`` (enough for a label attachment)."""
    return f"%PDF-1.4\n% {text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()
