"""Background recomputation: a body's scores follow its content.

The apps that publish send `achyk.bodies.evidence.evidence_changed`; once the change is
committed, the body is queued for recomputation. Changes of one body within `DEBOUNCE`
seconds share one run: the first queues a task that starts `DEBOUNCE` seconds later (on a
queue that can defer) and reads the state of that moment; the next ones see it pending.
"""

import datetime
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

DEBOUNCE = 10


@task()
def recompute_bodies(body_ids: list[int]) -> int:
    """Recompute the scores and summaries of these bodies."""
    from . import services

    return services.recompute(body_ids=body_ids)


def _pending_key(body_id: int) -> str:
    return f"transparency:pending:{body_id}"


def schedule(body_id: int) -> None:
    """Queue body `body_id` for recomputation, at most once per `DEBOUNCE` seconds."""
    if not recompute_bodies.get_backend().supports_defer:
        recompute_bodies.enqueue([body_id])
        return
    if cache.add(_pending_key(body_id), True, DEBOUNCE):
        later = timezone.now() + datetime.timedelta(seconds=DEBOUNCE)
        recompute_bodies.using(run_after=later).enqueue([body_id])


def evidence_changed(sender, body_id: int, **kwargs) -> None:
    transaction.on_commit(partial(schedule, body_id))


def connect() -> None:
    from achyk.bodies.evidence import evidence_changed as signal

    signal.connect(evidence_changed, dispatch_uid="achyk.transparency.tasks")
