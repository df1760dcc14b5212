"""The front cache against nginx, Django's hits and renders against /healthz, and 200
connections on the production set-up: PostgreSQL, Redis, nginx -> Varnish -> gunicorn.

    python -m bench.front [--database-url postgres://postgres@127.0.0.1:5432/bench_front]
                          [--redis redis://127.0.0.1:6379/0] [--duration 10s] [--connections 16]
                          [--load-duration 60s] [--load-connections 200] [--no-load]

1. Migrates the database and loads the demo into it if it is empty (12 bodies).
2. Starts the stack as `make run-front` does (achyk.operations.frontstack): the application
   (`python -m achyk.serve`: gunicorn 2 workers x 8 threads and the task worker; HEALTH_PORT;
   FRONT_CACHE_URLS), Varnish with deploy/varnish/achyk.vcl and nginx in front of it with its
   one-second micro-cache, plus an nginx server that sends the body's home page, fetched
   once, as a static file.
3. wrk (-t2, --connections, --duration) against, in this order: nginx static, the home page
   through nginx and Varnish (hits), through Varnish alone, the application alone (its page
   cache's hits), /healthz on the application, and a second gunicorn like it with the page
   cache off (CACHE_PAGE_SECONDS=0: every request renders). Prints requests/s, p50, p99 and
   the ratios: front cache / nginx static, hits and renders / /healthz.
4. Publishes a news item on that body (a child process, as the admin would) and reads the home
   page through the front cache until the new title is there (the task worker sends the ban),
   at most PUBLISH_SECONDS; how long it took, or the run says STALE.
5. The load: wrk with --load-connections for --load-duration through the front cache, a mix
   (bench/front_mix.lua) of kept pages of every demo body (home, news, documents, budget,
   transparency; ky and ru), search (a set of words, kept 60 s) and searches never asked
   before (rendered each time); /healthz on HEALTH_PORT read every 100 ms meanwhile. Rate
   limits are off (ACHYK_RATE_LIMITS_ON=0): every request comes from one address.
Results: bench/out/front.json. Prints figures and ratios, not verdicts.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

from achyk.operations.frontstack import Ports, start_proxies, wait_for
from bench.faults import free_port, manage
from bench.run import NGINX, WRK, wrk

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
VARNISHD = "/usr/sbin/varnishd"
SLUG = "burana"
#: Seconds the publish may take to show through the front cache: the worker looks for tasks
#: every second; a ban that has not arrived by then is a failure of the run (STALE).
PUBLISH_SECONDS = 10.0
PUBLISH = """
from achyk.bodies.models import Body
from achyk.content.tests import factories as f
f.news(Body.objects.get(slug={slug!r}), "ky", title={title!r}, slug={page_slug!r})
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_front"))  # fmt: skip
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--duration", default="10s", help="each wrk run of step 3 (10s)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--load-duration", default="60s")
    parser.add_argument("--load-connections", type=int, default=200)
    parser.add_argument("--no-load", action="store_true", help="skip step 5")
    return parser.parse_args(argv)


def caches(headers: dict) -> str:
    """Where an answer through the front came from: nginx's micro-cache (X-Micro-Cache: HIT,
    MISS, ...) and Varnish (X-Front-Cache: hit, miss, pass, as it was when nginx kept it)."""
    return f"nginx {headers.get('X-Micro-Cache')}, varnish {headers.get('X-Front-Cache')}"


def get(url: str, headers: dict | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - our own
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), ""


def gunicorn(port: int) -> list[str]:
    """gunicorn as `achyk.serve` starts it (2 workers x 8 threads), without the task worker."""
    return [sys.executable, "-m", "gunicorn", "-c", "python:achyk.operations.gunicorn",
            "achyk.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2",
            "--threads", "8", "--worker-class", "gthread", "--no-control-socket",
            "--log-level", "warning"]  # fmt: skip


def stop(process, sig=signal.SIGTERM) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


class HealthSampler(threading.Thread):
    """Reads `url` every 100 ms; keeps (seconds it took, status)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.samples, self.halt = url, [], threading.Event()

    def run(self):
        while not self.halt.is_set():
            started = time.monotonic()
            try:
                status = get(self.url)[0]
            except OSError:
                status = 0
            self.samples.append((time.monotonic() - started, status))
            self.halt.wait(0.1)

    def summary(self) -> dict:
        times = sorted(seconds * 1000 for seconds, _status in self.samples)
        if not times:
            return {}
        return {
            "reads": len(times), "not_200": sum(s != 200 for _t, s in self.samples),
            "p50_ms": round(statistics.median(times), 1),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 1),
            "max_ms": round(times[-1], 1),
        }  # fmt: skip


def paths(args, env) -> list[str]:
    """The mix's kept addresses: every demo body's pages in ky and ru."""
    code = (
        "from achyk.bodies.models import Body\n"
        "for slug in Body.objects.order_by('slug').values_list('slug', flat=True):\n"
        "    print('slug:' + slug)\n"
    )
    found_lines = manage(env, "shell", "-c", code).splitlines()
    slugs = [line.removeprefix("slug:") for line in found_lines if line.startswith("slug:")]
    found = []
    for slug in slugs:
        for language in ("ky", "ru"):
            for tail in ("", "news/", "documents/", "budget/", "transparency/"):
                found.append(f"/{slug}/{language}/{tail}")
    return found


def mix_script(out: Path, kept: list[str], base: str) -> Path:
    """A wrk script: 80 % kept pages (checked to answer 200 first), 15 % searches from a set
    of words, 5 % searches never asked before."""
    good = [p for p in kept if get(base + p)[0] == 200]
    words = ["бюджет", "жаңылык", "кеңеш", "токтом", "жол", "суу", "мектеп", "бюджета",
             "новости", "совет", "дорога", "вода", "школа", "аким", "отчет", "план"]  # fmt: skip
    searches = [f"/{lang}/search/?q={urllib.parse.quote(w)}" for lang in ("ky", "ru")
                for w in words]  # fmt: skip
    lua = out / "front_mix.lua"
    lua.write_text(
        "local kept = {" + ",".join(json.dumps(p) for p in good) + "}\n"
        "local searches = {" + ",".join(json.dumps(p) for p in searches) + "}\n"
        "local n = 0\n"
        "math.randomseed(os.time())\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  local r = math.random(100)\n"
        "  local path\n"
        "  if r <= 80 then path = kept[math.random(#kept)]\n"
        "  elseif r <= 95 then path = searches[math.random(#searches)]\n"
        "  else path = '/ky/search/?q=' .. 'suz' .. n .. '-' .. math.random(1000000) end\n"
        "  return wrk.format('GET', path)\n"
        "end\n",
        encoding="utf-8",
    )
    return lua, good


def run_wrk(url: str, args, *, connections=None, duration=None, script=None, headers=()):
    options = SimpleNamespace(
        threads=2, connections=connections or args.connections,
        duration=duration or args.duration, timeout="10s",
    )  # fmt: skip
    if not script and not headers:
        return wrk(url, options)
    import re

    from bench.run import UNITS

    command = [WRK, "-t2", f"-c{options.connections}", f"-d{options.duration}", "--latency",
               "--timeout", options.timeout, url]  # fmt: skip
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603

    def percentile(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return round(float(value) * UNITS[unit], 3)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                        output)  # fmt: skip
    total = re.search(r"(\d+) requests in", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": percentile("50"), "p75_ms": percentile("75"), "p90_ms": percentile("90"),
        "p99_ms": percentile("99"), "requests": int(total.group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": dict(zip(("connect", "read", "write", "timeout"),
                                  map(int, sockets.groups()), strict=True)) if sockets else {},
    }  # fmt: skip


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    for tool in (NGINX, WRK, VARNISHD):
        if not shutil.which(tool):
            print(f"bench.front: {tool} is missing (apt-get install nginx wrk varnish).")
            return 1
    out = OUT / "front"
    static = out / "static"
    static.mkdir(parents=True, exist_ok=True)
    ports = Ports(front=free_port(), varnish=free_port(), ban=free_port(), app=free_port(),
                  health=free_port())  # fmt: skip
    while ports.front + 1 in (ports.varnish, ports.ban, ports.app, ports.health):
        ports.front = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG"}}
    env.update(
        ACHYK_EMBEDDED="1", ACHYK_VAR_DIR=str(out / "var"), DATABASE_URL=args.database_url,
        REDIS_URL=args.redis, CACHE_KEY_PREFIX=f"bench-front-{os.getpid()}",
        LOG_LEVEL="ERROR", ACHYK_RATE_LIMITS_ON="0", TASKS_BACKEND="database",
        HOST="127.0.0.1", PORT=str(ports.app), HEALTH_PORT=str(ports.health),
        FRONT_CACHE_URLS=ports.ban_url, WEB_WORKERS="2",
    )  # fmt: skip
    print("bench.front: migrating and loading the demo if the database is empty ...", flush=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "load_demo", "--if-empty", "--password", "bench-front-Ө-2026")
    app = varnish = nginx = None
    report = {"ports": ports.__dict__, "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
              "cores": os.cpu_count(), "machine": platform.platform(),
              "python": platform.python_version(), "database": args.database_url.split(":")[0],
              "load_before": os.getloadavg()}  # fmt: skip
    try:
        app = subprocess.Popen([sys.executable, "-m", "achyk.serve"], cwd=ROOT, env=env,  # noqa: S603
                               stdout=subprocess.DEVNULL)  # fmt: skip
        varnish, nginx = start_proxies(out / "proxies", ports, static)
        front = f"http://127.0.0.1:{ports.front}"
        direct = f"http://127.0.0.1:{ports.app}"
        wait_for(f"{direct}/healthz"), wait_for(f"{front}/healthz")
        home = f"/{SLUG}/ky/"
        status, headers, html = get(front + home)
        (static / "home.html").write_text(html, encoding="utf-8")
        wait_for(f"http://127.0.0.1:{ports.front + 1}/home.html")
        states = [caches(get(front + home)[1]) for _ in range(2)]
        report["home_bytes"], report["front_states"] = len(html.encode()), states
        print(f"bench.front: home {len(html.encode())} bytes; front cache says {states}")
        get(direct + home)
        runs = {
            "nginx static": f"http://127.0.0.1:{ports.front + 1}/home.html",
            "front cache hit (nginx -> Varnish)": front + home,
            "front cache hit (Varnish alone)": f"http://127.0.0.1:{ports.varnish}{home}",
            "application: page cache hit": direct + home,
            "application: /healthz": direct + "/healthz",
        }
        results = {}
        for name, url in runs.items():
            subprocess.run([WRK, "-t1", "-c2", "-d2s", url], check=True, capture_output=True)  # noqa: S603
            results[name] = run_wrk(url, args)
            print(f"  {name}: {results[name]['rps']:.0f}/s p99 {results[name]['p99_ms']} ms",
                  flush=True)  # fmt: skip
        name = "application: render (CACHE_PAGE_SECONDS=0)"
        render_port = free_port()
        render_env = {**env, "CACHE_PAGE_SECONDS": "0", "HEALTH_PORT": ""}
        renders = subprocess.Popen(  # noqa: S603
            gunicorn(render_port), cwd=ROOT, stdout=subprocess.DEVNULL, env=render_env
        )
        try:
            wait_for(f"http://127.0.0.1:{render_port}{home}")
            url = f"http://127.0.0.1:{render_port}{home}"
            subprocess.run([WRK, "-t1", "-c2", "-d2s", url], check=True, capture_output=True)  # noqa: S603
            results[name] = run_wrk(url, args)
        finally:
            stop(renders)
        print(f"  {name}: {results[name]['rps']:.0f}/s p99 {results[name]['p99_ms']} ms")
        report["runs"] = results
        rps = {k: v["rps"] for k, v in results.items()}
        report["ratios"] = {
            "front (nginx -> Varnish) / nginx static":
                rps["front cache hit (nginx -> Varnish)"] / rps["nginx static"],
            "Varnish alone / nginx static":
                rps["front cache hit (Varnish alone)"] / rps["nginx static"],
            "page cache hit / /healthz":
                rps["application: page cache hit"] / rps["application: /healthz"],
            "render / /healthz": rps[name] / rps["application: /healthz"],
            "page cache hit / nginx static":
                rps["application: page cache hit"] / rps["nginx static"],
        }  # fmt: skip

        title = f"Жаңы көпүрө {os.getpid()}-{int(time.time())}"
        before = get(front + home)
        page_slug = f"bench-front-{os.getpid()}-{int(time.time())}"
        manage(env, "shell", "-c", PUBLISH.format(slug=SLUG, title=title, page_slug=page_slug))
        published = time.monotonic()
        after = get(front + home)
        while title not in after[2] and time.monotonic() - published < PUBLISH_SECONDS:
            time.sleep(0.05)  # the ban is sent by the task worker, which looks every second
            after = get(front + home)
        report["publish"] = {
            "before": caches(before[1]), "after": caches(after[1]),
            "visible": title in after[2],
            "visible_after_s": round(time.monotonic() - published, 2),
            "kept_again": caches(get(front + home)[1]),
        }  # fmt: skip
        print(f"bench.front: publish -> {report['publish']}"
              + ("" if title in after[2] else "  STALE"), flush=True)  # fmt: skip

        if not args.no_load:
            kept = paths(args, env)
            script, good = mix_script(out, kept, front)
            report["load_addresses"] = len(good)
            health = HealthSampler(f"http://127.0.0.1:{ports.health}/healthz")
            health_main = HealthSampler(f"{direct}/healthz")
            health.start(), health_main.start()
            report["load"] = run_wrk(front + "/", args, connections=args.load_connections,
                                     duration=args.load_duration, script=script)  # fmt: skip
            health.halt.set(), health_main.halt.set()
            health.join(), health_main.join()
            report["load"]["healthz_health_port"] = health.summary()
            report["load"]["healthz_main_port"] = health_main.summary()
            report["load"]["connections"] = args.load_connections
            report["load"]["duration"] = args.load_duration
            print(f"bench.front: load {json.dumps(report['load'])}", flush=True)
    finally:
        stop(nginx, signal.SIGQUIT), stop(varnish), stop(app)
    report["load_after"] = os.getloadavg()
    (OUT / "front.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    print(table(report))
    return 0 if report.get("publish", {}).get("visible") else 1


def table(report: dict) -> str:
    lines = ["| what | requests/s | p50 ms | p99 ms |", "|---|---:|---:|---:|"]
    for name, r in report.get("runs", {}).items():
        lines.append(f"| {name} | {r['rps']:,.0f} | {r['p50_ms']} | {r['p99_ms']} |")
    lines += ["", "| ratio | value |", "|---|---:|"]
    for name, value in report.get("ratios", {}).items():
        inverse = f"1 : {1 / value:,.1f}" if value else "none"
        lines.append(f"| {name} | {value:.3f} ({inverse}) |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
