"""`make run`: the web server and the task worker together, until Ctrl+C.

`python -m achyk.serve` starts `manage.py db_worker` (background tasks) and gunicorn on
HOST:PORT (127.0.0.1:8000 by default), waits until the site answers, then prints where to
go and how to log in. Ctrl+C or SIGTERM stops both. Static files are served by WhiteNoise,
local media by the application itself (SERVE_MEDIA). ACCESS_LOG=1 logs every request; of
the worker's log only what is not routine (failures) is shown. Run `migrate`, `collectstatic`
and `load_demo --if-empty` first, as `make run` does.
"""

import os
import re
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
#: The worker logs every task twice; a newcomer needs to see only the ones that failed.
ROUTINE = re.compile(r"state=(RUNNING|SUCCESSFUL)\s*$|^Starting worker ")


def web_workers() -> str:
    """One process with the local-memory cache, whose page cache lives in that process (a
    second process would serve its own stale copies after a change); two with Redis."""
    return os.environ.get("WEB_WORKERS") or ("2" if os.environ.get("REDIS_URL") else "1")


def children(host: str, port: str) -> list[list[str]]:
    python = sys.executable
    web = [
        python, "-m", "gunicorn", "achyk.wsgi:application", "--bind", f"{host}:{port}",
        "--workers", web_workers(), "--threads", "8",
        "--worker-class", "gthread", "--graceful-timeout", "5", "--no-control-socket",
    ]  # fmt: skip
    if os.environ.get("ACCESS_LOG") == "1":
        web += ["--access-logfile", "-"]
    worker = [python, str(ROOT / "manage.py"), "db_worker", "--no-reload"]
    return [web, worker]


def start(web: list[str], worker: list[str]) -> list[subprocess.Popen]:
    processes = [subprocess.Popen(web, cwd=ROOT)]  # noqa: S603
    quiet = subprocess.Popen(  # noqa: S603
        worker, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    threading.Thread(target=_relay, args=(quiet.stdout,), daemon=True).start()
    return processes + [quiet]


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
    processes = start(*children(host, port))
    if wait_until_up(f"{base}/healthz", processes, stopping):
        print(banner(base), flush=True)
    elif not stopping.is_set():
        print(f"make run: the server did not answer at {base}/healthz.", file=sys.stderr)
        stop(processes)
        return 1
    while not stopping.is_set() and all(process.poll() is None for process in processes):
        stopping.wait(0.5)
    if not stopping.is_set():
        print("make run: a process stopped unexpectedly; stopping the others.", file=sys.stderr)
    stop(processes)
    return 0 if stopping.is_set() else 1


if __name__ == "__main__":
    sys.exit(main())
