"""The duty "jmeg" (the joint monitoring and evaluation group publishes its reports) reads the
group's reports on social order projects too, beside its reports on plans: a new version of
the duty, the one in force closed, never rewritten."""

from django.db import migrations
from django.utils import timezone

KEY = "social-order:monitoring"
NOTE = "The monitoring group's reports on social order projects count as evidence."
KEPT_OUT = {"id", "valid_from", "valid_to", "created_at", "revised_by", "change_note"}


def add_key(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    now = timezone.now()
    for current in Duty.objects.filter(code="jmeg", valid_to__isnull=True):
        keys = [key.strip() for key in current.evidence_keys.split(",") if key.strip()]
        if KEY in keys:
            continue
        fields = {
            field.attname: getattr(current, field.attname)
            for field in Duty._meta.concrete_fields
            if field.name not in KEPT_OUT
        }
        current.valid_to = now
        current.save(update_fields=["valid_to"])
        Duty.objects.create(
            **{**fields, "evidence_keys": ",".join([*keys, KEY])}, valid_from=now,
            change_note=NOTE,
        )  # fmt: skip


def remove_key(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    for revised in Duty.objects.filter(code="jmeg", change_note=NOTE):
        Duty.objects.filter(
            code="jmeg", country=revised.country, valid_to=revised.valid_from
        ).update(valid_to=None)
        revised.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("social_order", "0004_kazakh_texts"),
        ("transparency", "0004_rule_after_event_in_days"),
    ]

    operations = [migrations.RunPython(add_key, remove_key)]
