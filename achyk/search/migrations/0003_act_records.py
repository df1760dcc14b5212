"""An act's registry record is indexed once per language: `language` joins the unique key.

On SQLite, changing a constraint rebuilds the table, which drops the triggers that keep the
FTS5 table in step (migration 0002); they are created again here. Entry ids are kept by the
rebuild, so the FTS5 rows still match.
"""

from django.db import migrations, models

TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
]


def restore_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_index"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_triggers),
        migrations.RemoveConstraint(
            model_name="searchentry",
            name="search_one_entry_per_item",
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("page", "page"),
                    ("document", "document"),
                    ("act", "legal act"),
                    ("act_record", "legal act"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                fields=("kind", "object_id", "language"),
                name="search_one_entry_per_item_language",
            ),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
