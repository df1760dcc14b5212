"""The ten common types of legal acts and documents; platform admins add more in the admin."""

from django.db import migrations

TYPES = [
    ("council-resolution", "Айылдык кеңештин токтому", "Постановление айылного кенеша",
     "Мәслихат шешімі", "Council resolution"),
    ("head-order", "Башчынын буйругу", "Распоряжение главы", "Әкімнің өкімі", "Head's order"),
    ("budget", "Бюджет", "Бюджет", "Бюджет", "Budget"),
    ("budget-report", "Бюджеттин аткарылышы жөнүндө отчет", "Отчёт об исполнении бюджета",
     "Бюджеттің атқарылуы туралы есеп", "Budget execution report"),
    ("programme", "Программа / план", "Программа / план", "Бағдарлама / жоспар",
     "Programme or plan"),
    ("report", "Отчет", "Отчёт", "Есеп", "Report"),
    ("regulation", "Жобо", "Положение", "Ереже", "Regulation"),
    ("charter", "Устав", "Устав", "Жарғы", "Charter"),
    ("minutes", "Протокол", "Протокол", "Хаттама", "Minutes"),
    ("other", "Башка", "Другое", "Басқа", "Other"),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (code, ky, ru, kk, en) in enumerate(TYPES, start=1):
        DocumentType.objects.update_or_create(
            code=code,
            defaults={"name_ky": ky, "name_ru": ru, "name_kk": kk, "name_en": en,
                      "order": order * 10},
        )


def unseed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code__in=[row[0] for row in TYPES], acts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_legal_acts_registry")]

    operations = [migrations.RunPython(seed, unseed)]
