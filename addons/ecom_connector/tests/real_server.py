# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real Odoo server for the tests and benchmarks that need real processes:
``--workers`` HTTP workers and queue_job's job runner (its channels from the
configuration file, or ``channels`` when given), on free ports of 127.0.0.1,
its log in a temporary file."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import requests

import odoo

from odoo.addons.queue_job import jobrunner


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_local_runner():
    """Stop queue_job's runner thread of this process (a test process that
    serves HTTP has one): it would run the jobs of the server under test.
    Returns what starts a new one, or None when none ran."""
    thread = jobrunner.runner_thread
    if not (thread and thread.is_alive()):
        return None
    thread.stop()
    thread.join(timeout=30)

    def restart():
        jobrunner.runner_thread = jobrunner.QueueJobRunnerThread()
        jobrunner.runner_thread.start()

    return restart


class RealServer:
    """``start()`` waits until ``/web/health`` answers; ``stop()`` ends the
    process group (SIGTERM, or the given signal: SIGKILL for a crash)."""

    def __init__(self, dbname, rcfile, workers=2, channels=None):
        self.dbname = dbname
        self.rcfile = rcfile
        self.workers = workers
        self.channels = channels
        self.proc = None
        self.url = None
        log = tempfile.NamedTemporaryFile(prefix="ecom-real-server-", suffix=".log", delete=False)
        log.close()
        self.log = log.name

    def start(self, timeout=90):
        port, gevent_port = free_port(), free_port()
        odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
        cmd = [
            sys.executable,
            odoo_bin,
            "-c",
            self.rcfile,
            "-d",
            self.dbname,
            f"--db-filter=^{self.dbname}$",
            f"--http-port={port}",
            f"--gevent-port={gevent_port}",
            f"--workers={self.workers}",
            "--max-cron-threads=0",
            "--log-level=warn",
            f"--logfile={self.log}",
        ]
        env = dict(os.environ)
        if self.channels:
            # queue_job's runner reads its channels from here first
            env["ODOO_QUEUE_JOB_CHANNELS"] = self.channels
        self.proc = subprocess.Popen(cmd, start_new_session=True, env=env)  # noqa: S603
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/web/health", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server stopped, see {self.log}")
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the server did not start, see {self.log}")

    def stop(self, sig=signal.SIGTERM):
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
