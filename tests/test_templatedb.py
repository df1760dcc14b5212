"""The test database template: named by everything that makes its contents, kept outside the
checkout."""

import importlib.metadata
import os
from pathlib import Path

import pytest

from achyk import templatedb


def test_the_key_reads_what_the_migrations_import_besides_migrations(monkeypatch):
    read = []
    original = templatedb._imported_mark
    monkeypatch.setattr(
        templatedb, "_imported_mark", lambda name: read.append(name) or original(name)
    )
    templatedb.migrations_key()
    # The budget classification is seeded by a data migration from the module's rows, and
    # the work calendar from the holidays library: a change to either is a new template.
    assert "achyk.budget.classification" in read
    assert "holidays" in read


def test_an_imported_module_counts_by_its_source_and_a_package_by_its_version():
    import achyk.budget.classification as classification

    source = Path(classification.__file__).read_bytes()
    assert templatedb._imported_mark("achyk.budget.classification") == source
    version = importlib.metadata.version("holidays")
    assert templatedb._imported_mark("holidays") == f"holidays=={version}".encode()
    assert templatedb._imported_mark("achyk.budget.migrations.0001_initial") == b""
    assert templatedb._imported_mark("datetime") == b""


def test_the_key_changes_with_a_seed_module_s_source(monkeypatch):
    before = templatedb.migrations_key()
    original = templatedb._imported_mark

    def changed(name):
        mark = original(name)
        return mark + b"# one more code" if name == "achyk.budget.classification" else mark

    monkeypatch.setattr(templatedb, "_imported_mark", changed)
    assert templatedb.migrations_key() != before


def test_templates_live_in_the_user_s_cache_unless_told(monkeypatch, tmp_path):
    monkeypatch.delenv("ACHYK_TEST_TEMPLATE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert templatedb.template_dir() == tmp_path / "cache" / "achyk" / "test-templates"
    monkeypatch.setenv("ACHYK_TEST_TEMPLATE_DIR", str(tmp_path / "here"))
    assert templatedb.template_dir() == tmp_path / "here"


@pytest.mark.django_db
def test_a_database_is_copied_from_the_template_of_its_migrations_only():
    """The fault run's database (bench/faults.py) is a copy of the suite's template when the
    server holds one of the same migrations, and is not made from a template of others."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL templates: the suite on PostgreSQL (DATABASE_URL) runs this.")
    name = f"achyk_copy_{os.getpid()}"
    with connection.creation._nodb_cursor() as cursor:
        assert not templatedb.copy_postgresql_template(cursor, name, "0" * 16)
        try:
            assert templatedb.copy_postgresql_template(cursor, name, templatedb.migrations_key())
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            assert cursor.fetchone() == (1,)
        finally:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
