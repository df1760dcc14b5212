"""Backup and restore of the database and the media (`manage.py backup`, `manage.py restore`;
docs/operators/backup.md).

A backup is a directory `achyk-YYYYMMDD-HHMMSS/` holding the database (SQLite: a copy made by
SQLite's online backup API, consistent while the site runs; PostgreSQL: `pg_dump --format=
custom`), `media.tar` (MEDIA_ROOT; media on S3 are kept by the bucket's versioning instead)
and `manifest.json` (what it holds, the SHA-256 of each file, the migrations applied).

A restore checks every checksum first, refuses while the application or the worker runs
(`presence`), backs the current state up beside the backup it restores (`before-restore-...`),
replaces the database in one step (SQLite's backup API; `pg_restore --clean
--single-transaction`: an error leaves the old database whole), swaps MEDIA_ROOT for the
backup's, and makes every process forget the pages it keeps (the page cache and Wagtail's site
addresses, `pagecache.generations.forget_everything`).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA = "media.tar"
FORMAT = 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def engine() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise CommandError(f"Backups cover SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _postgres(program: str) -> tuple[str, dict]:
    """The path of a PostgreSQL client program and the environment naming the database."""
    path = shutil.which(program)
    if path is None:
        raise CommandError(
            f"{program} is not installed: apt-get install postgresql-client "
            "(the same major version as the server, or newer)."
        )
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    return path, env


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise CommandError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump_database(folder: Path) -> Path:
    if engine() == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target
    target = folder / "database.pgdump"
    pg_dump, env = _postgres("pg_dump")
    _run([pg_dump, "--format=custom", "--no-owner", f"--file={target}"], env)
    return target


def load_database(source: Path) -> None:
    if engine() == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
        return
    pg_restore, env = _postgres("pg_restore")
    connection.close()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env['PGDATABASE']}",
            str(source),
        ],
        env,
    )


def _media_kept_here() -> bool:
    return settings.MEDIA_STORAGE == "local"


def dump_media(folder: Path) -> tuple[Path, int] | None:
    if not _media_kept_here():
        return None
    root, count = Path(settings.MEDIA_ROOT), 0
    with tarfile.open(folder / MEDIA, "w") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    count += 1
    return folder / MEDIA, count


def _migrations() -> dict[str, str]:
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup(into: Path) -> Path:
    """A backup of the database and the media in a new directory under `into`."""
    stamp = timezone.now().strftime("achyk-%Y%m%d-%H%M%S")
    folder, second = Path(into) / stamp, 1
    Path(into).mkdir(parents=True, exist_ok=True)
    while folder.exists():  # two backups in one second
        second += 1
        folder = Path(into) / f"{stamp}-{second}"
    folder.mkdir()
    database = dump_database(folder)
    media = dump_media(folder)
    files = {database.name: sha256(database)}
    if media:
        files[MEDIA] = sha256(media[0])
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "engine": engine(),
        "database": database.name,
        "media": MEDIA if media else None,
        "media_files": media[1] if media else None,
        "sha256": files,
        "migrations": _migrations(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return folder


def read_manifest(folder: Path) -> dict:
    """The manifest of the backup in `folder`, once every file's checksum is found right."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise CommandError(f"{folder} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise CommandError(f"{folder}: a backup of format {manifest.get('format')}, not {FORMAT}.")
    for name, expected in manifest["sha256"].items():
        if not (Path(folder) / name).is_file() or sha256(Path(folder) / name) != expected:
            raise CommandError(f"{folder}/{name} is missing or damaged (checksum): not restored.")
    if manifest["engine"] != engine():
        raise CommandError(
            f"This backup is of {manifest['engine']}; the database configured "
            f"here is {engine()}. Restore it onto the same kind."
        )
    return manifest


def load_media(source: Path) -> Path | None:
    """MEDIA_ROOT replaced by the backup's; the former one, moved aside, is returned."""
    root = Path(settings.MEDIA_ROOT)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    fresh = root.with_name(f".{root.name}.restoring-{stamp}")
    fresh.mkdir(parents=True)
    with tarfile.open(source) as archive:
        archive.extractall(fresh, filter="data")
    former = None
    if root.exists():
        former = root.with_name(f"{root.name}.before-restore-{stamp}")
        root.rename(former)
    fresh.rename(root)
    return former
