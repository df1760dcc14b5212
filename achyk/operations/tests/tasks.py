"""A task for the worker tests: it waits while a file exists, then writes another."""

import time
from pathlib import Path

from django_tasks import task


@task()
def wait_then_write(hold: str, done: str) -> str:
    while Path(hold).exists():
        time.sleep(0.05)
    Path(done).write_text("done")
    return "done"
