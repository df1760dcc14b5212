"""The terms of answers to appeals of citizens (questions, proposals, complaints to the online
reception), as data. Both rows are our reading and are marked `to_confirm`: they must be
checked against the laws' current texts before they are relied on (platform admins correct
them in Settings → Legal terms of requests).

- Kyrgyzstan: Law of 4 May 2007 No. 67 "On the procedure for considering appeals of
  citizens": 14 days of registration, extendable by up to 30 days.
- Kazakhstan: the Administrative Procedural Code (2020): 15 working days.
"""

import datetime

from django.db import migrations

ROWS = [
    {
        "country": "KG", "kind": "appeal", "valid_from": datetime.date(2007, 5, 4),
        "act_ky": "«Жарандардын кайрылууларын кароонун тартиби жөнүндө» 2007-жылдын 4-майындагы № 67 Мыйзам",
        "act_ru": "Закон КР «О порядке рассмотрения обращений граждан» от 4 мая 2007 года № 67",
        "act_kk": "ҚР «Азаматтардың өтініштерін қарау тәртібі туралы» 2007 жылғы 4 мамырдағы № 67 Заңы",
        "act_en": "Law of the Kyrgyz Republic No. 67 of 4 May 2007 on the procedure for considering appeals of citizens",
        "days": 14, "unit": "calendar", "extension_days": 30, "to_confirm": True,
    },
    {
        "country": "KZ", "kind": "appeal", "valid_from": datetime.date(2021, 7, 1),
        "act_ky": "Казакстан Республикасынын Административдик процедуралык-процесстик кодекси",
        "act_ru": "Административный процедурно-процессуальный кодекс РК",
        "act_kk": "ҚР Әкімшілік рәсімдік-процестік кодексі",
        "act_en": "Administrative Procedural and Process Code of the Republic of Kazakhstan",
        "days": 15, "unit": "working", "extension_days": 0, "to_confirm": True,
    },
]


def seed(apps, schema_editor):
    Law = apps.get_model("requests", "Law")
    for row in ROWS:
        Law.objects.get_or_create(
            country=row["country"], kind=row["kind"], valid_from=row["valid_from"], defaults=row
        )


def unseed(apps, schema_editor):
    apps.get_model("requests", "Law").objects.filter(kind="appeal").delete()


class Migration(migrations.Migration):
    dependencies = [("requests", "0003_request_kind")]
    operations = [migrations.RunPython(seed, unseed)]
