"""`manage.py db_worker`: django-tasks-db's command with our worker (`achyk.operations.worker`),
which waits for the database instead of exiting and reclaims tasks left by a dead worker.
This app comes before django_tasks_db in INSTALLED_APPS, so this command is the one run."""

from django_tasks_db.management.commands import db_worker

from achyk.operations import worker


class Command(db_worker.Command):
    help = "Run the task worker (waits for the database, reclaims tasks of dead workers)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker.new_worker_id())

    def handle(self, *args, **options) -> None:
        original, db_worker.Worker = db_worker.Worker, worker.Worker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
