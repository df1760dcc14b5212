"""Background recomputation: a body's scores follow its content.

The apps that publish send `achyk.bodies.evidence.evidence_changed`; once the change is
committed, the body is queued for recomputation. Changes of one body within `DEBOUNCE`
seconds share one run: the first queues a task that starts `DEBOUNCE` seconds later (on a
queue that can defer) and reads the state of that moment; the next ones see it pending.
Each change is also noted (`last_change`), so that the staff's to-do list says it is being
recounted until a recomputation newer than the change has stored its scores.
"""

import datetime
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

DEBOUNCE = 10
#: How long a change is remembered: far longer than a recount takes, even behind a queue.
CHANGE_NOTED = 3600


@task()
def recompute_bodies(body_ids: list[int]) -> int:
    """Recompute the scores and summaries of these bodies."""
    from . import services

    return services.recompute(body_ids=body_ids)


def _pending_key(body_id: int) -> str:
    return f"transparency:pending:{body_id}"


def _change_key(body_id: int) -> str:
    return f"transparency:changed:{body_id}"


def last_change(body_id: int) -> datetime.datetime | None:
    """When the evidence of body `body_id` last changed (committed), if noted lately."""
    stamp = cache.get(_change_key(body_id))
    return datetime.datetime.fromisoformat(stamp) if stamp else None


def schedule(body_id: int) -> None:
    """Queue body `body_id` for recomputation, at most once per `DEBOUNCE` seconds."""
    cache.set(_change_key(body_id), timezone.now().isoformat(), CHANGE_NOTED)
    if not recompute_bodies.get_backend().supports_defer:
        recompute_bodies.enqueue([body_id])
        return
    key = _pending_key(body_id)
    # A cache that keeps nothing (Redis down: achyk.ui.cache) has no pending mark to find:
    # queue every change then rather than none.
    if cache.add(key, True, DEBOUNCE) or not cache.has_key(key):
        later = timezone.now() + datetime.timedelta(seconds=DEBOUNCE)
        recompute_bodies.using(run_after=later).enqueue([body_id])


def evidence_changed(sender, body_id: int, **kwargs) -> None:
    transaction.on_commit(partial(schedule, body_id))


def connect() -> None:
    from achyk.bodies.evidence import evidence_changed as signal

    signal.connect(evidence_changed, dispatch_uid="achyk.transparency.tasks")
