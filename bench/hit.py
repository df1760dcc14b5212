"""A page cache hit against `/healthz` in one process, without a web server in between.

    python -m bench.hit [--database-url postgres://postgres@127.0.0.1:5432/bench_front]
                        [--redis redis://127.0.0.1:6379/0] [--path /burana/ky/] [--requests 300]

Reads a database that holds the demo (`bench.front` loads it and collects the static files)
with Redis as the cache. Asks for the page once (a miss: it is kept) and then, three times,
`--requests` times each, for the page (hits) and for `/healthz`, through Django's whole
middleware stack, called as a WSGI server calls it; prints the best of the three for each:
milliseconds of wall time and of CPU per request, and the ratio of requests per second,
hit / `/healthz`. Hits are measured twice: from Redis (near copies off, CACHE_NEAR_BYTES=0:
the hit of a process that has not served the page yet) and from the process's near copy
(`achyk.pagecache.near`). A hit from Redis waits on it; the wall time counts that wait, the
CPU time does not.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

#: Where `bench.front` collected the static files the pages name.
VAR_DIR = Path(__file__).resolve().parent / "out" / "front" / "var"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_front"
        ),
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--path", default="/burana/ky/")
    parser.add_argument("--requests", type=int, default=300)
    return parser.parse_args(argv)


def environ(path: str) -> dict:
    """What a WSGI server hands Django for an anonymous GET of `path`."""
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
        "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }  # fmt: skip


def ask(application, path: str) -> tuple[str, dict]:
    """(status, headers) of `path`, its body read whole, as a server would send it."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    body = application(environ(path), start_response)
    try:
        b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return answer["status"], answer["headers"]


def best_of_three(application, path: str, count: int) -> tuple[float, float]:
    """(wall ms, CPU ms) per request, the best of three runs of `count` requests."""
    runs = []
    for _run in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        for _request in range(count):
            status, _headers = ask(application, path)
            assert status.startswith("200"), (path, status)
        runs.append(
            (
                (time.perf_counter() - wall) * 1000 / count,
                (time.process_time() - cpu) * 1000 / count,
            )
        )
    return min(runs)


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ.pop("DEBUG", None)
    os.environ.update(
        ACHYK_EMBEDDED="1",
        ACHYK_VAR_DIR=str(VAR_DIR),
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis,
        CACHE_KEY_PREFIX=f"bench-hit-{os.getpid()}",
        LOG_LEVEL="ERROR",
        ACHYK_RATE_LIMITS_ON="0",
        DJANGO_SETTINGS_MODULE="achyk.settings",
    )
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.core.cache import cache
    from django.test import override_settings

    from achyk.pagecache import near

    with override_settings(CACHE_NEAR_BYTES=0):
        ask(application, args.path)
        status, headers = ask(application, args.path)
        assert headers.get("X-Cache") == "hit", (status, headers.get("X-Cache"))
        from_redis = best_of_three(application, args.path, args.requests)
    deadline = time.monotonic() + 5
    while not cache.watch().live and time.monotonic() < deadline:
        time.sleep(0.01)
    ask(application, args.path)  # a hit from Redis, kept near
    assert len(near.copies) == 1, "no near copy was kept"
    from_near = best_of_three(application, args.path, args.requests)
    health = best_of_three(application, "/healthz", args.requests)
    print(f"| what ({args.requests} requests, best of 3) | ms per request | CPU ms |")
    print("|---|---:|---:|")
    print(
        f"| page cache hit from Redis `{args.path}` | {from_redis[0]:.3f} | {from_redis[1]:.3f} |"
    )
    print(f"| page cache hit, near copy `{args.path}` | {from_near[0]:.3f} | {from_near[1]:.3f} |")
    print(f"| `/healthz` | {health[0]:.3f} | {health[1]:.3f} |")
    print(f"hit from Redis / /healthz in requests per second: {health[0] / from_redis[0]:.3f}")
    print(f"near copy / /healthz in requests per second: {health[0] / from_near[0]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
