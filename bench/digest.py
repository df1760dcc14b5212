"""How long the daily digest of e-mail subscriptions takes, and how much memory it holds, as
the number of subscribers grows.

    python -m bench.digest [--database-url URL] [--bodies 1000] [--sizes 10000,30000,100000]

1. Brings a database (a SQLite file under bench/out/ by default) to N bodies (rows only,
   as `bench.transparency` adds them), each with a budget whose approved stage was
   published an hour ago: the new item of the day, in Kyrgyz and Russian.
2. For each size S: replaces the subscribers with S confirmed daily subscribers spread over
   the bodies (half Kyrgyz, half Russian, all topics), their watermark a day ago; then runs
   `subscriptions.digest.send("daily")` once with a mail backend that builds every
   letter's bytes as SMTP would send them and drops them (nothing goes on the network),
   measuring the wall time and the peak of Python allocations during the run (tracemalloc).
3. Prints, per size, letters sent, seconds (wall, and the process's CPU: on a shared
   machine the second is the one to compare), letters per second, the peak in MB and the
   queries of the run: the peak should stay flat while the time grows with the letters, and
   the queries grow with the chunks of subscribers, not with the letters.
"""

import argparse
import datetime
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--sizes", default="10000,30000,100000")
    return parser.parse_args(argv)


def setup(database_url: str) -> None:
    os.environ.setdefault("ACHYK_EMBEDDED", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "achyk.settings")
    os.environ.pop("DEBUG", None)
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{OUT / 'digest.sqlite3'}"
    os.environ["EMAIL_URL"] = "console://"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ensure_items(body_ids: list[int], now: datetime.datetime) -> None:
    """Each body's budget with its approved stage published an hour before `now`."""
    from achyk.budget.models import Budget, Stage

    have = set(
        Budget.objects.filter(body_id__in=body_ids, year=2026).values_list("body_id", flat=True)
    )
    Budget.objects.bulk_create(
        [Budget(body_id=pk, year=2026, currency="KGS") for pk in body_ids if pk not in have],
        batch_size=1000,
    )
    Stage.objects.filter(budget__body_id__in=body_ids).delete()
    hour_ago = now - datetime.timedelta(hours=1)
    Stage.objects.bulk_create(
        [Stage(budget=budget, stage="approved", published_at=hour_ago, updated_at=hour_ago)
         for budget in Budget.objects.filter(body_id__in=body_ids, year=2026)],
        batch_size=1000,
    )  # fmt: skip


class BytesBackend:
    """A mail backend that builds every letter's bytes, as SMTP would send them, and drops
    them: the whole cost of a letter but the network."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            message.message().as_bytes()
        return len(messages)


def subscribers(body_ids: list[int], count: int, now: datetime.datetime) -> None:
    from achyk.subscriptions.models import Subscriber

    Subscriber.objects.all().delete()
    day_ago = now - datetime.timedelta(days=1)
    batch = []
    for n in range(count):
        batch.append(Subscriber(
            body_id=body_ids[n % len(body_ids)], email=f"s{n}@example.kg",
            language=("ky", "ru")[n % 2], topics="news,announcements,acts,budget",
            frequency="daily", leave_key=f"key-{n:08d}", confirmed_at=day_ago, sent_until=day_ago,
        ))  # fmt: skip
        if len(batch) == 5000:
            Subscriber.objects.bulk_create(batch)
            batch = []
    Subscriber.objects.bulk_create(batch)


def measure(now) -> tuple[int, float, float, int, float]:
    from django.db import connection
    from django.test.utils import override_settings

    from achyk.subscriptions import digest

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with override_settings(EMAIL_BACKEND="bench.digest.BytesBackend"), \
            connection.execute_wrapper(count):  # fmt: skip
        tracemalloc.start()
        started, cpu = time.perf_counter(), time.process_time()
        report = digest.send("daily", now)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return report.letters, seconds, peak / 1024 / 1024, len(queries), cpu


def main(argv=None) -> None:
    args = parse_args(argv)
    setup(args.database_url)
    from django.utils import timezone

    from bench.transparency import ensure_bodies

    now = timezone.now()
    body_ids = ensure_bodies(args.bodies)
    ensure_items(body_ids, now)
    print(f"{platform.python_version()} · {len(body_ids)} bodies · {os.cpu_count()} cores",
          flush=True)  # fmt: skip
    subscribers(body_ids, 200, now)
    measure(now)  # warm up: imports, catalogues, the first reversals
    print(f"{'subscribers':>12} {'letters':>8} {'seconds':>8} {'CPU s':>8} {'letters/s':>10}"
          f" {'peak MB':>8} {'queries':>8}")  # fmt: skip
    for size in [int(part) for part in args.sizes.split(",")]:
        subscribers(body_ids, size, now)
        letters, seconds, peak, queries, cpu = measure(now)
        print(f"{size:>12} {letters:>8} {seconds:>8.1f} {cpu:>8.1f} {letters / seconds:>10.0f}"
              f" {peak:>8.1f} {queries:>8}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
