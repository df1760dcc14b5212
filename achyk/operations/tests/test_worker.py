"""The task worker (`manage.py db_worker`, achyk.operations.worker) waits for the database
instead of exiting, and a task left RUNNING by a worker that died is run again (or failed,
after TASK_MAX_ATTEMPTS claims)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from achyk.operations import worker

from .tasks import wait_then_write

ROOT = Path(__file__).resolve().parents[3]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, db):
    settings.TASKS = DATABASE_TASKS


def dead_worker_id() -> str:
    """The id a worker of this machine had, whose process has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    process.wait()
    return f"{worker.new_worker_id().split(':')[0]}:{process.pid}:gone"


def running(*worker_ids: str, started=None) -> DBTaskResult:
    result = wait_then_write.enqueue("/nonexistent", "/nonexistent")
    task = DBTaskResult.objects.get(pk=result.id)
    task.status, task.worker_ids = TaskResultStatus.RUNNING, list(worker_ids)
    task.started_at = started or timezone.now()
    task.save()
    return task


def test_a_task_of_a_worker_that_died_on_this_machine_is_run_again(queue):
    task = running(dead_worker_id())
    assert worker.reclaim(me="me") == {"requeued": 1, "failed": 0}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None


def test_a_task_claimed_too_often_is_failed_not_run_again(queue, settings):
    task = running(*[dead_worker_id() for _ in range(settings.ACHYK_TASK_MAX_ATTEMPTS)])
    assert worker.reclaim(me="me") == {"requeued": 0, "failed": 1}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "achyk.operations.worker.WorkerLost"


def test_a_task_of_a_live_worker_is_left_alone(queue):
    here = worker.new_worker_id()  # this process: alive
    task = running(here)
    elsewhere = running("another-machine:123:abc")
    assert worker.reclaim(me="me") == {"requeued": 0, "failed": 0}
    for each in (task, elsewhere):
        each.refresh_from_db()
        assert each.status == TaskResultStatus.RUNNING


def test_a_task_of_another_machine_is_run_again_after_its_lease(queue, settings):
    late = timezone.now() - timedelta(seconds=settings.ACHYK_TASK_LEASE_SECONDS + 1)
    task = running("another-machine:123:abc", started=late)
    assert worker.reclaim(me="me")["requeued"] == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_a_task_this_worker_held_when_the_database_went_away_is_run_again(queue):
    task = running("me")
    assert worker.reclaim(me="me")["requeued"] == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_the_worker_waits_for_the_database_and_goes_on(queue, monkeypatch):
    """Three database errors in a row: the worker logs, waits and carries on, where
    django-tasks-db's worker would have exited."""
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    calls = []

    def step(self):
        calls.append(time.monotonic())
        if len(calls) <= 3:
            raise OperationalError("server closed the connection unexpectedly")
        return "stop"

    monkeypatch.setattr(worker.Worker, "step", step)
    monkeypatch.setattr(worker.Worker, "_close_connections", staticmethod(lambda: None))
    reclaims = []
    monkeypatch.setattr(worker, "reclaim", lambda **kwargs: reclaims.append(kwargs))
    subject = worker.Worker(
        queue_names=["default"], interval=0, batch=False, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="me", excluded_queue_names=[],
    )  # fmt: skip
    subject.run()
    assert len(calls) == 4
    assert len(reclaims) == 4  # at the start, and after each outage


def _copy_database(path: Path) -> None:
    """The test database's tables (migrated, committed) into a file another process opens."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()


def _environment(tmp_path: Path, database: Path) -> dict:
    env = {**os.environ, "ACHYK_EMBEDDED": "1", "DATABASE_URL": f"sqlite:///{database}",
           "ACHYK_VAR_DIR": str(tmp_path), "TASKS_BACKEND": "database"}  # fmt: skip
    env.pop("REDIS_URL", None)
    return env


def _status(database: Path, task_id: str) -> tuple[str, str]:
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = ?",
            [task_id.replace("-", "")],
        ).fetchone()
    return row


def _wait_for(database: Path, task_id: str, status: str, seconds: float = 90) -> tuple:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        row = _status(database, task_id)
        if row and row[0] == status:
            return row
        time.sleep(0.1)
    raise AssertionError(f"task {task_id} is {_status(database, task_id)}, not {status}")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="copies the SQLite test database")
@pytest.mark.django_db(transaction=True)  # no transaction open: the copy reads committed tables
def test_a_worker_killed_mid_task_leaves_it_to_the_next_worker(tmp_path):
    database = tmp_path / "queue.sqlite3"
    _copy_database(database)
    env = _environment(tmp_path, database)
    hold, done = tmp_path / "hold", tmp_path / "done"
    hold.write_text("")
    enqueue = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c",
         "from achyk.operations.tests.tasks import wait_then_write as t; "
         f"print(t.using(backend='default').enqueue({str(hold)!r}, {str(done)!r}).id)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    task_id = enqueue.stdout.strip().splitlines()[-1]
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2",
               "--no-startup-delay"]  # fmt: skip
    first = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    try:
        _wait_for(database, task_id, "RUNNING")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        first.kill()
    hold.unlink()
    second = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    try:
        status, worker_ids = _wait_for(database, task_id, "SUCCESSFUL")
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert done.read_text() == "done"
    assert f":{first.pid}:" in worker_ids and f":{second.pid}:" in worker_ids
