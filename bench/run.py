"""`make bench`: generate N bodies, then measure a body's pages against nginx serving the same.

    python -m bench.run [--bodies 1000] [--news 5] [--database-url URL] [--duration 10s] [--reuse]

1. Generates N bodies with content into its own database (a SQLite file under bench/out/ by
   default, or PostgreSQL from --database-url / BENCH_DATABASE_URL), printing the time taken;
   with --reuse, a database that already holds N generated bodies is measured as it is.
2. Starts gunicorn on a free port with that database (DEBUG off, one worker per core), fetches
   a body's home page and its news list, and writes those exact bytes to files.
3. Starts nginx (own configuration under bench/out/) serving the files on another port.
4. Runs wrk against both for each page and prints requests/s, p50 and p99, and the ratio
   application / nginx. Results go to bench/out/results.json. It prints ratios, not verdicts.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
WRK = os.environ.get("WRK", "/usr/bin/wrk")
PAGES = {"home": "/{slug}/ky/", "news": "/{slug}/ky/news/"}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bodies", type=int, default=1000, help="how many bodies (default 1000)")
    parser.add_argument("--news", type=int, default=5, help="news items per body (default 5)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="a PostgreSQL URL; default: a SQLite file under bench/out/",
    )
    parser.add_argument("--duration", default="10s", help="wrk duration per run (default 10s)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--out", type=Path, default=OUT, help="output directory (bench/out)")
    parser.add_argument(
        "--reuse", action="store_true",
        help="skip generating when the database already has N generated bodies",
    )  # fmt: skip
    return parser.parse_args(argv)


def environment(args) -> dict[str, str]:
    """The environment of the generator and of gunicorn: the bench's own database and files."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "REDIS_URL"}}
    env.update(
        ACHYK_EMBEDDED="1",
        ACHYK_VAR_DIR=str(args.out / "var"),
        DATABASE_URL=args.database_url or f"sqlite:///{args.out / 'bench.sqlite3'}",
        DJANGO_SETTINGS_MODULE="achyk.settings",
        TASKS_BACKEND="immediate",
        LOG_LEVEL="ERROR",
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_django(env, *command) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def generate(args, env) -> dict:
    """Migrate and generate in a child process, so this one never holds Django state."""
    summary = args.out / "generated.json"
    run_django(env, "migrate", "--noinput", "--verbosity", "0")
    run_django(env, "collectstatic", "--noinput", "--verbosity", "0")
    code = (
        "import django, json, sys; django.setup();"
        "from django.conf import settings;"
        "from achyk.content.services import ensure_platform_home;"
        "from bench.generate import generate;"
        "ensure_platform_home(languages=[c for c, _n in settings.LANGUAGES]);"
        "p = lambda n, s: print(f'  {n} bodies, {s:.0f} s', flush=True);"
        "from achyk.bodies.models import Body;"
        "have = Body.objects.filter(slug__startswith='bench-').count();"
        f"reuse = {args.reuse!r} and have >= {args.bodies};"
        f"s = None if reuse else generate(bodies={args.bodies}, news={args.news}, progress=p);"
        "report = {'seconds': s, 'bodies': Body.objects.count()};"
        f"open({str(summary)!r}, 'w').write(json.dumps(report))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    return json.loads(summary.read_text())


def start_gunicorn(env, port: int) -> subprocess.Popen:
    workers = str(os.cpu_count() or 1)
    command = [
        sys.executable, "-m", "gunicorn", "achyk.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", workers, "--threads", "2", "--worker-class", "gthread",
        "--no-control-socket", "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env)


def nginx_config(out: Path, port: int) -> Path:
    for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
        (out / "nginx" / name).mkdir(parents=True, exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = out / "nginx"
    config = f"""daemon off;
master_process on;
worker_processes auto;
{user}pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {temp}/client;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    default_type "text/html; charset=utf-8";
    server {{
        listen 127.0.0.1:{port};
        root {out / "static"};
    }}
}}
"""
    path = temp / "nginx.conf"
    path.write_text(config, encoding="utf-8")
    return path


def wait_for(url: str, seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local)
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def cache_state(url: str) -> str:
    """What the application's page cache says of one more request: hit, miss or off."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local)
        return response.headers.get("X-Cache", "off")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, args) -> dict:
    """Requests per second, p50 and p99 in milliseconds, from `wrk --latency`."""
    command = [
        WRK, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}", "--latency", url,
        *([f"--timeout={args.timeout}"] if getattr(args, "timeout", None) else []),
    ]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def percentile(p: str) -> float:
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return round(float(value) * UNITS[unit], 3)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps, "p50_ms": percentile("50"), "p99_ms": percentile("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }  # fmt: skip


def table(results: dict) -> str:
    rows = [
        "| page | server | requests/s | p50 ms | p99 ms |",
        "|---|---|---:|---:|---:|",
    ]
    for page, servers in results.items():
        for server in ("app", "nginx"):
            r = servers[server]
            rows.append(f"| {page} | {server} | {r['rps']:.0f} | {r['p50_ms']} | {r['p99_ms']} |")
        ratio = servers["app"]["rps"] / servers["nginx"]["rps"]
        rows.append(f"| {page} | app / nginx | {ratio:.3f} (1 : {1 / ratio:.0f}) | | |")
    return "\n".join(rows)


def stop(process: subprocess.Popen | None, sig=signal.SIGTERM) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def measure(args, env, slug: str) -> tuple[dict, dict]:
    app_port, static_port = free_port(), free_port()
    app = nginx = None
    static = args.out / "static"
    static.mkdir(parents=True, exist_ok=True)
    try:
        app = start_gunicorn(env, app_port)
        sizes = {}
        for page, path in PAGES.items():
            html = wait_for(f"http://127.0.0.1:{app_port}{path.format(slug=slug)}")
            (static / f"{page}.html").write_bytes(html)
            sizes[page] = len(html)
        nginx = subprocess.Popen([NGINX, "-c", str(nginx_config(args.out, static_port))])
        wait_for(f"http://127.0.0.1:{static_port}/home.html", 10)
        results = {}
        for page, path in PAGES.items():
            app_url = f"http://127.0.0.1:{app_port}{path.format(slug=slug)}"
            static_url = f"http://127.0.0.1:{static_port}/{page}.html"
            subprocess.run([WRK, "-t1", "-c2", "-d2s", app_url], check=True, capture_output=True)
            results[page] = {"app": wrk(app_url, args), "nginx": wrk(static_url, args)}
            results[page]["app"]["x_cache"] = cache_state(app_url)
            print(f"  {page}: measured", flush=True)
        return results, sizes
    finally:
        stop(nginx, signal.SIGQUIT)
        stop(app)


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    for tool in (NGINX, WRK):
        if not shutil.which(tool):
            print(f"bench: {tool} is missing (apt-get install nginx wrk).", file=sys.stderr)
            return 1
    args.out.mkdir(parents=True, exist_ok=True)
    env = environment(args)
    print(f"bench: generating {args.bodies} bodies ({args.news} news each) ...", flush=True)
    generated = generate(args, env)
    seconds = generated["seconds"]
    took = "reused as it was" if seconds is None else f"generated in {seconds:.0f} s"
    print(f"bench: {generated['bodies']} bodies in the database; {took}", flush=True)
    slug = f"bench-{max(1, args.bodies // 2):04d}"
    print(f"bench: measuring /{slug}/ky/ and /{slug}/ky/news/ with wrk ...", flush=True)
    results, sizes = measure(args, env, slug)
    report = {
        "bodies": generated["bodies"],
        "generation_seconds": None if seconds is None else round(seconds, 1),
        "page_cache_seconds": int(env.get("CACHE_PAGE_SECONDS", "300")),
        "news_per_body": args.news, "body": slug, "page_bytes": sizes, "results": results,
        "wrk": {"threads": args.threads, "connections": args.connections,
                "duration": args.duration},
        "database": env["DATABASE_URL"].split(":", 1)[0], "cores": os.cpu_count(),
        "machine": platform.platform(), "python": platform.python_version(),
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }  # fmt: skip
    (args.out / "results.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(table(results))
    print(f"bench: results written to {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
