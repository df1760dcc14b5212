"""Each act keeps the languages of its public files (`Act.languages`), filled here for the acts
there are: one statement, so that a million acts take seconds, not a loop in Python."""

from django.db import migrations, models

POSTGRESQL = """
UPDATE documents_act AS act SET languages = found.languages
FROM (
    SELECT act_id, string_agg(DISTINCT language, ' ' ORDER BY language) AS languages
    FROM documents_document
    WHERE act_id IS NOT NULL AND NOT is_archived AND language <> ''
    GROUP BY act_id
) AS found
WHERE act.id = found.act_id
"""
SQLITE = """
UPDATE documents_act SET languages = COALESCE((
    SELECT group_concat(language, ' ') FROM (
        SELECT DISTINCT language FROM documents_document AS file
        WHERE file.act_id = documents_act.id AND NOT file.is_archived AND file.language <> ''
        ORDER BY language
    )
), '')
"""


def fill_languages(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(POSTGRESQL if connection.vendor == "postgresql" else SQLITE)


def fill(apps, schema_editor):
    fill_languages(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("documents", "0007_document_types_of_the_duty_register")]

    operations = [
        migrations.AddField(
            model_name="act",
            name="languages",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=20,
                verbose_name="languages of its files",
            ),  # fmt: skip
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
