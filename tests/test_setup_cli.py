# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bootstrap of ``setup/ecom`` says what to do when it cannot go on."""

import base64
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from odoo.addons.ecom_connector.tests.servers.demo_shop import CONSUMER_KEY, CONSUMER_SECRET

ROOT = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bootstrap(**env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "ODOO_SRC"))}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "setup" / "ecom"), "bootstrap"],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_odoo_source_without_network_names_odoo_src():
    with tempfile.TemporaryDirectory() as home:
        # no Odoo at the default place and no way out: the clone must fail fast
        result = _bootstrap(
            HOME=home,
            https_proxy="http://127.0.0.1:9",
            http_proxy="http://127.0.0.1:9",
            GIT_TERMINAL_PROMPT="0",
        )
        assert result.returncode == 2, result.stdout + result.stderr
        assert "ODOO_SRC" in result.stdout
        assert not (Path(home) / ".cache" / "ecom-suite" / "odoo-18.0").exists()


def test_odoo_src_that_is_not_odoo():
    with tempfile.TemporaryDirectory() as src:
        result = _bootstrap(ODOO_SRC=src)
        assert result.returncode == 2
        assert f"ODOO_SRC={src} holds no Odoo source" in result.stdout


def test_odoo_src_of_another_version():
    with tempfile.TemporaryDirectory() as src:
        (Path(src) / "odoo").mkdir()
        (Path(src) / "odoo" / "release.py").write_text("version_info = (17, 0, 0, FINAL, 0, '')\n")
        result = _bootstrap(ODOO_SRC=src)
        assert result.returncode == 2
        assert "is not Odoo 18.0" in result.stdout


def test_unreachable_postgresql_says_so():
    result = _bootstrap(PGHOST="127.0.0.1", PGPORT=str(_free_port()), PGUSER="odoo")
    assert result.returncode == 2
    assert "PostgreSQL from the PG* environment variables is not reachable" in result.stdout


def _wait_for(predicate, what, timeout=900):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"never happened: {what}")


def _http_status(url, auth=None):
    request = urllib.request.Request(url)
    if auth:
        token = base64.b64encode(":".join(auth).encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except OSError:
        return None, {}


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_run_serves_the_demo_then_stops_everything_on_sigterm():
    """`run` on a throw-away demo database: Odoo and the demo shop answer, the
    output says where the demo servers are; SIGTERM (a background run) stops
    everything; a second run reuses the database."""
    db = f"ecom_t_run_{os.getpid()}"
    port, shop_port = _free_port(), _free_port()
    env = dict(
        os.environ,
        ECOM_DEMO_DB=db,
        ECOM_HTTP_PORT=str(port),
        ECOM_DEMO_SHOP_PORT=str(shop_port),
        # the demo carriers too: several test runs share the machine
        ECOM_DEMO_COLISSIMO_PORT=str(_free_port()),
        ECOM_DEMO_LAPOSTE_PORT=str(_free_port()),
        ECOM_DEMO_MONDIALRELAY_PORT=str(_free_port()),
    )
    try:
        for attempt in (1, 2):
            proc = subprocess.Popen(
                [sys.executable, str(ROOT / "setup" / "ecom"), "run"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
            output = []
            reader = threading.Thread(target=output.extend, args=(proc.stdout,), daemon=True)
            reader.start()
            try:
                _wait_for(
                    lambda out=output: any("started Odoo" in line for line in out), "Odoo started"
                )
                text = "".join(output)
                pids = [int(pid) for pid in re.findall(r"\(pid (\d+)\)", text)]
                assert len(pids) == 2, text
                assert "login admin" in text, text
                for name in ("WooCommerce", "Colissimo", "La Poste Suivi", "Mondial Relay"):
                    assert name in text, text
                _wait_for(
                    lambda: _http_status(f"http://127.0.0.1:{port}/web/login")[0] == 200,
                    "the login page",
                    timeout=300,
                )
                status, headers = _http_status(
                    f"http://127.0.0.1:{shop_port}/wp-json/wc/v3/orders",
                    auth=(CONSUMER_KEY, CONSUMER_SECRET),
                )
                assert status == 200
                assert headers["X-WP-Total"] == "30"
                if attempt == 2:
                    assert f"database {db}: present, reused" in text
                proc.send_signal(signal.SIGTERM)
                assert proc.wait(timeout=120) == 0, "".join(output)
            finally:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
            reader.join(timeout=10)
            assert "stopping Odoo and the demo servers" in "".join(output)
            _wait_for(lambda pids=pids: not any(_alive(pid) for pid in pids), "children gone", 30)
            assert _http_status(f"http://127.0.0.1:{shop_port}/wp-json/wc/v3/orders")[0] is None
    finally:
        subprocess.run(["dropdb", "--if-exists", db], check=False)
