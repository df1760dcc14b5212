"""`manage.py restore DIR`: the database and the media of a backup, in place of the current.

Refuses while the web server or the task worker runs (`achyk.operations.presence`) unless
`--force`; keeps the current state as a backup of its own first (`--no-safety-copy` skips it);
migrates the restored database to this code; clears the page cache.
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from achyk.operations import backup, presence
from achyk.pagecache import front, generations

STOP_FIRST = (
    "Stop the web server and the task worker first (`sudo systemctl stop achyk-web "
    "achyk-worker`, or Ctrl+C where `make run` runs), then run this again. `--force` restores "
    "while they run; they would serve and write half-restored data."
)


class Command(BaseCommand):
    help = "Restore the database and the media from a backup (stop the site and the worker first)."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup's directory (achyk-YYYYMMDD-HHMMSS)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore even while the application or the worker runs",
        )
        parser.add_argument(
            "--no-safety-copy", action="store_true", help="do not back up the current state first"
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, **options):
        folder = Path(options["backup"]).resolve()
        manifest = backup.read_manifest(folder)
        running = presence.running_parts()
        if running and not options["force"]:
            raise CommandError("Still running:\n  " + "\n  ".join(running) + "\n" + STOP_FIRST)
        if options["interactive"] and not self._confirmed(manifest):
            raise CommandError("Nothing was restored.")
        if not options["no_safety_copy"]:
            safety = backup.backup(folder.parent / "before-restore")
            self.stdout.write(f"The current state is kept in {safety}")
        backup.load_database(folder / manifest["database"])
        self.stdout.write(f"Database restored from {folder.name} ({manifest['created']}).")
        if manifest["media"]:
            former = backup.load_media(folder / manifest["media"])
            self.stdout.write(
                f"Media restored ({manifest['media_files']} files)."
                + (f" The former ones are in {former}." if former else "")
            )
        call_command("migrate", interactive=False, verbosity=0)
        self._clear_page_cache()
        self.stdout.write("Done. Start the web server and the worker again.")

    def _confirmed(self, manifest) -> bool:
        self.stdout.write(
            f"This replaces the database and the media with the backup made "
            f"{manifest['created']}. Type yes to go on: ",
            ending="",
        )
        return input().strip().lower() == "yes"

    def _clear_page_cache(self) -> None:
        if not generations.cache_is_shared():
            self.stdout.write(
                "Page cache: it lives in the web server's memory and starts empty "
                "when the web server starts."
            )
            if front.enabled() and front.ban(generations.GLOBAL):
                self.stdout.write("Front cache cleared.")
        elif generations.forget_everything():
            self.stdout.write("Page cache cleared.")
        else:
            self.stderr.write(
                "WARNING: the cache (Redis) does not answer, so pages from before "
                "the restore may come back with it: run `manage.py "
                "clear_page_cache` once it answers, before starting the site."
            )
