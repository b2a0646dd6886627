#!/usr/bin/env python3
# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo shop servers that ``./setup/ecom run`` starts beside Odoo.

    setup/demo_servers.py [--woocommerce-port 8091]

Serves the demo WooCommerce shop (``ecom_connector/tests/servers/
demo_shop.py``: the WooCommerce REST API of the test servers, with the demo
catalogue's orders) on 127.0.0.1, at the port of the demo backend.  Prints
one ``ready`` line per server, then runs until SIGTERM or SIGINT (Ctrl-C),
and exits 0.  Exits 3 when a port is taken.
"""

import argparse
import signal
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the protocol servers are a plain package inside the addon's tests, their
# shared base is loaded by the benchmarks' harness
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402, F401
from servers import demo_shop  # noqa: E402


def _serve_on(server, port):
    """Move ``server`` (built on an ephemeral port) to the fixed ``port``."""
    handler = server.httpd.RequestHandlerClass
    server.httpd.server_close()
    server.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{port}"
    server.thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--woocommerce-port", type=int, default=demo_shop.WOOCOMMERCE_PORT)
    args = parser.parse_args(argv)
    stop = threading.Event()

    def _stop(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    server = demo_shop.woocommerce_server()
    try:
        _serve_on(server, args.woocommerce_port)
    except OSError as exc:
        print(
            f"[demo] port {args.woocommerce_port} of the demo WooCommerce shop is taken "
            f"({exc.strerror}): is another './setup/ecom run' running?",
            flush=True,
        )
        return 3
    with server:
        print(
            f"[demo] ready: WooCommerce demo shop on {server.url} ({len(server.orders)} orders)",
            flush=True,
        )
        while not stop.wait(0.5):
            pass
    print("[demo] demo shop servers stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
