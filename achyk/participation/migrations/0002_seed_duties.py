"""Two publication duties of Kyrgyz LSGs that participation gives evidence for: the joint
needs study with its ranked priorities, and public events announced in time with their
minutes. Our reading of the law (Law No. 217 of 29.12.2023; the 2023 website requirements:
the home page shows events): platform admins revise them in the register."""

import datetime

from django.db import migrations

IN_FORCE_FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=6)))
KG_LAW = "Закон КР № 217 от 29.12.2023 «О праве на доступ к информации»"
KG_SITES = "Постановление Правительства КР № 594 от 2007; требования к сайтам 2023 г."

# code, (ky, ru, kk, en), act, keys, rule, days, working days
DUTIES = [
    ("needs-study", ("Муктаждыктарды биргелешип изилдөө жана артыкчылыктар",
                     "Совместное изучение нужд и приоритеты сообщества",
                     "Қоғамдастық қажеттіліктерін бірлесіп зерттеу",
                     "Joint needs study and the community's priorities"),
     KG_LAW, "participation:study,participation:priorities", "on_change", None, False),
    ("public-events", ("Коомдук иш-чаралар: жарыя жана протокол",
                       "Публичные мероприятия: объявление и протокол",
                       "Қоғамдық іс-шаралар: хабарландыру және хаттама",
                       "Public events: announcement and minutes"),
     KG_SITES, "participation:announced,participation:minutes", "after_event", 10, True),
]


def seed(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    last = Duty.objects.filter(country="KG").order_by("-order").values_list("order", flat=True)
    order = (last.first() or 0) + 10
    for code, names, act, keys, rule, days, working in DUTIES:
        Duty.objects.get_or_create(
            country="KG", code=code, valid_to=None,
            defaults={
                **{f"title_{lang}": name for lang, name in zip(("ky", "ru", "kk", "en"), names)},
                "legal_act": act, "evidence_keys": keys, "rule": rule, "rule_days": days,
                "rule_working_days": working, "order": order, "valid_from": IN_FORCE_FROM,
            },
        )
        order += 10


def unseed(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    Duty.objects.filter(country="KG", code__in=[d[0] for d in DUTIES],
                        valid_from=IN_FORCE_FROM).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("transparency", "0004_rule_after_event_in_days"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
