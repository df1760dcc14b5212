"""The duty "social-order" of Kyrgyz LSGs reads the social order's evidence too: a new
version of the duty (the one in force is closed, never rewritten), in force from the moment
this migration runs, with the social order's keys added to its evidence."""

from django.db import migrations
from django.utils import timezone

KEYS = ("social-order:programme", "social-order:call", "social-order:results",
        "social-order:contract", "social-order:report")  # fmt: skip
NOTE = "Evidence of the social order module added"
FIELDS = (
    "title_ky", "title_ru", "title_kk", "title_en", "description_ky", "description_ru",
    "description_kk", "description_en", "legal_act", "legal_article", "body_kinds", "languages",
    "rule", "rule_days", "rule_month", "rule_day", "rule_working_days", "order",
)  # fmt: skip


def add_keys(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    now = timezone.now()
    for current in Duty.objects.filter(code="social-order", valid_to__isnull=True):
        keys = [k.strip() for k in current.evidence_keys.split(",") if k.strip()]
        if all(key in keys for key in KEYS):
            continue
        current.valid_to = now
        current.save(update_fields=["valid_to"])
        Duty.objects.create(
            code=current.code, country=current.country, valid_from=now, change_note=NOTE,
            evidence_keys=",".join(keys + [k for k in KEYS if k not in keys]),
            **{name: getattr(current, name) for name in FIELDS},
        )  # fmt: skip


def remove_keys(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    for revised in Duty.objects.filter(code="social-order", change_note=NOTE):
        Duty.objects.filter(code="social-order", valid_to=revised.valid_from).update(valid_to=None)
        revised.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("social_order", "0001_initial"),
        ("transparency", "0004_rule_after_event_in_days"),
    ]

    operations = [migrations.RunPython(add_keys, remove_keys)]
