"""Search and the registry of acts at scale: p50/p99 in-process and over HTTP, with references.

    python -m bench.search_registry --database-url postgres://postgres@127.0.0.1/achyk_bench \\
        [--repeat 100] [--duration 10s] [--no-http] [--explain]

Reads a database made by `python -m bench.scale generate` (1000 bodies, 1,000,000 documents);
it writes nothing to it.

1. In-process, through the same code as the views: for each search query (a Kyrgyz word form,
   two words, a Russian word, a rare word, a very common word, a word found nowhere; on a
   body's site and platform-wide) `selectors.search` and its capped count, as the results
   page reads them (first page, and the last page the count allows); for each registry address
   (a body's and the platform's, with and without filters, first page and a deep page)
   `registry.entries` and its paginator. Each is run `--repeat` times (bodies taken in turn)
   and reported as p50/p99 in milliseconds, beside two references measured in the same run: a
   `SELECT 1` round trip and a lookup of one search entry by primary key.
2. Over HTTP: gunicorn (DEBUG off, one worker per core, page cache off so that every request
   is rendered) and nginx serving the same bytes from a file, both measured with wrk; prints
   requests/s, p50, p99 and the ratio application / nginx.
3. With --explain, the plan (EXPLAIN ANALYZE) of each search and registry query.

Results go to bench/out/search-registry.json. It prints ratios, not verdicts.
"""

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import run

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

#: (name, query, language, on a body's site): what readers type, from rare to everywhere.
SEARCHES = [
    ("ky word form", "бюджеттин", "ky", True),
    ("ky word form", "бюджеттин", "ky", False),
    ("two ky words", "жайыт ижарага", "ky", True),
    ("two ky words", "жайыт ижарага", "ky", False),
    ("ru word", "постановления", "ru", True),
    ("ru word", "постановления", "ru", False),
    ("rare word", "шахмат", "ky", True),
    ("rare word", "шахмат", "ky", False),
    ("very common word", "жөнүндө", "ky", True),
    ("very common word", "жөнүндө", "ky", False),
    ("no match", "космонавтика", "ru", True),
    ("no match", "космонавтика", "ru", False),
]
#: (name, filters as in the address, on a body's site, page).
REGISTRY = [
    ("first page", {}, True, 1),
    ("type + year", {"type": "council-resolution", "year": "2020"}, True, 1),
    ("last page", {}, True, "last"),
    ("first page", {}, False, 1),
    ("type + year", {"type": "council-resolution", "year": "2020"}, False, 1),
    ("status + language", {"status": "repealed", "language": "ky"}, False, 1),
    ("page 50", {}, False, 50),
    ("page 500", {}, False, 500),
]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="the PostgreSQL database made by bench.scale (default: $BENCH_DATABASE_URL)",
    )  # fmt: skip
    parser.add_argument("--bodies", type=int, default=1000, help="bodies to take in turn")
    parser.add_argument("--repeat", type=int, default=100, help="runs of each in-process query")
    parser.add_argument("--duration", default="10s", help="wrk duration per address (10s)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--timeout", default="30s", help="wrk: a slower answer is an error")
    parser.add_argument("--no-http", action="store_true", help="in-process figures only")
    parser.add_argument("--only", choices=["search", "registry"], help="one of the two")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--out", type=Path, default=OUT, help="output directory (bench/out)")
    return parser.parse_args(argv)


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 3), "p99_ms": round(p99, 3),
            "n": len(ordered)}  # fmt: skip


def timed(function, times: int) -> dict:
    samples = []
    for index in range(times):
        began = time.perf_counter()
        function(index)
        samples.append((time.perf_counter() - began) * 1000)
    return percentiles(samples)


def search_page(query, *, language: str, body, page: int | str):
    """What the results page reads: the capped count and one page of entries."""
    from achyk.search import selectors, views
    from achyk.ui.paginators import CappedPaginator

    entries, found = selectors.counted(selectors.search(query, language=language, body=body))
    paginator = CappedPaginator(entries, views.PAGE_SIZE, cap=selectors.MAX_COUNTED, found=found)
    number = paginator.num_pages if page == "last" else page
    return list(paginator.page(number)), paginator.count


def registry_page(*, body, filters: dict, page: int | str):
    """What the registry's list reads: the filters, the count and one page of acts."""
    from django.http import QueryDict
    from django.utils.http import urlencode

    from achyk.documents.registry import selectors as registry
    from achyk.ui.paginators import CappedPaginator

    form = registry.RegistryFilter(QueryDict(urlencode(filters)), platform=body is None, body=body)
    acts = registry.entries(body=body, filters=form.values)
    paginator = CappedPaginator(acts, registry.PAGE_SIZE, cap=registry.MAX_LISTED)
    number = paginator.num_pages if page == "last" else min(page, paginator.num_pages)
    return list(registry.share_bodies(paginator.page(number).object_list)), paginator.found


def explain(queryset) -> str:
    from django.core.exceptions import EmptyResultSet
    from django.db import connection

    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return "(no query: nothing matched)"
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def in_process(args) -> dict:
    """p50/p99 of each search and registry read, and of the references, in this process."""
    import django

    django.setup()
    from django.db import connection

    from achyk.bodies.models import Body
    from achyk.search import selectors
    from achyk.search.models import SearchEntry

    bodies = list(Body.objects.filter(slug__startswith="bench-").order_by("slug")[: args.bodies])
    rng = random.Random(1)  # noqa: S311 (which bodies to read)
    rng.shuffle(bodies)
    top = SearchEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    def select_one(_index):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchall()

    def entry_by_pk(index):
        SearchEntry.objects.filter(pk=1 + (index * 7919) % top).first()

    results = {
        "reference": {
            "SELECT 1": timed(select_one, args.repeat * 5),
            "search entry by pk": timed(entry_by_pk, args.repeat * 5),
        },
        "search": {}, "registry": {}, "plans": {},
    }  # fmt: skip
    searches = [] if args.only == "registry" else SEARCHES
    for name, raw, language, per_body in searches:
        query = selectors.parse(raw)
        where = "body" if per_body else "platform"
        for page in (1, "last"):

            def read(index, query=query, language=language, per_body=per_body, page=page):
                body = bodies[index % len(bodies)] if per_body else None
                return search_page(query, language=language, body=body, page=page)

            _entries, count = read(0)
            key = f"{name} «{raw}» ({language}), {where}, page {page}"
            results["search"][key] = {**timed(read, args.repeat), "results_counted": count}
            print(f"  search {key}: {results['search'][key]}", flush=True)
        if args.explain:
            body = bodies[0] if per_body else None
            entries, _found = selectors.counted(
                selectors.search(query, language=language, body=body)
            )
            results["plans"][f"search {name} {where}"] = explain(entries[:10])
    for name, filters, per_body, page in [] if args.only == "search" else REGISTRY:
        where = "body" if per_body else "platform"

        def list_acts(index, filters=filters, per_body=per_body, page=page):
            body = bodies[index % len(bodies)] if per_body else None
            return registry_page(body=body, filters=filters, page=page)

        _acts, count = list_acts(0)
        key = f"{name} {json.dumps(filters, ensure_ascii=False)}, {where}, page {page}"
        results["registry"][key] = {**timed(list_acts, args.repeat), "acts_counted": count}
        print(f"  registry {key}: {results['registry'][key]}", flush=True)
    connection.close()
    return results


#: Addresses measured over HTTP: (name, path, query). {slug}: the measured body.
ADDRESSES = [
    ("search, body, ky word form", "/{slug}/ky/search/", {"q": "бюджеттин"}),
    ("search, platform, ky word form", "/ky/search/", {"q": "бюджеттин"}),
    ("search, platform, very common word", "/ky/search/", {"q": "жөнүндө"}),
    ("search, platform, rare word", "/ky/search/", {"q": "шахмат"}),
    ("registry, body, first page", "/{slug}/ky/documents/", {}),
    ("registry, platform, first page", "/ky/registry/", {}),
    ("registry, platform, type + year", "/ky/registry/", {"type": "council-resolution",
                                                          "year": "2020"}),
    ("registry, platform, page 500", "/ky/registry/", {"page": "500"}),
    ("healthz (the stack, no query)", "/healthz", {}),
]  # fmt: skip


def address(path: str, query: dict, slug: str) -> str:
    from urllib.parse import urlencode

    return path.format(slug=slug) + (f"?{urlencode(query)}" if query else "")


def over_http(args, env: dict, slug: str) -> dict:
    """wrk against gunicorn and against nginx serving the same bytes, address by address."""
    app_port, static_port = run.free_port(), run.free_port()
    static = args.out / "static"
    static.mkdir(parents=True, exist_ok=True)
    app = nginx = None
    results = {}
    try:
        app = run.start_gunicorn(env, app_port)
        files = {}
        for index, (name, path, query) in enumerate(ADDRESSES):
            html = run.wait_for(f"http://127.0.0.1:{app_port}{address(path, query, slug)}")
            files[name] = f"scale-{index}.html"
            (static / files[name]).write_bytes(html)
        nginx = subprocess.Popen([run.NGINX, "-c", str(run.nginx_config(args.out, static_port))])
        run.wait_for(f"http://127.0.0.1:{static_port}/{files[ADDRESSES[0][0]]}", 10)
        for name, path, query in ADDRESSES:
            app_url = f"http://127.0.0.1:{app_port}{address(path, query, slug)}"
            static_url = f"http://127.0.0.1:{static_port}/{files[name]}"
            subprocess.run([run.WRK, "-t1", "-c2", "-d2s", app_url], check=True,
                           capture_output=True)  # fmt: skip
            results[name] = {"app": run.wrk(app_url, args), "nginx": run.wrk(static_url, args),
                             "bytes": (static / files[name]).stat().st_size}  # fmt: skip
            print(f"  http {name}: {results[name]}", flush=True)
        return results
    finally:
        run.stop(nginx, run.signal.SIGQUIT)
        run.stop(app)


def table(rows: dict, reference: dict) -> str:
    """Markdown rows of p50/p99 with the ratio to the `SELECT 1` reference."""
    select_one = reference["SELECT 1"]
    lines = ["| read | p50 ms | p99 ms | p99 / SELECT 1 p99 |", "|---|---:|---:|---:|"]
    for name, figures in {**reference, **rows}.items():
        ratio = figures["p99_ms"] / select_one["p99_ms"]
        lines.append(f"| {name} | {figures['p50_ms']} | {figures['p99_ms']} | {ratio:,.0f} |")
    return "\n".join(lines)


def http_table(results: dict) -> str:
    lines = ["| address | app req/s | app p50 ms | app p99 ms | nginx req/s | app / nginx |",
             "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for name, servers in results.items():
        app, nginx = servers["app"], servers["nginx"]
        ratio = f"1 : {nginx['rps'] / app['rps']:,.0f}" if app["rps"] else "no answer in time"
        lines.append(
            f"| {name} | {app['rps']:.1f} | {app['p50_ms']} | {app['p99_ms']} | "
            f"{nginx['rps']:.0f} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    if not args.database_url.startswith("postgres"):
        print("bench: --database-url must be the PostgreSQL database of bench.scale",
              file=sys.stderr)  # fmt: skip
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    env = run.environment(args) | {"CACHE_PAGE_SECONDS": "0"}
    env["DATABASE_URL"] = args.database_url
    os.environ.update(env)
    print("bench: in-process reads ...", flush=True)
    results = in_process(args)
    slug = f"bench-{max(1, args.bodies // 2):04d}"
    if not args.no_http:
        print(f"bench: HTTP, body {slug}, page cache off ...", flush=True)
        run.run_django(env, "collectstatic", "--noinput", "--verbosity", "0")
        results["http"] = over_http(args, env, slug)
    results.update(
        cores=os.cpu_count(), machine=platform.platform(), python=platform.python_version(),
        when=time.strftime("%Y-%m-%d %H:%M:%S %z"), repeat=args.repeat, body=slug,
        wrk={"threads": args.threads, "connections": args.connections, "duration": args.duration},
    )  # fmt: skip
    (args.out / "search-registry.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    if args.explain:
        for name, plan in results["plans"].items():
            print(f"\n{name}\n{plan}")
    print(table(results["search"], results["reference"]))
    print(table(results["registry"], results["reference"]))
    if "http" in results:
        print(http_table(results["http"]))
    print(f"bench: results written to {args.out / 'search-registry.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
