"""The tree's root page, which Wagtail creates as "Root", is named after the platform: editors
of a body see it first in the admin's breadcrumbs, and "Root" is English in every language."""

from django.db import migrations


def name_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title="Achyk", draft_title="Achyk")


def name_root_back(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Achyk").update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_standard_page_section"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(name_root, name_root_back)]
