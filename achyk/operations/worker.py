"""The task worker that outlives faults (`manage.py db_worker`, ours; docs/operators).

django-tasks-db's worker exits on the first database error, and a task it was running when it
died stays RUNNING for ever. `Worker` here:

* **waits for the database** instead of exiting: on a database error it closes its
  connections and tries again after 1, 2, 4 ... up to 30 s, logging the outage once;
* **reclaims orphaned tasks** when it starts, after each outage and every `RECLAIM_EVERY`
  seconds: a RUNNING task is orphaned when the worker that claimed it is gone (a process of
  this machine that no longer exists, or this worker itself after an outage) or, for a worker
  this one cannot see (another machine), when it has run longer than TASK_LEASE_SECONDS;
* **runs an orphaned task again** (READY) unless it has been claimed TASK_MAX_ATTEMPTS times,
  then marks it FAILED (`WorkerLost`). Our tasks recompute from the current state (scores,
  text of a document, search entries), so a second run is harmless, and the cap stops a task
  that itself kills its worker (the memory cap) from doing so for ever. A task that failed
  for a lost database connection is run again likewise.

Worker ids are ``host:pid:random`` so that a worker can tell a dead neighbour from a live one.
"""

import logging
import os
import random
import socket
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as BaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger("achyk.operations.worker")

RECLAIM_EVERY = 60.0
LONGEST_WAIT = 30.0
#: Failures of the connection, not of the task: the task is run again.
TRANSIENT = frozenset({"django.db.utils.OperationalError", "django.db.utils.InterfaceError"})


class WorkerLost(Exception):
    """The worker running a task stopped before the task ended, too many times."""


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _alive_here(worker_id: str) -> bool | None:
    """Whether the worker `worker_id` runs: True or False for one of this machine, None when
    this process cannot tell (another machine, or an id not made by `new_worker_id`)."""
    host, _, rest = worker_id.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:40] or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_orphaned(task: DBTaskResult, *, me: str, now) -> bool:
    last = task.worker_ids[-1] if task.worker_ids else ""
    if last == me:
        return True  # this worker runs one task at a time, and it is not running this one
    alive = _alive_here(last)
    if alive is not None:
        return not alive
    lease = timedelta(seconds=settings.ACHYK_TASK_LEASE_SECONDS)
    return task.started_at is None or task.started_at < now - lease


def requeue_or_fail(task: DBTaskResult, reason: str) -> str:
    """Run `task` again (READY), or mark it FAILED after TASK_MAX_ATTEMPTS claims."""
    if len(task.worker_ids) < settings.ACHYK_TASK_MAX_ATTEMPTS:
        task.status, task.started_at = TaskResultStatus.READY, None
        task.save(update_fields=["status", "started_at"])
        return "requeued"
    error = WorkerLost(f"{reason}; claimed {len(task.worker_ids)} times: {task.worker_ids}")
    task.set_failed(error)
    return "failed"


def reclaim(*, me: str, backend_name: str = "default") -> dict[str, int]:
    """Give back the orphaned RUNNING tasks of `backend_name`; the counts of what was done."""
    done = {"requeued": 0, "failed": 0}
    now = timezone.now()
    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    with exclusive_transaction(running.db):
        for task in running.select_for_update(skip_locked=True):
            if is_orphaned(task, me=me, now=now):
                outcome = requeue_or_fail(task, "its worker stopped")
                done[outcome] += 1
                logger.warning("Task %s (%s) left by a stopped worker: %s.",
                               task.id, task.task_path, outcome)  # fmt: skip
    return done


def _close_old_connections() -> None:
    """Django's `close_old_connections`, but never a connection inside a transaction (a worker
    run in the process of a command or a test that holds one): closing it would lose the
    transaction, and every query after it would fail."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


class Worker(BaseWorker):
    """django-tasks-db's worker, with the loop of its `run` kept and faults survived."""

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s", self.worker_id)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - no thundering herd
        wait, down_since, next_reclaim = 1.0, None, 0.0
        while self.running:
            try:
                if time.monotonic() >= next_reclaim:
                    reclaim(me=self.worker_id, backend_name=self.backend_name)
                    next_reclaim = time.monotonic() + RECLAIM_EVERY
                if down_since is not None:
                    logger.warning("The database answers again after %.0f s.",
                                   time.monotonic() - down_since)  # fmt: skip
                    wait, down_since = 1.0, None
                if self.step() == "stop":
                    return
            except DatabaseError as error:
                if down_since is None:
                    down_since = time.monotonic()
                    logger.warning("The database does not answer (%s): the worker waits for "
                                   "it.", str(error).strip().splitlines()[0][:200])  # fmt: skip
                self._close_connections()
                next_reclaim = 0.0  # what this worker held is orphaned now
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)

    def step(self) -> str | None:
        """One turn of django-tasks-db's loop: claim a task, run it; "stop" when done."""
        _close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        task_result, retrieved = None, True
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            except DatabaseError as error:
                if not is_locked_database_exception(error):
                    raise
                retrieved = False
        if task_result is not None:
            self.run_task(task_result)
        if self.batch and retrieved and task_result is None:
            return "stop"
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return "stop"
        _close_old_connections()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return None

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if (
            db_task_result.status == TaskResultStatus.FAILED
            and db_task_result.exception_class_path in TRANSIENT
        ):
            requeue_or_fail(db_task_result, "the database connection was lost")

    @staticmethod
    def _close_connections() -> None:
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except DatabaseError:
                connection.connection = None
