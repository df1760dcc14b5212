"""Search at scale (a million entries): a stored tsvector, and entries in newest-first order.

PostgreSQL: `terms_vector` is `to_tsvector('simple', terms)` kept by the database itself (a
generated column, unknown to the ORM), with the GIN index on it in place of the index on the
expression: checking a row against a query then reads the vector instead of parsing the terms
again, which is what a newest-first walk does for every row it passes. The btree indexes give
the order of results (`-date, -pk`) platform-wide and per body, so a query matching many
entries reads the newest ones and stops, instead of sorting every match. SQLite keeps its FTS5
table; the btree indexes serve it the same order.
"""

from django.db import migrations, models

POSTGRESQL = [
    "ALTER TABLE search_searchentry ADD COLUMN terms_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (terms_vector)",
    "DROP INDEX IF EXISTS search_entry_terms_gin",
]
POSTGRESQL_REVERSE = [
    "CREATE INDEX IF NOT EXISTS search_entry_terms_gin ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, terms))",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS terms_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_act_records")]

    operations = [
        migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE)),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                models.F("date").desc(), models.F("id").desc(), name="search_entry_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                "body", models.F("date").desc(), models.F("id").desc(),
                name="search_entry_body_newest",
            ),  # fmt: skip
        ),
    ]
