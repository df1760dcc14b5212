"""The full-text index over SearchEntry.terms, in the form each database offers.

SQLite: an FTS5 table (rowid = entry id) kept in step with the entries by triggers.
PostgreSQL: a GIN index on to_tsvector('simple', terms): the terms are stems already, so the
'simple' configuration (no stemming, no stop words) indexes them as they are.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL = [
    "CREATE INDEX search_entry_terms_gin ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, terms))",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS search_entry_terms_gin"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entries")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
