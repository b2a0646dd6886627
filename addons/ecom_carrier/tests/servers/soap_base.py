# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small HTTP server on 127.0.0.1 for the SOAP carriers' tests: records
every request, parses SOAP 1.1 envelopes strictly, answers faults the way
.NET (ASMX) and Apache CXF services do, fails loudly on unknown requests and
injects transport faults (429, 5xx, slow answers)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from lxml import etree

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


class Request:
    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        #: the operation element of a SOAP request, once parsed
        self.operation = None
        self.soap_header = None

    def param(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name, default=None):
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return default

    def __repr__(self):
        return f"<{self.method} {self.path} {self.query}>"


class Response:
    def __init__(self, status=200, body=b"", headers=None, content_type="text/xml; charset=utf-8"):
        self.status = status
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = dict(headers or {})
        self.headers.setdefault("Content-Type", content_type)


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


class SoapTestServer:
    """Base of the carrier servers: subclasses implement :meth:`route`.

    ``faults`` is consumed one per request before routing: an int (HTTP
    status; 429 comes with ``Retry-After: 1``), ``("slow", seconds)`` to
    answer late (client time-out) or ``"drop"`` to close the connection.
    ``unexpected`` lists the requests no route knew: tests assert it empty."""

    def __init__(self):
        self.requests = []
        self.unexpected = []
        self.faults = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body in one segment (no delayed-ACK stall per answer)
            wbufsize = 1 << 16

            def log_message(self, *args):
                pass

            def _handle(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    dict(self.headers.items()),
                    body,
                )
                response = server._dispatch(request)
                if response is None:
                    self.close_connection = True
                    return
                try:
                    self.send_response(response.status)
                    for key, value in response.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        return False

    def start(self):
        """Start outside a ``with`` block (class fixtures); see :meth:`stop`."""
        return self.__enter__()

    def stop(self):
        self.__exit__(None, None, None)

    def _dispatch(self, request):
        with self._lock:
            self.requests.append(request)
            fault = self.faults.pop(0) if self.faults else None
        if fault == "drop":
            return None
        if isinstance(fault, int):
            headers = {"Retry-After": "1"} if fault == 429 else {}
            return Response(fault, f"<html><body>HTTP {fault}</body></html>", headers, "text/html")
        if isinstance(fault, tuple) and fault[0] == "slow":
            time.sleep(fault[1])
        if request.method == "POST":
            parsed = parse_envelope(request.body)
            if parsed is not None:
                request.soap_header, request.operation = parsed
        with self._lock:
            response = self.route(request)
        if response is None:
            self.unexpected.append(request)
            return Response(404, "<html><body>Not Found</body></html>", content_type="text/html")
        return response

    def route(self, request):
        """Return a :class:`Response`, or None for an unknown request."""
        raise NotImplementedError

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
