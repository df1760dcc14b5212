"""Document types the register of publication duties names as evidence ("doctype:<code>")."""

from django.db import migrations

TYPES = [
    ("procurement-plan", "Сатып алуулар планы", "План закупок", "Сатып алу жоспары",
     "Procurement plan"),
    ("procurement-results", "Сатып алуулардын жыйынтыктары", "Итоги закупок",
     "Сатып алу қорытындылары", "Procurement results"),
    ("anti-corruption-plan", "Коррупцияга каршы аракеттердин планы",
     "План противодействия коррупции", "Сыбайлас жемқорлыққа қарсы іс-қимыл жоспары",
     "Anti-corruption plan"),
    ("anti-corruption-report", "Коррупцияга каршы аракеттер боюнча отчет",
     "Отчёт о противодействии коррупции", "Сыбайлас жемқорлыққа қарсы іс-қимыл есебі",
     "Anti-corruption report"),
    ("annual-report", "Башчынын жылдык отчету", "Ежегодный отчёт главы",
     "Басшының жылдық есебі", "Annual report of the head"),
    ("sedp", "Социалдык-экономикалык өнүгүү программасы (СЭӨП)",
     "Программа социально-экономического развития (ПСЭР)",
     "Әлеуметтік-экономикалық даму бағдарламасы", "Socio-economic development programme"),
    ("sedp-report", "СЭӨПтүн аткарылышы жөнүндө отчет", "Отчёт о выполнении ПСЭР",
     "Даму бағдарламасының орындалуы туралы есеп", "Development programme report"),
    ("jap", "Биргелешкен аракеттер планы (БАП)", "План совместных действий (ПСД)",
     "Бірлескен іс-қимыл жоспары", "Joint action plan"),
    ("monitoring-report", "БМжБ тобунун мониторинг отчету",
     "Отчёт группы СМиО о мониторинге", "Бірлескен мониторинг тобының есебі",
     "Monitoring report of the joint monitoring group"),
    ("social-order", "Муниципалдык социалдык тапшырык", "Муниципальный социальный заказ",
     "Муниципалдық әлеуметтік тапсырыс", "Municipal social order"),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (code, ky, ru, kk, en) in enumerate(TYPES, start=11):
        DocumentType.objects.get_or_create(
            code=code,
            defaults={"name_ky": ky, "name_ru": ru, "name_kk": kk, "name_en": en,
                      "order": order * 10},
        )


def unseed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code__in=[row[0] for row in TYPES], acts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_act_newest_first_indexes")]

    operations = [migrations.RunPython(seed, unseed)]
