"""The register's duties that plans answer (Kyrgyz LSGs): the development programme ("sedp")
also reads published programmes and their yearly progress, the joint action plan ("jap")
published plans and their progress, and the monitoring group ("jmeg") its reports on plans.

A duty version in force is never rewritten: as `transparency.services.revise_duty` does, the
current version is closed now and a new one opened with the keys added. Platform admins
revise them further in the admin.
"""

from django.db import migrations
from django.utils import timezone

ADDED = {
    "sedp": ["plan:sedp", "plan:progress"],
    "jap": ["plan:jap", "plan:progress"],
    "jmeg": ["plan:monitoring"],
}
KEPT_OUT = {"id", "valid_from", "valid_to", "created_at", "revised_by", "change_note"}


def add_keys(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    now = timezone.now()
    for code, keys in ADDED.items():
        for current in Duty.objects.filter(country="KG", code=code, valid_to__isnull=True):
            present = [key for key in current.evidence_keys.split(",") if key]
            wanted = present + [key for key in keys if key not in present]
            if wanted == present:
                continue
            fields = {
                field.attname: getattr(current, field.attname)
                for field in Duty._meta.concrete_fields
                if field.name not in KEPT_OUT
            }
            current.valid_to = now
            current.save(update_fields=["valid_to"])
            Duty.objects.create(
                **{**fields, "evidence_keys": ",".join(wanted)}, valid_from=now,
                change_note="Plans on the platform count as evidence.",
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_plans_tree_and_monitoring"),
        ("transparency", "0004_rule_after_event_in_days"),
    ]

    operations = [migrations.RunPython(add_keys, migrations.RunPython.noop)]
