"""`manage.py backup` and `manage.py restore`: a round trip gives back every table and every
file, byte for byte; a restore refuses while the site or the worker runs, and a damaged
backup."""

import hashlib
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from achyk.operations import presence

# No transaction open: SQLite's backup API and pg_dump read committed data only.
pytestmark = pytest.mark.django_db(transaction=True)

TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
}


def table_checksums() -> dict[str, str]:
    """Every table's rows, in a fixed order, hashed."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(TABLES[connection.vendor])
        for (name,) in cursor.fetchall():
            cursor.execute(f'SELECT * FROM "{name}"')  # noqa: S608 - names of our own tables
            columns = len(cursor.description)
            order = ", ".join(str(i) for i in range(1, columns + 1))
            cursor.execute(f'SELECT * FROM "{name}" ORDER BY {order}')  # noqa: S608
            found[name] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return found


def file_checksums() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out, **options)
    return out.getvalue()


@pytest.fixture
def site_data(settings):
    media = Path(settings.MEDIA_ROOT)
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "көпүрө.jpg").write_bytes(bytes(range(256)) * 40)
    (media / "documents").mkdir()
    (media / "documents" / "act.pdf").write_bytes(b"%PDF-1.4 act")
    get_user_model().objects.create_user("resident", password="not-used-0123")


def the_backup(into: Path) -> Path:
    (folder,) = [path for path in into.iterdir() if path.name.startswith("achyk-")]
    return folder


def test_a_restore_gives_back_every_table_and_every_file(site_data, tmp_path, settings):
    tables, files = table_checksums(), file_checksums()
    assert len(tables) > 50 and len(files) == 2
    said = run("backup", into=str(tmp_path / "backups"))
    folder = the_backup(tmp_path / "backups")
    assert str(folder) in said and "2 media files" in said
    get_user_model().objects.all().delete()
    get_user_model().objects.create_user("someone-else", password="not-used-0123")
    media = Path(settings.MEDIA_ROOT)
    (media / "documents" / "act.pdf").write_bytes(b"changed")
    (media / "original_images" / "көпүрө.jpg").unlink()
    (media / "new.txt").write_text("new")
    assert table_checksums() != tables and file_checksums() != files

    said = run("restore", str(folder), force=True, interactive=False)

    assert table_checksums() == tables
    assert file_checksums() == files
    assert "Database restored" in said
    safety = the_backup(tmp_path / "backups" / "before-restore")
    assert (safety / "manifest.json").is_file()  # the state before, restorable in turn


def test_a_restore_refuses_while_the_worker_runs(site_data, tmp_path):
    run("backup", into=str(tmp_path / "backups"))
    folder = the_backup(tmp_path / "backups")
    users = get_user_model().objects.count()
    get_user_model().objects.create_user("after-the-backup", password="not-used-0123")
    worker = subprocess.Popen(  # noqa: S603 - a stand-in named like the worker
        [sys.executable, "-c", "import time; time.sleep(120)", "manage.py", "db_worker"],
        cwd=settings.BASE_DIR,
    )
    try:
        deadline = time.monotonic() + 10
        while not presence.local_processes() and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(CommandError, match="Still running") as refused:
            run("restore", str(folder), interactive=False)
        assert f"process {worker.pid}" in str(refused.value)
    finally:
        worker.kill()
        worker.wait()
    assert get_user_model().objects.count() == users + 1  # nothing was restored


def test_a_damaged_backup_is_refused_before_anything_changes(site_data, tmp_path):
    run("backup", into=str(tmp_path / "backups"))
    folder = the_backup(tmp_path / "backups")
    with (folder / "media.tar").open("r+b") as archive:
        archive.seek(600)
        archive.write(b"\xff\xfe")
    tables = table_checksums()
    with pytest.raises(CommandError, match="damaged"):
        run("restore", str(folder), force=True, interactive=False)
    assert table_checksums() == tables
