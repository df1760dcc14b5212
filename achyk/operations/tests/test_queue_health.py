"""`/readyz` names a stalled queue: a task that has waited longer than QUEUE_STALLED_SECONDS,
whether it was queued to run at once (stored with the latest date as its time to run) or
delayed and due since then; a task queued a moment ago, or due later, is not late."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from achyk.operations import health

from .tasks import wait_then_write

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, db):
    settings.TASKS = DATABASE_TASKS


def queued(*, minutes_ago: int, run_after=None):
    result = wait_then_write.using(run_after=run_after).enqueue("hold", "done")
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=minutes_ago)
    )


def readyz_queue_line(client) -> str:
    lines = client.get("/readyz").content.decode().splitlines()
    return next(line for line in lines if line.startswith("queue"))


def test_a_task_queued_to_run_at_once_that_waits_too_long_is_reported(client, queue):
    queued(minutes_ago=1)
    assert health.queue().ok and "1 waiting" in health.queue().detail
    queued(minutes_ago=health.QUEUE_STALLED_SECONDS // 60 + 1)
    part = health.queue()
    assert not part.ok
    assert part.detail.startswith("1 of 2 tasks wait over")
    assert "worker" in readyz_queue_line(client)


def test_a_delayed_task_is_late_only_once_it_has_been_due_too_long(queue):
    later = timezone.now() + timedelta(hours=1)
    queued(minutes_ago=60, run_after=later)  # queued long ago, due in an hour: not waiting
    assert health.queue().ok
    due = timezone.now() - timedelta(seconds=health.QUEUE_STALLED_SECONDS + 60)
    queued(minutes_ago=60, run_after=due)
    assert not health.queue().ok
