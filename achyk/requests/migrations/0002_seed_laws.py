"""The legal terms of answers to requests for information, as data (platform admins correct
them in the admin: Settings → Legal terms of requests).

- Kyrgyzstan: Law No. 217 of 29 December 2023 "On the right of access to information": an
  answer within 10 working days of receipt, extendable by up to 10 working days with written
  notice to the requester before the term ends; free of charge up to 15 pages. The term to
  forward a request to the body that holds the information is not seeded (to be read in the
  law's text).
- Kazakhstan: Law No. 401-V of 16 November 2015 "On access to information", Article 11: our
  reading is an answer within 15 calendar days of registration, extendable by up to 15
  calendar days with notice to the requester, and a request forwarded within 3 working days
  when the body does not hold the information. It is marked `to_confirm`: it must be checked
  against the law's current text (the law has been amended) before it is relied on.
"""

import datetime

from django.db import migrations

KG = {
    "country": "KG", "kind": "information", "valid_from": datetime.date(2024, 1, 1),
    "act_ky": "«Маалыматка жетүү укугу жөнүндө» 2023-жылдын 29-декабрындагы № 217 Мыйзам",
    "act_ru": "Закон КР «О праве на доступ к информации» от 29 декабря 2023 года № 217",
    "act_kk": "ҚР «Ақпаратқа қол жеткізу құқығы туралы» 2023 жылғы 29 желтоқсандағы № 217 Заңы",
    "act_en": "Law of the Kyrgyz Republic No. 217 of 29 December 2023 on the right of access to information",
    "days": 10, "unit": "working", "extension_days": 10, "forwarding_days": None,
    "notice_ky": "Мөөнөт узартылса, суроо-талап ээсине мөөнөт бүтө электе жазуу жүзүндө билдирилет.",
    "notice_ru": "О продлении срока запрашивающему сообщается письменно до истечения срока.",
    "notice_kk": "Мерзім ұзартылса, сұраушыға мерзім біткенге дейін жазбаша хабарланады.",
    "notice_en": "The requester is told in writing of an extension before the term ends.",
    "to_confirm": False,
}
KZ = {
    "country": "KZ", "kind": "information", "valid_from": datetime.date(2016, 1, 1),
    "act_ky": "Казакстан Республикасынын «Маалыматка жетүү жөнүндө» 2015-жылдын 16-ноябрындагы № 401-V Мыйзамы",
    "act_ru": "Закон РК «О доступе к информации» от 16 ноября 2015 года № 401-V",
    "act_kk": "ҚР «Ақпаратқа қол жеткізу туралы» 2015 жылғы 16 қарашадағы № 401-V Заңы",
    "act_en": "Law of the Republic of Kazakhstan No. 401-V of 16 November 2015 on access to information",
    "article": "11", "days": 15, "unit": "calendar", "extension_days": 15, "forwarding_days": 3,
    "notice_ky": "Мөөнөт узартылса, суроо-талап ээсине билдирилет.",
    "notice_ru": "О продлении срока пользователю информации сообщается.",
    "notice_kk": "Мерзім ұзартылса, ақпарат пайдаланушыға хабарланады.",
    "notice_en": "The requester is told of an extension.",
    "to_confirm": True,
}


def seed(apps, schema_editor):
    Law = apps.get_model("requests", "Law")
    for row in (KG, KZ):
        Law.objects.get_or_create(
            country=row["country"], kind=row["kind"], valid_from=row["valid_from"], defaults=row
        )


def unseed(apps, schema_editor):
    apps.get_model("requests", "Law").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("requests", "0001_requests_laws_log")]
    operations = [migrations.RunPython(seed, unseed)]
