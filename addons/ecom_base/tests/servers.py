# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The base of the local protocol servers the suite's tests talk to (shops in
``ecom_connector``, carriers in ``ecom_carrier``): an HTTP server on
127.0.0.1 on an ephemeral port that records every request, fails loudly on
requests no route knows and injects transport faults.

Faults, consumed before routing (an injected fault never reaches the route:
what the route saw is what the remote system applied):

- scripted: ``server.faults`` is a list consumed one per request: an int
  (HTTP status; 429 comes with ``Retry-After``), ``("slow", seconds)`` to
  answer late, ``"drop"`` (connection closed without an answer),
  ``"reset"`` (TCP reset), ``"truncate"`` (the body cut short);
- random: :meth:`ProtocolServer.inject_faults` draws a fault for a share of
  the requests with a seeded random generator (off by default), so that a
  fault run is the same from one run to the next.

Every recorded :class:`Request` says which fault it got (``fault``, None when
it was routed): ``server.routed()`` lists the requests the remote system
really handled.
"""

import json
import random
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

#: the faults a random injection draws from, with their weights
DEFAULT_FAULT_MIX = (
    (500, 2),
    (502, 1),
    (503, 2),
    (429, 2),
    ("timeout", 1),
    ("truncate", 1),
    ("reset", 1),
)


class Request:
    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        #: the fault injected instead of routing the request, or None
        self.fault = None
        #: the operation element and the header of a SOAP request, once parsed
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
    def __init__(self, status=200, body=b"", headers=None, content_type="application/json"):
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        self.status = status
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = dict(headers or {})
        self.headers.setdefault("Content-Type", content_type)


class ProtocolServer:
    """Base of the protocol servers: subclasses implement :meth:`route`, and
    may override :meth:`prepare` (parse the request before routing),
    :meth:`fault_response` and :meth:`not_found` (the vendor's own error
    bodies).  ``unexpected`` lists the requests no route knew: tests assert it
    is empty."""

    #: route one request at a time (servers whose state is not thread-safe)
    serialize_routes = False
    #: seconds a ``timeout`` fault keeps the client waiting (set it above the
    #: client's timeout: the answer never comes)
    timeout_seconds = 5.0

    def __init__(self):
        self.requests = []
        self.unexpected = []
        self.faults = []
        self._lock = threading.Lock()
        self._route_lock = threading.Lock()
        self._random = None
        self._fault_rate = 0.0
        self._fault_mix = DEFAULT_FAULT_MIX
        self._fault_filter = None
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
                if response in ("drop", "timeout"):
                    self.close_connection = True
                    return
                if response == "reset":
                    # SO_LINGER 0: close() sends a TCP reset
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    return
                truncate = isinstance(response, tuple)
                if truncate:
                    response = response[1]
                try:
                    self.send_response(response.status)
                    for key, value in response.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    if truncate:
                        # the announced length, half of the body, then the end
                        self.wfile.write(response.body[: len(response.body) // 2])
                        self.wfile.flush()
                        self.close_connection = True
                    else:
                        self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

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

    # --------------------------------------------------------- faults

    def inject_faults(self, rate, seed=0, mix=DEFAULT_FAULT_MIX, only=None):
        """Answer a share ``rate`` (0 to 1) of the requests with a fault drawn
        from ``mix`` (``(fault, weight)`` pairs, faults as in ``faults``, plus
        ``"timeout"``: no answer within :attr:`timeout_seconds`), with a
        random generator seeded by ``seed``.  ``only(request)``, when given,
        says which requests may get a fault.  ``rate=0`` turns it off."""
        with self._lock:
            self._random = random.Random(seed)
            self._fault_rate = rate
            self._fault_mix = mix
            self._fault_filter = only

    def _draw_fault(self, request):
        if not self._fault_rate or (self._fault_filter and not self._fault_filter(request)):
            return None
        if self._random.random() >= self._fault_rate:
            return None
        faults = [fault for fault, _weight in self._fault_mix]
        weights = [weight for _fault, weight in self._fault_mix]
        return self._random.choices(faults, weights)[0]

    def injected(self):
        """The requests that got a fault."""
        return [request for request in self.requests if request.fault is not None]

    def routed(self):
        """The requests the server really handled (no fault)."""
        return [request for request in self.requests if request.fault is None]

    def fault_response(self, status):
        """The answer to an injected HTTP status (429 with Retry-After)."""
        headers = {"Retry-After": "1"} if status == 429 else {}
        return Response(status, {"error": f"injected {status}"}, headers)

    def not_found(self, request):
        """The answer to a request no route knows."""
        return Response(404, {"error": "no route"})

    # -------------------------------------------------------- routing

    def _dispatch(self, request):
        with self._lock:
            self.requests.append(request)
            fault = self.faults.pop(0) if self.faults else self._draw_fault(request)
        request.fault = fault
        if isinstance(fault, int):
            return self.fault_response(fault)
        if fault in ("drop", "reset"):
            return fault
        if fault == "timeout":
            time.sleep(self.timeout_seconds)
            return fault
        if isinstance(fault, tuple) and fault[0] == "slow":
            # answered, late: the request is handled
            request.fault = None
            time.sleep(fault[1])
        self.prepare(request)
        if fault == "truncate":
            # what a read would have answered, cut short; a write is not applied
            body = self._route(request) if request.method == "GET" else None
            return ("truncate", body or Response(200, {"data": "x" * 64}))
        response = self._route(request)
        if response is None:
            self.unexpected.append(request)
            return self.not_found(request)
        return response

    def _route(self, request):
        if self.serialize_routes:
            with self._route_lock:
                return self.route(request)
        return self.route(request)

    def prepare(self, request):
        """Parse ``request`` before routing (a SOAP envelope...)."""

    def route(self, request):
        """Return a :class:`Response`, or None for an unknown request."""
        raise NotImplementedError
