"""The health checks on a port of their own (HEALTH_PORT), answered by a thread of their own in
each gunicorn worker, outside gunicorn's queue of requests."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db.backends.signals import connection_created

from achyk.operations import healthport

ROOT = Path(__file__).resolve().parents[3]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.django_db(transaction=True)
def test_the_health_port_answers_liveness_and_readiness():
    opened = []
    connection_created.connect(record := lambda sender, connection, **kw: opened.append(connection))
    server = healthport.serve("127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert get(base + "/healthz") == (200, "ok\n")
        status, text = get(base + "/readyz")
        assert status == 200 and text.startswith("ready\n") and "database: ok" in text
        assert get(base + "/healthz?ready")[1].startswith("ready")
        assert get(base + "/elsewhere")[0] == 404
    finally:
        server.shutdown()
        server.server_close()
        connection_created.disconnect(record)
    # Each readiness check opened a connection in its own thread, and closed it with its answer:
    # left open, it would be one more database session for every check a load balancer makes
    # (Django never closes the in-memory SQLite of a test run: closing it would lose it).
    closable = [c for c in opened if c.vendor != "sqlite" or not c.is_in_memory_db()]
    assert len(opened) == 2 and all(wrapper.connection is None for wrapper in closable)


def test_a_checker_that_hangs_up_early_is_not_reported_and_a_fault_is_logged(capsys, caplog):
    server = healthport._Server(("127.0.0.1", 0), healthport._Handler)
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ValueError("a fault of ours")):
            try:
                raise error
            except Exception:  # noqa: BLE001 - as socketserver calls handle_error
                server.handle_error(None, ("127.0.0.1", 50352))
    finally:
        server.server_close()
    assert capsys.readouterr().err == ""
    assert [record.exc_info[1] for record in caplog.records] == [error]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_started_with_the_hook_answers_on_the_health_port(tmp_path):
    port, health = free_port(), free_port()
    env = {"PATH": "/usr/bin:/bin", "ACHYK_EMBEDDED": "1", "HEALTH_PORT": str(health),
           "ACHYK_VAR_DIR": str(tmp_path), "STATICFILES_STORAGE":
           "django.contrib.staticfiles.storage.StaticFilesStorage"}  # fmt: skip
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "python:achyk.operations.gunicorn",
         "achyk.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "1", "--worker-class", "gthread", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                assert get(f"http://127.0.0.1:{health}/healthz") == (200, "ok\n")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the health port never answered")
    finally:
        server.terminate()
        server.wait(timeout=30)
