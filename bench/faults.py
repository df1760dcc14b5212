"""Faults survived: the production stack under a reader and a writer while its parts fail.

    python -m bench.faults [--pg postgres://postgres@127.0.0.1:5432/postgres]
                           [--redis redis://127.0.0.1:6379/0] [--keep]
                           [--redis-seconds 20] [--pg-seconds 10] [--settle 10] [--front]

1. Creates its own PostgreSQL database (`achyk_faults_<pid>`, dropped again unless --keep), migrates
   it (in the suite: copies the suite's template of the same migrations, `achyk.templatedb`)
   and makes one body with an online reception form.
2. Puts a TCP proxy in front of PostgreSQL and one in front of Redis, and starts the stack as
   `make run` does (`python -m achyk.serve`: gunicorn with 2 workers and the task worker) with
   DATABASE_URL and REDIS_URL pointing at the proxies. Stopping a proxy drops every open
   connection and refuses new ones: to the application, Redis or PostgreSQL has gone away. The
   real servers are shared with other work on this machine, so they are never stopped here.
3. While readers fetch the body's home page and /healthz and a writer sends the form (a unique
   text each time), it stops Redis for 20 s, "restarts" PostgreSQL (10 s down), and kills the
   task worker (SIGKILL) while it runs a task, with 10 s between faults (the options change
   these; the suite's `bench/test_faults.py` runs it with short ones).
4. Prints a table per fault: what readers saw, the writes answered as stored and found stored
   (lost: answered stored but not found; false errors: answered with an error but stored),
   and how long until everything answered again, with no hand on the stack. With --front,
   nginx and Varnish (deploy/, as `make run-front`) stand in front of the application and
   one more reader reads the home page through them. Results go to
   bench/out/faults.json. Rate limits are off (ACHYK_RATE_LIMITS_ON=0): one writer sends more
   forms a minute than a resident may.
"""

import argparse
import collections
import contextlib
import http.cookiejar
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

from achyk import templatedb
from achyk.operations.frontstack import Ports, start_proxies

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
#: Its own database, one per run (a test and a benchmark may run at once).
DATABASE = f"achyk_faults_{os.getpid()}"
FIELD = "kairyluu"
SEED = """
from achyk.content.models import FeedbackFormField, FeedbackFormPage
from achyk.content.services import ensure_platform_home
from achyk.bodies.tests import factories
from achyk.content.tests import factories as content
ensure_platform_home(languages=["ky", "ru", "kk", "en"])
body = factories.body(slug="burana", name="Burana")
page = FeedbackFormPage.objects.child_of(content.home(body, "ky")).get()
FeedbackFormField.objects.create(page=page, label="Kairyluu", field_type="multiline",
                                 required=True, sort_order=0)
content.publish(page)
print(FeedbackFormField.objects.get(page=page).clean_name)
"""
ENQUEUE = """
from achyk.operations.tests.tasks import wait_then_write as t
print(t.using(backend="default").enqueue({hold!r}, {done!r}).id)
"""


class Proxy:
    """A TCP proxy to `target` on a port of its own; `stop()` drops every connection."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, free_port()
        self.sockets: set[socket.socket] = set()
        self.lock, self.listener = threading.Lock(), None

    def start(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self) -> None:
        with self.lock:
            self.listener.close()
            self.listener = None
            for each in self.sockets:
                with contextlib.suppress(OSError):
                    each.shutdown(socket.SHUT_RDWR)
                each.close()
            self.sockets.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                if self.listener is not listener:  # stopped meanwhile: refused like the rest
                    client.close(), server.close()
                    continue
                self.sockets |= {client, server}
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()

    def _pipe(self, a, b) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 1)
                for source in ready:
                    data = source.recv(65536)
                    if not data:
                        raise OSError
                    (b if source is a else a).sendall(data)
        except (OSError, ValueError):
            pass
        finally:
            for each in (a, b):
                each.close()
            with self.lock:
                self.sockets -= {a, b}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_database(url: str, name: str, host: str | None = None, port: int | None = None) -> str:
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    if host:
        netloc = f"{parts.username or ''}{'@' if parts.username else ''}{host}:{port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, f"/{name}", "", ""))


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)[:60]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


class Log:
    """Outcomes by time: (monotonic time, kind, outcome)."""

    def __init__(self):
        self.events, self.lock = [], threading.Lock()

    def add(self, kind: str, outcome: str, **extra) -> None:
        with self.lock:
            self.events.append((time.monotonic(), kind, outcome, extra))

    def between(self, start: float, end: float, kind: str):
        return [e for e in self.events if start <= e[0] < end and e[1] == kind]


def fetch(url: str, opener=None, data: bytes | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data)  # noqa: S310 - our own server
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError as error:
        return 0, type(error).__name__


def reader(base: str, path: str, kind: str, log: Log, stop: threading.Event, pause: float):
    while not stop.is_set():
        status, _ = fetch(base + path)
        log.add(kind, str(status))
        stop.wait(pause)


def writer(base: str, path: str, field: str, log: Log, stop: threading.Event):
    number = 0
    while not stop.is_set():
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        status, page = fetch(base + path, opener)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            log.add("write", f"form {status}")
            stop.wait(0.2)
            continue
        number += 1
        tag = f"fault-{os.getpid()}-{number}"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token[1], field: tag}).encode()
        status, page = fetch(base + path, opener, body)
        answered = status == 200 and f'name="{field}"' not in page
        log.add("write", "stored" if answered else f"error {status}", tag=tag)
        stop.wait(0.1)


def stored_tags(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as db:
        rows = db.execute("SELECT form_data FROM wagtailforms_formsubmission").fetchall()
    return {value for (data,) in rows for value in (json.loads(data) if isinstance(data, str)
                                                   else data).values()}  # fmt: skip


def task_status(dsn: str, task_id: str) -> str | None:
    with psycopg.connect(dsn) as db:
        row = db.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s",
                         [task_id]).fetchone()  # fmt: skip
    return row[0] if row else None


def worker_pid(serve_pid: int) -> int | None:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                status = (entry / "status").read_text()
            except OSError:
                continue
            parent = re.search(r"PPid:\s+(\d+)", status)
            if "db_worker" in line and parent and int(parent[1]) == serve_pid:
                return int(entry.name)
    return None


def answering(log: Log, since: float) -> bool:
    """Whether a page was answered 200 and a form stored since `since`."""
    events = [e for e in log.events if e[0] >= since]
    return any(e[1] == "page" and e[2] == "200" for e in events) and any(
        e[1] == "write" and e[2] == "stored" for e in events
    )


def wait_until(check, seconds: float = 300) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.1)
    raise SystemExit("timed out waiting")


def summarise(log: Log, name: str, start: float, end: float, settle: float, stored: set) -> dict:
    pages = collections.Counter(e[2] for e in log.between(start, settle, "page"))
    front = collections.Counter(e[2] for e in log.between(start, settle, "front"))
    health = collections.Counter(e[2] for e in log.between(start, settle, "healthz"))
    writes = log.between(start, settle, "write")
    answered = [e[3]["tag"] for e in writes if e[2] == "stored"]
    refused = [e[3]["tag"] for e in writes if "tag" in e[3] and e[2] != "stored"]
    after = [e for e in log.events if e[0] >= end and e[1] in ("page", "write")]
    first_ok = {kind: next((e[0] for e in after if e[1] == kind and e[2] in ("200", "stored")),
                           None) for kind in ("page", "write")}  # fmt: skip
    recovery = [t - end for t in first_ok.values() if t is not None]
    return {
        "fault": name, "seconds": round(end - start, 1), "pages": dict(pages),
        "front_pages": dict(front),
        "healthz": dict(health), "writes_answered_stored": len(answered),
        "writes_found_stored": sum(tag in stored for tag in answered),
        "lost": [tag for tag in answered if tag not in stored],
        "false_errors": [tag for tag in refused if tag in stored],
        "writes_refused": collections.Counter(e[2] for e in writes if e[2] != "stored"),
        "recovered_after_s": round(max(recovery), 1) if len(recovery) == 2 else None,
    }  # fmt: skip


def table(rows: list[dict]) -> str:
    front = any(row.get("front_pages") for row in rows)
    lines = [
        "| fault | pages (status: count) | "
        + ("through the front cache | " if front else "")
        + "/healthz | writes answered stored / found stored "
        "| lost | false errors | refused truthfully | back to normal after the fault |",
        "|---|---|---|---|---|---|---|---|" + ("---|" if front else ""),
    ]
    for row in rows:
        fmt = ", ".join(f"{k}: {v}" for k, v in sorted(row["pages"].items()))
        if front:
            fmt += " | " + ", ".join(f"{k}: {v}" for k, v in sorted(row["front_pages"].items()))
        hz = ", ".join(f"{k}: {v}" for k, v in sorted(row["healthz"].items()))
        refused = ", ".join(f"{k}: {v}" for k, v in row["writes_refused"].items()) or "0"
        lines.append(
            f"| {row['fault']} | {fmt} | {hz} | {row['writes_answered_stored']} / "
            f"{row['writes_found_stored']} | {len(row['lost'])} | {len(row['false_errors'])} "
            f"| {refused} | {row.get('note') or (str(row['recovered_after_s']) + ' s')} |"
        )
    return "\n".join(lines)


def setup(args, var: Path) -> tuple[dict, str, str]:
    """The database (migrated, one body with a reception form) and the stack's environment.
    With `args.template_key` (the suite's `templatedb.migrations_key()`), the database is a
    copy of the suite's template of those migrations when the server holds one."""
    admin = psycopg.connect(args.pg, autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
    key = getattr(args, "template_key", None)
    copied = key is not None and templatedb.copy_postgresql_template(admin.cursor(), DATABASE, key)
    if not copied:
        admin.execute(f"CREATE DATABASE {DATABASE}")
    admin.close()
    direct = with_database(args.pg, DATABASE)
    env = {**os.environ, "ACHYK_EMBEDDED": "1", "DATABASE_URL": direct,
           "ACHYK_VAR_DIR": str(var), "ACHYK_RATE_LIMITS_ON": "0", "LOG_LEVEL": "WARNING",
           "TASKS_BACKEND": "database"}  # fmt: skip
    env.pop("REDIS_URL", None)
    if not copied:
        print("faults: migrating a database of its own...", flush=True)
        manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    field = manage(env, "shell", "-c", SEED).strip().splitlines()[-1]
    return env, direct, field


def run(args) -> list[dict]:
    var = OUT / "faults"
    var.mkdir(parents=True, exist_ok=True)
    env, direct, field = setup(args, var)
    pg = urllib.parse.urlsplit(args.pg)
    redis = urllib.parse.urlsplit(args.redis)
    pg_proxy = Proxy((pg.hostname, pg.port or 5432))
    redis_proxy = Proxy((redis.hostname, redis.port or 6379))
    pg_proxy.start(), redis_proxy.start()
    port = free_port()
    stack_env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_WORKERS": "2",
                 "DATABASE_URL": with_database(args.pg, DATABASE, "127.0.0.1", pg_proxy.port),
                 "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/0",
                 "CACHE_KEY_PREFIX": f"faults-{os.getpid()}"}  # fmt: skip
    proxies = ()
    if getattr(args, "front", False):
        ports = Ports(front=free_port(), varnish=free_port(), ban=free_port(), app=port,
                      health=free_port())  # fmt: skip
        stack_env.update(HEALTH_PORT=str(ports.health), FRONT_CACHE_URLS=ports.ban_url)
        proxies = start_proxies(var / "proxies", ports)
    stack_log = (var / "stack.log").open("w")
    stack = subprocess.Popen([sys.executable, "-m", "achyk.serve"], cwd=ROOT,  # noqa: S603
                             env=stack_env, stdout=stack_log, stderr=subprocess.STDOUT)  # fmt: skip
    base, log, stop = f"http://127.0.0.1:{port}", Log(), threading.Event()
    rows = []
    try:
        wait_until(lambda: fetch(base + "/healthz")[0] == 200)
        threads = [
            threading.Thread(target=reader, args=(base, "/burana/ky/", "page", log, stop, 0.05)),
            threading.Thread(target=reader, args=(base, "/healthz", "healthz", log, stop, 0.2)),
            threading.Thread(target=writer, args=(base, "/burana/ky/reception/", field, log, stop)),
        ]  # fmt: skip
        if proxies:
            front = f"http://127.0.0.1:{ports.front}"
            wait_until(lambda: fetch(front + "/burana/ky/")[0] == 200)
            threads.append(threading.Thread(target=reader, args=(front, "/burana/ky/", "front",
                                                                 log, stop, 0.05)))  # fmt: skip
        for thread in threads:
            thread.start()
        since = time.monotonic()
        wait_until(lambda: answering(log, since))  # the readers and the writer are served
        time.sleep(args.settle / 2)
        marks = []
        start = time.monotonic()
        redis_proxy.stop()
        time.sleep(args.redis_seconds)
        redis_proxy.start()
        marks.append((f"Redis stopped ({args.redis_seconds:g} s)", start, time.monotonic()))
        wait_until(lambda: answering(log, marks[-1][2]))
        time.sleep(args.settle)
        before = worker_pid(stack.pid)
        start = time.monotonic()
        pg_proxy.stop()
        time.sleep(args.pg_seconds)
        pg_proxy.start()
        marks.append((f"PostgreSQL restarted ({args.pg_seconds:g} s down)", start,
                      time.monotonic()))  # fmt: skip
        wait_until(lambda: answering(log, marks[-1][2]))
        time.sleep(args.settle * 1.5)
        worker_note = "the worker waited (same process)" if worker_pid(stack.pid) == before \
            else "the worker was started again"  # fmt: skip
        hold, done = var / "hold", var / "done"
        hold.write_text(""), done.unlink(missing_ok=True)
        task = manage(env, "shell", "-c", ENQUEUE.format(hold=str(hold), done=str(done)))
        task_id = task.strip().splitlines()[-1]
        wait_until(lambda: task_status(direct, task_id) == "RUNNING")
        start = time.monotonic()
        os.kill(worker_pid(stack.pid), signal.SIGKILL)
        hold.unlink()
        took = wait_until(lambda: task_status(direct, task_id) == "SUCCESSFUL")
        marks.append(("Task worker killed mid-task", start, time.monotonic()))
        time.sleep(args.settle / 2)
        stop.set()
        for thread in threads:
            thread.join()
        stored = stored_tags(direct)
        settles = [m[1] for m in marks[1:]] + [time.monotonic()]
        for (name, begin, end), settle in zip(marks, settles, strict=True):
            rows.append(summarise(log, name, begin, end, settle, stored))
        rows[1]["note"] = f"{rows[1]['recovered_after_s']} s; {worker_note}"
        rows[2]["note"] = f"task run again and done {took:.1f} s after the kill"
        rows.append(summarise(log, "whole run", log.events[0][0], time.monotonic(),
                              time.monotonic() + 1, stored))  # fmt: skip
        rows[-1]["note"] = f"server up throughout: {stack.poll() is None}"
    finally:
        stop.set()
        stack.send_signal(signal.SIGTERM)
        stack.wait(timeout=30)
        for proxy in proxies:
            proxy.send_signal(signal.SIGTERM)
            proxy.wait(timeout=30)
        if not args.keep:
            admin = psycopg.connect(args.pg, autocommit=True)
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            admin.close()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default=os.environ.get(
        "FAULTS_PG", "postgres://postgres@127.0.0.1:5432/postgres"))  # fmt: skip
    parser.add_argument(
        "--redis", default=os.environ.get("FAULTS_REDIS", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--redis-seconds", type=float, default=20, help="Redis down (20)")
    parser.add_argument("--pg-seconds", type=float, default=10, help="PostgreSQL down (10)")
    parser.add_argument("--settle", type=float, default=10, help="between faults (10)")
    parser.add_argument("--front", action="store_true",
                        help="a reader through the front cache too (nginx, Varnish)")  # fmt: skip
    args = parser.parse_args(argv)
    rows = run(args)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "faults.json").write_text(json.dumps(rows, indent=1, default=str))
    print(table(rows))
    bad = [row for row in rows if row["lost"] or row["false_errors"]]
    return 1 if bad or rows[-1]["note"].endswith("False") else 0


if __name__ == "__main__":
    sys.exit(main())
