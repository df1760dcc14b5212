"""Health of the parts a page needs: the database, the cache and the task queue.

`liveness()` costs nothing (no query, no network): the process answers, and says which part
it has seen failing (the cache). `readiness()` asks each part once, in this request: it
answers 503 only when the database does not answer, since without it nothing can be served;
a cache that is down (the site serves from the database, achyk.ui.cache) or a queue that is
stalled (no worker takes tasks) is reported as "degraded" with 200, so that a load balancer
does not take every server out for a part they all share.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils import timezone

from achyk.ui.cache import down_for

#: A ready task waiting longer than this means no worker takes tasks.
QUEUE_STALLED_SECONDS = 300


@dataclass(frozen=True)
class Part:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        state = "ok" if self.ok else "down"
        return f"{self.name}: {state} - {self.detail}" if self.detail else f"{self.name}: {state}"


def liveness() -> list[Part]:
    seconds = down_for()
    if seconds is None:
        return []
    return [Part("cache", False, f"down for {seconds:.0f} s, pages served from the database")]


def database() -> Part:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return Part("database", False, str(error).strip().splitlines()[0][:200])
    return Part("database", True, f"{(time.monotonic() - started) * 1000:.0f} ms")


def cache_part() -> Part:
    ping = getattr(cache, "ping", None)
    if ping is None:  # the local-memory cache of the embedded default
        return Part("cache", True, "local memory")
    if ping():
        return Part("cache", True, "")
    return Part("cache", False, "pages served from the database")


def queue() -> Part:
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return Part("queue", True, "tasks run in the request")
    from django_tasks_db.models import DBTaskResult, get_date_max

    since = timezone.now() - timedelta(seconds=QUEUE_STALLED_SECONDS)
    try:
        ready = DBTaskResult.objects.ready()
        # A task to run at once is stored with the latest date as `run_after`: it has waited
        # since it was queued; a delayed one since the time it was due.
        stalled = ready.filter(
            Q(run_after=get_date_max(), enqueued_at__lt=since) | Q(run_after__lt=since)
        )
        waiting, late = ready.count(), stalled.count()
    except DatabaseError as error:
        return Part("queue", False, str(error).strip().splitlines()[0][:200])
    if late:
        late_text = f"{late} of {waiting} tasks wait over {QUEUE_STALLED_SECONDS} s"
        return Part("queue", False, late_text + ": is the worker running?")
    return Part("queue", True, f"{waiting} waiting")


def readiness() -> tuple[int, list[Part]]:
    parts = [database(), cache_part(), queue()]
    status = 200 if parts[0].ok else 503
    return status, parts
