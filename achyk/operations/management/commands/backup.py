"""`manage.py backup [--into DIR]`: the database and the media, while the site runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from achyk.operations import backup


class Command(BaseCommand):
    help = "Back up the database and the media into a new directory (safe while the site runs)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--into",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="where the backup's directory is made (default: var/backups)",
        )

    def handle(self, *args, into: str, **options):
        folder = backup.backup(Path(into))
        manifest = backup.read_manifest(folder)
        media = (
            f"{manifest['media_files']} media files"
            if manifest["media"]
            else "no media (they are in S3: keep them with the bucket's versioning)"
        )
        self.stdout.write(f"Backed up the {manifest['engine']} database and {media} into:")
        self.stdout.write(str(folder))
