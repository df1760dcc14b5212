"""`make run`: the web server and the task worker together, until Ctrl+C.

`python -m achyk.serve` starts `manage.py db_worker` (background tasks) and gunicorn on
HOST:PORT (127.0.0.1:8000 by default), waits until the site answers, then prints where to
go and how to log in. Ctrl+C or SIGTERM stops both. The worker runs with a memory cap
(WORKER_MEMORY_MB, 1024 by default, 0 for none: RLIMIT_AS, set in the worker's process before
Django starts); a worker that dies (over its cap, or for any reason) is started again, after
1 s, then 2, 4, ... up to a minute, while the web server keeps serving. Static files are
served by WhiteNoise, local media by the application itself (SERVE_MEDIA). ACCESS_LOG=1 logs
every request; of the worker's log only what is not routine (failures) is shown. HEALTH_PORT
set: the health checks on that port too (achyk.operations.healthport). Run
`migrate`, `collectstatic` and `load_demo --if-empty` first, as `make run` does.
"""

import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from achyk.demo import password as demo_password
from achyk.demo import texts

ROOT = Path(__file__).resolve().parent.parent
STOP_TIMEOUT = 10
MB = 1024 * 1024
#: Backoff of restarts of the worker: first delay, longest delay, and how long a worker must
#: have run for the next death to start again from the first delay.
BACKOFF_FIRST, BACKOFF_MAX, STEADY_SECONDS = 1.0, 60.0, 60.0
#: The worker logs every task twice; a newcomer needs to see only the ones that failed.
ROUTINE = re.compile(r"state=(RUNNING|SUCCESSFUL)\s*$|^Starting worker ")


def web_workers() -> str:
    """One process with the local-memory cache, whose page cache lives in that process (a
    second process would serve its own stale copies after a change); two with Redis."""
    return os.environ.get("WEB_WORKERS") or ("2" if os.environ.get("REDIS_URL") else "1")


def children(host: str, port: str) -> list[list[str]]:
    python = sys.executable
    web = [
        python, "-m", "gunicorn", "-c", "python:achyk.operations.gunicorn",
        "achyk.wsgi:application", "--bind", f"{host}:{port}",
        "--workers", web_workers(), "--threads", "8",
        "--worker-class", "gthread", "--graceful-timeout", "5", "--no-control-socket",
    ]  # fmt: skip
    if os.environ.get("ACCESS_LOG") == "1":
        web += ["--access-logfile", "-"]
    worker = [python, str(ROOT / "manage.py"), "db_worker", "--no-reload"]
    return [web, capped(worker, worker_memory_cap())]


def worker_memory_cap() -> int | None:
    """The task worker's address-space cap in bytes (WORKER_MEMORY_MB; 0 or less: none)."""
    megabytes = int(os.environ.get("WORKER_MEMORY_MB", "1024"))
    return megabytes * MB if megabytes > 0 else None


def capped(command: list[str], cap: int | None) -> list[str]:
    """`command`, run through this module so that its process starts under `cap` bytes."""
    if cap is None:
        return command
    return [sys.executable, "-m", "achyk.serve", "--memory-cap", str(cap), "--", *command]


def exec_capped(cap: int, command: list[str]) -> None:
    """Become `command` with RLIMIT_AS at `cap`: allocations past it fail (MemoryError), and
    the worker dies instead of the machine swapping or the OOM killer picking a victim."""
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    os.execv(command[0], command)  # noqa: S606 - our own command line


class Supervised:
    """A child process started again whenever it stops, with a growing delay (the backoff)
    while it keeps dying soon after starting. `poll()` is called from the main loop."""

    def __init__(self, command, *, first=BACKOFF_FIRST, longest=BACKOFF_MAX, steady=STEADY_SECONDS,
                 name="the task worker"):  # fmt: skip
        self.command, self.name = command, name
        self.first, self.longest, self.steady = first, longest, steady
        self.delay, self.restarts, self.process, self.due = first, 0, None, None
        self.exit_codes: list[int] = []

    def start(self) -> subprocess.Popen:
        self.process = subprocess.Popen(  # noqa: S603
            self.command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.started, self.due = time.monotonic(), None
        threading.Thread(target=_relay, args=(self.process.stdout,), daemon=True).start()
        return self.process

    def poll(self) -> None:
        now = time.monotonic()
        if self.due is not None:
            if now >= self.due:
                self.restarts += 1
                self.start()
            return
        code = self.process.poll()
        if code is None:
            return
        self.exit_codes.append(code)
        if now - self.started >= self.steady:
            self.delay = self.first
        print(f"make run: {self.name} stopped (exit code {code}); starting it again in "
              f"{self.delay:g} s.", file=sys.stderr, flush=True)  # fmt: skip
        self.due = now + self.delay
        self.delay = min(self.delay * 2, self.longest)


def start(web: list[str], worker: list[str]) -> tuple[subprocess.Popen, Supervised]:
    server = subprocess.Popen(web, cwd=ROOT)  # noqa: S603
    supervised = Supervised(worker)
    supervised.start()
    return server, supervised


def _relay(stream) -> None:
    for line in stream:
        if not ROUTINE.search(line):
            sys.stderr.write(line)


def wait_until_up(url: str, processes, stopping: threading.Event, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not stopping.is_set():
        if any(process.poll() is not None for process in processes):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own URL)
                return response.status == 200
        except OSError:
            time.sleep(0.3)
    return False


def banner(base: str) -> str:
    password = demo_password.stored() or os.environ.get("DEMO_PASSWORD", "")
    lines = [
        "",
        "=" * 72,
        f"  Achyk is running:   {base}/",
        f"  Admin panel:        {base}/admin/",
    ]
    if password:
        lines += [
            f"  Bodies, e.g.:       {base}/burana/ky/   {base}/kok-jar/ru/",
            f"  Own host name:      http://burana.localhost:{base.rsplit(':', 1)[1]}/",
            "  Demo logins (one password for all):",
        ]
        lines += [f"    {name:<15} {role}" for name, role, _body in texts.LOGINS]
        lines.append(f"  Password:           {password}")
        lines.append(f"  (kept in {demo_password.var_dir() / demo_password.FILE_NAME})")
    else:
        lines.append("  No demo data: `manage.py load_demo` loads them.")
    lines += ["  Stop with Ctrl+C.", "=" * 72, ""]
    return "\n".join(lines)


def stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    base = f"http://{host}:{port}"
    os.environ.setdefault("ACHYK_EMBEDDED", "1")
    os.environ.setdefault("WAGTAILADMIN_BASE_URL", base)
    stopping = threading.Event()
    signal.signal(signal.SIGINT, lambda _signum, _frame: stopping.set())
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stopping.set())
    server, worker = start(*children(host, port))
    if wait_until_up(f"{base}/healthz", [server], stopping):
        print(banner(base), flush=True)
    elif not stopping.is_set():
        print(f"make run: the server did not answer at {base}/healthz.", file=sys.stderr)
        stop([server, worker.process])
        return 1
    while not stopping.is_set() and server.poll() is None:
        worker.poll()
        stopping.wait(0.5)
    if not stopping.is_set():
        print(
            "make run: the web server stopped unexpectedly; stopping the worker.", file=sys.stderr
        )
    stop([server, worker.process])
    return 0 if stopping.is_set() else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory-cap"] and sys.argv[3:4] == ["--"]:
        exec_capped(int(sys.argv[2]), sys.argv[4:])
    sys.exit(main())
