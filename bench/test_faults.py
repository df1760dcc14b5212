"""The fault run in the suite: the stack as `make run` starts it (gunicorn and the task
worker, on PostgreSQL and Redis), with a reader and a writer sending forms, while Redis stops,
PostgreSQL restarts and the task worker is killed mid-task (`bench.faults`, with short
outages). No write is lost, none is refused after being stored, and everything answers again
with no hand on the stack. Nothing is timed: the figures are in docs/benchmarks.md.

Needs PostgreSQL and Redis (FAULTS_PG, FAULTS_REDIS; 127.0.0.1 by default) and runs with the
suite on PostgreSQL (DATABASE_URL), as CI's second run has it: the stack it starts is its own,
so the run on SQLite would repeat it word for word. Without them the test is skipped, saying so.
"""

import os
import urllib.parse
from types import SimpleNamespace

import psycopg
import pytest
import redis

from achyk import templatedb
from bench import faults

PG = os.environ.get("FAULTS_PG", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("FAULTS_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture
def servers(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("The fault run goes with the suite on PostgreSQL (DATABASE_URL), as in CI.")
    try:
        psycopg.connect(PG, connect_timeout=2).close()
    except psycopg.OperationalError:
        where = urllib.parse.urlsplit(PG).netloc
        pytest.skip(f"No PostgreSQL at {where}: the fault run needs one.")
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"No Redis at {REDIS}: the fault run needs one.")
    return SimpleNamespace(pg=PG, redis=REDIS, keep=False, redis_seconds=6, pg_seconds=4,
                           settle=3, template_key=templatedb.migrations_key())  # fmt: skip


@pytest.mark.waits  # on the stack under its faults: other tests use the core meanwhile
def test_redis_stopped_postgresql_restarted_and_worker_killed_lose_no_write(servers):
    redis_row, pg_row, worker_row, whole = faults.run(servers)

    for row in (redis_row, pg_row, worker_row, whole):
        assert row["lost"] == [], row  # answered "stored", not in the database
        assert row["false_errors"] == [], row  # stored, but answered with an error
    # Redis down: the cache fails open, pages and forms are answered from the database.
    assert set(redis_row["pages"]) <= {"200"} and set(redis_row["healthz"]) <= {"200"}
    assert redis_row["writes_found_stored"] == redis_row["writes_answered_stored"]
    assert not redis_row["writes_refused"]
    # PostgreSQL back: pages and forms answer again by themselves, and /healthz answered
    # (liveness) throughout; the worker waited for it.
    assert pg_row["recovered_after_s"] is not None and set(pg_row["healthz"]) == {"200"}
    # The killed worker's task was run again to its end by the worker started after it.
    assert worker_row["note"].startswith("task run again and done")
    assert worker_row["recovered_after_s"] is not None
    assert whole["note"] == "server up throughout: True"
    assert whole["writes_answered_stored"] == whole["writes_found_stored"] > 0
