# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A local HTTP server for tests (copied from the suite's tests/servers/base.py so
that this addon's tests stand alone): speaks one carrier's protocol on
127.0.0.1, records every request, fails loudly on requests it does not know,
and can inject faults (429 with Retry-After, 5xx, slow answers)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Request:
    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def param(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default

    def __repr__(self):
        return f"<{self.method} {self.path} {self.query}>"


class Response:
    def __init__(self, status=200, body=b"", headers=None, content_type="application/json"):
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        self.status = status
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = dict(headers or {})
        self.headers.setdefault("Content-Type", content_type)


class CarrierServer:
    """Base of the protocol servers: subclasses implement :meth:`route`.

    ``faults`` is a list consumed one per request before routing: an int
    (HTTP status, e.g. 429 or 500; 429 comes with ``Retry-After: 1``) or
    ``("slow", seconds)`` to answer after a delay (client time-out).
    ``unexpected`` lists the requests no route knew: tests assert it is empty.
    """

    def __init__(self):
        self.requests = []
        self.unexpected = []
        self.faults = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

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
                try:
                    self.send_response(response.status)
                    for key, value in response.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = _handle

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

    def _dispatch(self, request):
        with self._lock:
            self.requests.append(request)
            fault = self.faults.pop(0) if self.faults else None
        if isinstance(fault, int):
            return self.fault_response(fault)
        if isinstance(fault, tuple) and fault[0] == "slow":
            time.sleep(fault[1])
        response = self.route(request)
        if response is None:
            self.unexpected.append(request)
            return Response(404, {"error": "no route"})
        return response

    def fault_response(self, status):
        """The carrier's answer to an injected fault (429 with Retry-After)."""
        headers = {"Retry-After": "1"} if status == 429 else {}
        return Response(status, {"error": f"injected {status}"}, headers)

    def route(self, request):
        """Return a :class:`Response`, or None for an unknown request."""
        raise NotImplementedError
