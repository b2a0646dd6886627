# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared harness of the benchmarks: an Odoo environment on a database where
the suite is installed (``./setup/ecom test`` leaves ``ecom_test``), in one
transaction that is rolled back at the end, plus timers and SQL counters.

Benchmarks print figures, ratios against a baseline measured in the same run;
they never assert a time.
"""

import argparse
import contextlib
import sys
import time
from importlib import util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the shop protocol servers live with the connector's tests (package ``servers``)
for _path in (ROOT, ROOT / "addons" / "ecom_connector" / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
# their shared base, loaded by its path: importing it through
# ``odoo.addons.ecom_base.tests`` would load Odoo's test framework
SHARED_SERVERS = "odoo.addons.ecom_base.tests.servers"
if SHARED_SERVERS not in sys.modules:
    _spec = util.spec_from_file_location(
        SHARED_SERVERS, ROOT / "addons" / "ecom_base" / "tests" / "servers.py"
    )
    sys.modules[SHARED_SERVERS] = util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules[SHARED_SERVERS])


_PARSED = []


def parse_args(description, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--config", default=str(ROOT / ".state" / "odoo.conf"))
    parser.add_argument("--database", default="ecom_test")
    if extra:
        extra(parser)
    return parser.parse_args()


def _parse_config(args):
    import odoo

    if not _PARSED:
        odoo.tools.config.parse_config(
            ["-c", args.config, "-d", args.database, "--log-level=warn", "--no-http"]
        )
        _PARSED.append(True)


@contextlib.contextmanager
def odoo_env(args, context=None):
    """Yield a superuser environment; everything done in it is rolled back."""
    import odoo
    from odoo.modules.registry import Registry

    _parse_config(args)
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, dict(context or {}))
        try:
            yield env
        finally:
            cr.rollback()


def harness_registry(args):
    """The registry of ``args.database`` for the benchmarks that commit and
    drive a real server (``tests/fault_run.py``); the test harness they use
    imports Odoo's test framework, whose error log line outside a test run
    is silenced here."""
    import logging

    from odoo.modules.registry import Registry

    _parse_config(args)
    logging.getLogger("odoo.tests.common").setLevel(logging.CRITICAL)
    return Registry(args.database)


class Measure:
    """Wall time and SQL queries of a block: ``with Measure(env) as m: ...``."""

    def __init__(self, env):
        self.env = env
        self.seconds = 0.0
        self.queries = 0

    def __enter__(self):
        self.env.flush_all()
        self._queries = self.env.cr.sql_log_count
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds = time.perf_counter() - self._start
        self.queries = self.env.cr.sql_log_count - self._queries
        return False


def report(title, rows):
    """Print a small table: rows are (label, value) pairs."""
    print(f"\n{title}")
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}")
