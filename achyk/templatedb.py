"""Test databases copied from a migrated template instead of migrated in every test process.

Migrating the schema from nothing costs about 25 s of CPU, once in each pytest-xdist worker of
each run. Instead, the first process that finds no template for the current migrations
migrates one, under a lock the other processes wait on, and every process copies it: SQLite
through the backup API into its own in-memory test database, PostgreSQL with
`CREATE DATABASE ... TEMPLATE`. The template is kept for the next run.

A template is named by a key: a hash of every migration file of every installed app (ours and
Django's, Wagtail's... whose files change with their versions), of what those files import
besides migrations (our modules' sources, such as the budget classification a data migration
loads; other packages' versions, such as `holidays`), of MIGRATION_MODULES and of the Python,
Django and SQLite versions, so a new or changed migration or seed makes a new template.
Whatever the migrations leave in the database (content types, permissions, Wagtail's root page,
the duty register) is in the template. ACHYK_TEST_DB_TEMPLATE=0 migrates each database as
Django does.

SQLite templates are files in the user's cache (ACHYK_TEST_TEMPLATE_DIR, else
$XDG_CACHE_HOME/achyk/test-templates, else ~/.cache/achyk/test-templates), outside the
checkout, so a fresh clone of the same migrations does not migrate again; the three used last
are kept (another checkout may be on other migrations). PostgreSQL keeps one template per
database name, in the server.

`create_test_db(connection, ...)` stands in for `connection.creation.create_test_db` while
pytest-django sets the databases up (conftest.py's `django_db_setup`).
"""

import contextlib
import fcntl
import functools
import hashlib
import importlib
import importlib.metadata
import importlib.util
import os
import re
import sqlite3
import sys
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.db.migrations.loader import MigrationLoader

#: How many SQLite templates (of other migrations) are kept, the ones used last.
KEPT_TEMPLATES = 3
#: What a migration imports, at the top or inside a function.
IMPORTED = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)


def template_dir() -> Path:
    """Where the SQLite templates and their lock live: the user's cache, outside the checkout."""
    if configured := os.environ.get("ACHYK_TEST_TEMPLATE_DIR"):
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "achyk" / "test-templates"


#: One advisory lock of PostgreSQL for every process that builds, copies or removes templates.
PG_LOCK = 0x61636879  # "achy"


def enabled() -> bool:
    return os.environ.get("ACHYK_TEST_DB_TEMPLATE", "1") != "0"


def migrations_key() -> str:
    """A hash of every migration file of every installed app, of what they import besides
    migrations, of MIGRATION_MODULES, and of the Python, Django and SQLite versions."""
    versions = (sys.version, django.get_version(), sqlite3.sqlite_version)
    digest = hashlib.sha256(repr((versions, sorted(settings.MIGRATION_MODULES.items()))).encode())
    imported: set[str] = set()
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        module_name, _explicit = MigrationLoader.migrations_module(config.label)
        if module_name is None:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for directory in getattr(module, "__path__", []):
            for path in sorted(Path(directory).rglob("*.py")):
                source = path.read_bytes()
                digest.update(f"{config.label}:{path.relative_to(directory)}".encode())
                digest.update(source)
                imported.update(IMPORTED.findall(source.decode("utf-8", "replace")))
    for name in sorted(imported):
        digest.update(_imported_mark(name))
    return digest.hexdigest()[:16]


def _imported_mark(name: str) -> bytes:
    """What a migration's import brings that the migration files do not show: the source of
    one of our modules, or the version of another package (nothing for migrations, Django and
    the standard library, whose versions are in the key already)."""
    top = name.partition(".")[0]
    if top == "achyk":
        if ".migrations" in name:
            return b""
        spec = importlib.util.find_spec(name)
        origin = spec and spec.origin
        return Path(origin).read_bytes() if origin and origin.endswith(".py") else b""
    if top in sys.stdlib_module_names or top == "django":
        return b""
    try:
        return f"{top}=={importlib.metadata.version(top)}".encode()
    except importlib.metadata.PackageNotFoundError:
        return b""


def create_test_db(connection, *, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
    """What `connection.creation.create_test_db` does, with the migrations copied from the
    template instead of run. Returns the test database's name."""
    creation = connection.creation
    original = functools.partial(type(creation).create_test_db, creation)  # Django's own
    key = migrations_key()
    if connection.vendor == "sqlite":
        name = _sqlite(connection, original, key, verbosity)
    elif connection.vendor == "postgresql":
        name = _postgresql(connection, original, key, verbosity)
    else:
        return original(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize)
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    connection.ensure_connection()
    return name


def _use(connection, name: str) -> None:
    """Point `connection` (and the settings) at the database `name`, as Django's own
    `create_test_db` does."""
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _build(connection, original, template_name: str, verbosity: int) -> None:
    """Migrate a new database `template_name` as Django makes a test database, then point
    the connection back where it was."""
    test_settings = connection.settings_dict["TEST"]
    old_name, old_test_name = connection.settings_dict["NAME"], test_settings.get("NAME")
    test_settings["NAME"] = template_name
    try:
        if verbosity >= 1:
            connection.creation.log(f"Migrating the test database template {template_name}...")
        original(verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False)
    finally:
        test_settings["NAME"] = old_test_name
        if connection.vendor == "sqlite":
            connection.close()  # an in-memory database would not close; a file does
        _use(connection, old_name)


# SQLite: the template is a file; each process copies it into its (in-memory) test database.


def _sqlite(connection, original, key: str, verbosity: int) -> str:
    creation = connection.creation
    name = creation._get_test_db_name()
    directory = template_dir()
    template = directory / f"sqlite-{connection.alias}-{key}.sqlite3"
    directory.mkdir(parents=True, exist_ok=True)
    with _file_lock(directory / "lock"):
        if template.exists():
            template.touch()  # used last: kept when templates of other migrations are removed
        else:
            _build_sqlite(connection, original, template, verbosity)
    creation._create_test_db(verbosity, autoclobber=True, keepdb=False)  # erases an old file
    _use(connection, name)
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(template)) as source:
        source.backup(connection.connection)
    return name


def _build_sqlite(connection, original, template: Path, verbosity: int) -> None:
    building = template.with_name(f"{template.stem}.{os.getpid()}.building")
    try:
        _build(connection, original, str(building), verbosity)
        with contextlib.closing(sqlite3.connect(building)) as db:
            db.execute("PRAGMA journal_mode=DELETE")  # one file, nothing left in a WAL
        building.replace(template)
    finally:
        for leftover in building.parent.glob(f"{building.name}*"):
            leftover.unlink()
    others = sorted(
        template.parent.glob(f"sqlite-{connection.alias}-*.sqlite3"),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for old in others[KEPT_TEMPLATES:]:
        old.unlink(missing_ok=True)


@contextlib.contextmanager
def _file_lock(path: Path):
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# PostgreSQL: the template is a database; each process's test database is made from it.


@contextlib.contextmanager
def _pg_locked(cursor):
    """PG_LOCK held: no other process builds, copies or removes a template meanwhile."""
    cursor.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK])
    try:
        yield
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK])


def copy_postgresql_template(cursor, name: str, key: str) -> bool:
    """Make the database `name` a copy of a test template of the migrations `key`
    (`migrations_key()`) if the server holds one; whether it did. `cursor`: an autocommit
    connection's, outside any database to copy. The stack a test starts (bench.faults) gets
    a migrated database this way in a second instead of migrating one."""
    with _pg_locked(cursor):
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY datname LIMIT 1",
            [f"{TEST_DATABASE_PREFIX}%_template_{key}"],
        )
        row = cursor.fetchone()
        if row is not None:
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{row[0]}"')
        return row is not None


def _postgresql(connection, original, key: str, verbosity: int) -> str:
    creation = connection.creation
    name = creation._get_test_db_name()
    prefix = f"{TEST_DATABASE_PREFIX}{connection.settings_dict['NAME']}_template_"
    template = f"{prefix}{key}"
    quote = connection.ops.quote_name
    with creation._nodb_cursor() as cursor, _pg_locked(cursor):
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}%"])
        existing = {row[0] for row in cursor.fetchall()}
        if template not in existing:
            _build(connection, original, template, verbosity)
        for old in existing - {template}:
            with contextlib.suppress(DatabaseError):  # in use by another run: removed later
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
        if verbosity >= 1:
            creation.log(f"Copying the test database template into {name}...")
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    _use(connection, name)
    return name
