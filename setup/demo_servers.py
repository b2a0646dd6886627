#!/usr/bin/env python3
# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo shop and carrier servers that ``./setup/ecom run`` starts beside Odoo.

    setup/demo_servers.py [--woocommerce-port 8091] [--colissimo-port 8092]
                          [--laposte-port 8093] [--mondialrelay-port 8094]

Serves on 127.0.0.1, at the ports the demo data points at: the demo
WooCommerce shop (``ecom_connector/tests/servers/demo_shop.py``: the
WooCommerce REST API of the test servers, with the demo catalogue's orders)
and the demo carriers (``ecom_carrier/tests/servers/demo_carriers.py``:
Colissimo labels, La Poste Suivi tracking, Mondial Relay labels, tracing and
relay points).  Prints one ``[demo] serving:`` line per server, then
``[demo] ready``, then runs until SIGTERM or SIGINT (Ctrl-C), and exits 0.
Exits 3 when a port is taken.
"""

import argparse
import importlib.util
import signal
import sys
import threading
from contextlib import ExitStack
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the protocol servers' shared base (ecom_base's tests) is registered by the
# benchmarks' harness without importing Odoo's test framework
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402, F401

ADDONS = ROOT / "addons"


def _load_servers(addon, name):
    """The protocol servers of ``addon``'s tests (a plain package inside the
    addon, with no Odoo import but their shared base) as the package ``name``."""
    package = ADDONS / addon / "tests" / "servers"
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_load_servers("ecom_connector", "shop_servers")
_load_servers("ecom_carrier", "carrier_servers")

from carrier_servers import demo_carriers  # noqa: E402
from shop_servers import demo_shop  # noqa: E402


def _serve_on(server, port):
    """Move ``server`` (built on an ephemeral port) to the fixed ``port``."""
    handler = server.httpd.RequestHandlerClass
    server.httpd.server_close()
    server.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{port}"
    server.thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    return server


def demo_servers():
    """``[(key, name, server)]`` of every demo server, not started."""
    shop = (
        "woocommerce",
        "WooCommerce (boutique de démonstration)",
        demo_shop.woocommerce_server(),
    )
    return [shop, *demo_carriers.demo_carrier_servers()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    defaults = {"woocommerce": demo_shop.WOOCOMMERCE_PORT, **demo_carriers.PORTS}
    for key, port in defaults.items():
        parser.add_argument(f"--{key}-port", type=int, default=port, dest=key)
    args = parser.parse_args(argv)
    stop = threading.Event()

    def _stop(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with ExitStack() as stack:
        for key, name, server in demo_servers():
            port = getattr(args, key)
            try:
                _serve_on(server, port)
            except OSError as exc:
                print(
                    f"[demo] port {port} of the demo server {name} is taken "
                    f"({exc.strerror}): is another './setup/ecom run' running?",
                    flush=True,
                )
                return 3
            stack.enter_context(server)
            print(f"[demo] serving: {name} on {server.url}", flush=True)
        print("[demo] ready", flush=True)
        while not stop.wait(0.5):
            pass
    print("[demo] demo servers stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
