"""The registry's order (newest adoption first, then newest id) as indexes, on PostgreSQL.

The list of acts reads `ORDER BY adopted_on DESC NULLS LAST, id DESC` platform-wide and per
body; with a million acts, these indexes give the first page (and a filtered one) by reading
its rows in order instead of sorting every act. SQLite cannot declare NULLS LAST in an index
and serves a few thousand acts without one.
"""

from django.db import migrations

POSTGRESQL = [
    "CREATE INDEX IF NOT EXISTS documents_act_newest ON documents_act "
    "(adopted_on DESC NULLS LAST, id DESC)",
    "CREATE INDEX IF NOT EXISTS documents_act_body_newest ON documents_act "
    "(body_id, adopted_on DESC NULLS LAST, id DESC)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS documents_act_body_newest",
    "DROP INDEX IF EXISTS documents_act_newest",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_act_change_unlinked")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]
