"""The monitor's holiday table moves to the platform's one calendar of working days
(achyk.workdays), which the terms of answers to requests count with too.

Every day of the table is copied there and wins over the library's seed on the same date:
it is the monitor's seed or a platform admin's correction, and neither may be lost. The table
is then dropped; going back restores it from the calendar.
"""

from django.db import migrations

FIELDS = ("country", "date", "kind", "name_ky", "name_ru", "name_kk", "name_en")


def to_calendar(apps, schema_editor):
    Holiday = apps.get_model("transparency", "Holiday")
    Day = apps.get_model("workdays", "Day")
    for holiday in Holiday.objects.all():
        values = {field: getattr(holiday, field) for field in FIELDS[2:]}
        Day.objects.update_or_create(
            country=holiday.country, date=holiday.date, defaults={**values, "source": "admin"}
        )


def from_calendar(apps, schema_editor):
    Holiday = apps.get_model("transparency", "Holiday")
    Day = apps.get_model("workdays", "Day")
    Holiday.objects.bulk_create(
        [Holiday(**{field: getattr(day, field) for field in FIELDS}) for day in Day.objects.all()]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0004_rule_after_event_in_days"),
        ("workdays", "0002_seed_from_holidays_library"),
    ]
    operations = [
        migrations.RunPython(to_calendar, from_calendar),
        migrations.DeleteModel(name="Holiday"),
    ]
