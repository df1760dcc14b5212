"""`make run` (achyk.serve): the task worker runs under a memory cap, and a worker that dies is
started again while the web server keeps answering. Real processes, no Django."""

import socket
import subprocess
import sys
import time
import urllib.request

from achyk import serve

#: Allocates 1 GB, more than the cap the test gives it.
HOG = [sys.executable, "-c", "b = bytearray(1024 * 1024 * 1024); print('survived')"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
        return response.status == 200


def test_worker_over_its_memory_cap_dies_and_is_started_again_while_the_server_answers(tmp_path):
    (tmp_path / "healthz").write_text("ok")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = serve.Supervised(serve.capped(HOG, 256 * serve.MB), first=0.05, longest=0.2)
    worker.start()
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        deadline = time.monotonic() + 120
        while len(worker.exit_codes) < 3 and time.monotonic() < deadline:
            worker.poll()
            time.sleep(0.05)
        while time.monotonic() < deadline:  # the server may still be starting
            try:
                if answers(url):
                    break
            except OSError:
                time.sleep(0.1)
        assert worker.exit_codes[:3] == [1, 1, 1]  # MemoryError, every time
        assert worker.restarts >= 2
        assert server.poll() is None
        assert answers(url)
    finally:
        serve.stop([server, worker.process])


def test_worker_is_started_under_the_cap_of_worker_memory_mb(monkeypatch):
    monkeypatch.delenv("WORKER_MEMORY_MB", raising=False)
    assert serve.worker_memory_cap() == 1024 * serve.MB
    _web, worker = serve.children("127.0.0.1", "8000")
    assert worker[1:5] == ["-m", "achyk.serve", "--memory-cap", str(1024 * serve.MB)]
    assert worker[5] == "--" and worker[-2:] == ["db_worker", "--no-reload"]
    monkeypatch.setenv("WORKER_MEMORY_MB", "0")
    assert serve.children("127.0.0.1", "8000")[1][-2:] == ["db_worker", "--no-reload"]
    assert "--memory-cap" not in serve.children("127.0.0.1", "8000")[1]


def test_a_capped_process_cannot_allocate_past_its_cap():
    done = subprocess.run(  # noqa: S603
        serve.capped(HOG, 256 * serve.MB), capture_output=True, text=True, timeout=120,
        cwd=serve.ROOT,
    )  # fmt: skip
    assert done.returncode == 1
    assert "MemoryError" in done.stderr
    assert "survived" not in done.stdout
