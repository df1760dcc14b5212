"""How a body's home render (and any other page of it) grows with the number of bodies.

    python -m bench.render_scale [--sizes 0,100,400,1000] [--repeat 30] [--slug burana]
                                 [--pages ,budget/2026/] [--database-url postgres://...]
                                 [--server-side-binding]

Builds the demo bodies in a fresh SQLite database under a temporary directory (as
`bench.page_weight`), or in the PostgreSQL database of --database-url (which must exist; the
demo is loaded if it holds no body, and bodies this script added before are counted, not added
again), then, for each size, adds bodies until the platform has that many more: each a Body row
with a Site whose home page is in Kyrgyz and Russian, which is what another body's render could
see of them (their root paths, rows and sites; not their sections). At each size it renders the
body's home (or each of --pages, a row each) in-process `--repeat` times with the page cache
off and prints the median, p99 and fastest time (timed as a server renders, no query recorded),
the time spent in SQL (read in a third as many renders again, recording their queries), the
render in units of a fixed piece of Python work timed just before it (`reference`: the
machine's speed of the moment, for shared machines), the queries of one render and how many
site root paths Wagtail examined to give the render's links their addresses; then the same
renders with the body's menu kept (`pagecache.parts`, CACHE_PART_SECONDS: as every render after
the first once the body's data stays unchanged; the columns above are the first render after a
change). --server-side-binding measures PostgreSQL with parameters bound on the server, which
lets psycopg prepare the statements a process repeats.
The process first settles as each gunicorn worker does (`achyk.operations.gunicorn.settle`:
what it loaded is frozen out of the garbage collector's walks). Prints figures, not verdicts.
"""

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _setup(workdir: Path, database_url: str = "") -> None:
    os.environ.update(
        ACHYK_EMBEDDED="1", ACHYK_VAR_DIR=str(workdir), TASKS_BACKEND="immediate",
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'scale.sqlite3'}", LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="achyk.settings", CACHE_PAGE_SECONDS="0",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
    )  # fmt: skip
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from achyk.bodies.models import Body
    from achyk.demo.services import load_demo

    if not Body.objects.exists():
        load_demo(password="render-scale-Ө-2026")  # noqa: S106


def add_bodies(start: int, count: int) -> None:
    """Bodies `start` .. `start + count - 1`, each with a site and a home in ky and ru."""
    from wagtail.models import Locale, Page, Site

    from achyk.bodies.models import Body

    root = Page.get_first_root_node()
    ky, ru = Locale.objects.get(language_code="ky"), Locale.objects.get(language_code="ru")
    territory = Body.objects.exclude(territory=None).first().territory
    for n in range(start, start + count):
        home = root.add_child(instance=Page(title=f"Айыл {n}", slug=f"scale-{n}-ky", locale=ky))
        root.add_child(instance=Page(title=f"Айыл {n}", slug=f"scale-{n}-ru", locale=ru,
                                     translation_key=home.translation_key))  # fmt: skip
        site = Site.objects.create(hostname=f"scale-{n}.example.kg", port=80, root_page=home)
        Body.objects.create(
            territory=territory, kind="ayil_okmotu", country="KG", slug=f"scale-{n}",
            languages="ky,ru", default_language="ky", name_ky=f"Айыл {n}", site=site,
        )  # fmt: skip


def reference() -> float:
    """Milliseconds of a fixed piece of Python work (about a render's length on an idle
    machine), timed just before each render: on a shared machine, renders are read in units
    of it, so that a busier minute does not pass for growth."""
    start = time.perf_counter()
    total = 0
    for i in range(150_000):
        total += i * i % 7
    return (time.perf_counter() - start) * 1000


def measure(path: str, repeat: int, *, part_seconds: int = 0) -> dict:
    """Times (ms), queries and root paths examined of renders of `path`, with the parts of
    pages kept `part_seconds` (0: computed on every render)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    examined = []
    read = Page._get_site_root_paths

    def counting(page, cache_object=None):
        paths = read(page, cache_object)
        examined.append(len(paths))
        return paths

    settings.CACHE_PART_SECONDS = part_seconds
    client = Client()
    assert client.get(path).status_code == 200  # warm the process's caches
    times, references, sql = [], [], []
    for _ in range(repeat):  # timed as a server renders: no query recorded, nothing counted
        references.append(reference())
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    Page._get_site_root_paths = counting
    try:
        for _ in range(max(1, repeat // 3)):  # then what a render asks of the database
            examined.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    finally:
        Page._get_site_root_paths = read
    ranked = sorted(times)
    return {
        "median": statistics.median(times), "fastest": min(times),
        "reference": statistics.median(references), "sql": statistics.median(sql),
        "ratio": statistics.median(t / r for t, r in zip(times, references, strict=True)),
        "p99": ranked[min(len(ranked) - 1, math.ceil(len(ranked) * 0.99) - 1)],
        "queries": len(queries.captured_queries), "links": len(examined),
        "root_paths": sum(examined),
    }  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0,100,400,1000", help="bodies added, in order")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--slug", default="burana")
    parser.add_argument(
        "--pages", default="",
        help="the body's pages to render, comma-separated, after /<slug>/ky/ (default: the "
        "home; e.g. ',budget/2026/' for the home and the budget year page)",
    )  # fmt: skip
    parser.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")
    parser.add_argument(
        "--server-side-binding", action="store_true",
        help="PostgreSQL: bind parameters on the server, so psycopg prepares the statements "
        "a process repeats (OPTIONS server_side_binding)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="achyk-scale-") as workdir:
        _setup(Path(workdir), args.database_url)
        from achyk.operations.gunicorn import settle

        settle()  # as each gunicorn worker does once the application is loaded
        from django.db import connection

        if args.server_side_binding and connection.vendor == "postgresql":
            connection.close()
            connection.settings_dict["OPTIONS"]["server_side_binding"] = True

        from achyk.bodies.models import Body

        added = Body.objects.filter(slug__startswith="scale-").count()
        demo = Body.objects.count() - added
        print(f"{connection.vendor}; {demo} bodies of the demo, {added} added before")
        print(
            "bodies | page | median ms | p99 ms | fastest ms | SQL ms (median) | reference ms "
            "| render / reference (median) | queries | links | root paths examined | "
            "menu kept: median ms | p99 ms | render / reference | queries"
        )
        for size in (int(s) for s in args.sizes.split(",")):
            if size > added:
                add_bodies(added, size - added)
            if connection.vendor == "postgresql":
                # As autovacuum would, in time: loading the demo and recomputing scores
                # leave dead rows (45,000 in transparency_score after a few runs), and a
                # server whose autovacuum is off (a test set-up) would measure them too.
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            added = max(added, size)
            for page in args.pages.split(","):
                path = f"/{args.slug}/ky/{page}"
                m = measure(path, args.repeat)
                k = measure(path, args.repeat, part_seconds=300)
                print(f"{demo + added} | {path} | {m['median']:.1f} | {m['p99']:.1f} | "
                      f"{m['fastest']:.1f} | {m['sql']:.1f} | {m['reference']:.1f} | "
                      f"{m['ratio']:.2f} | {m['queries']} | {m['links']} | {m['root_paths']} | "
                      f"{k['median']:.1f} | {k['p99']:.1f} | {k['ratio']:.2f} | "
                      f"{k['queries']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
