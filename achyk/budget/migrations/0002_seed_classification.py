"""Seed the budget classification with its illustrative codes (see classification.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from achyk.budget.classification import load

    load(apps.get_model("budget", "Classification"))


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
