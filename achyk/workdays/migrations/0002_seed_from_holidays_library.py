"""The public holidays of Kyrgyzstan and Kazakhstan for 2025-2028 from the maintained
`holidays` library (pinned in pyproject.toml), named in the languages it has. Days moved by
decree that the library does not know are added by platform admins in the admin (their days
are never overwritten by a later seeding: `manage.py seed_workdays <years>`)."""

from django.db import migrations

YEARS = (2025, 2026, 2027, 2028)
LANGUAGES = {"KG": {"ky": "ky", "ru": "ru_KG", "en": "en_US"}, "KZ": {"kk": "kk", "en": "en_US"}}


def seed(apps, schema_editor):
    import holidays

    Day = apps.get_model("workdays", "Day")
    for country, languages in LANGUAGES.items():
        found = {}
        for ours, theirs in languages.items():
            for date, name in holidays.country_holidays(country, years=YEARS, language=theirs).items():
                found.setdefault(date, {})[f"name_{ours}"] = name[:200]
        Day.objects.bulk_create(
            [Day(country=country, date=date, kind="holiday", source="library", **names)
             for date, names in sorted(found.items())],
            ignore_conflicts=True,
        )


def unseed(apps, schema_editor):
    apps.get_model("workdays", "Day").objects.filter(source="library").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_calendar")]
    operations = [migrations.RunPython(seed, unseed)]
