# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bootstrap of ``setup/ecom`` says what to do when it cannot go on."""

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

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
