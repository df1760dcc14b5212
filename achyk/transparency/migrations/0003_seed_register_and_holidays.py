"""The starting register of publication duties (Kyrgyz LSGs; Kazakh state bodies) and the
public holidays of both countries for 2025-2027.

The register is our reading of the law (Law of the Kyrgyz Republic No. 217 of 29.12.2023,
Government Decree No. 594 of 2007 and the 2023 website requirements; Law of the Republic of
Kazakhstan No. 401-V of 16.11.2015, Art. 16-17, and Order No. 124-НҚ of 31.03.2025): details
are unconfirmed and platform admins revise them in the admin (each revision is a new version).
Holidays: the fixed public holidays of both labour codes; a holiday falling on a weekend moves
its day off to the next working day (not for Orthodox Christmas and Kurban Ait in
Kazakhstan). The dates of Orozo/Kurman Ait (KG) and Kurban Ait (KZ) follow the lunar calendar
and are fixed each year by decree: those for 2026 and 2027, and any day moved by a decree, are
to be confirmed by platform admins.
"""

import datetime

from django.db import migrations

IN_FORCE_FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=6)))
KG_LAW = "Закон КР № 217 от 29.12.2023 «О праве на доступ к информации»"
KG_SITES = "Постановление Правительства КР № 594 от 2007; требования к сайтам 2023 г."
KG_BUDGET = "Бюджетный кодекс КР"
KG_SOCIAL = "Закон КР № 70 от 2017 «О государственном и муниципальном социальном заказе»"
KZ_LAW = "Закон РК № 401-V от 16.11.2015 «О доступе к информации»"
KZ_ORDER = "Приказ № 124-НҚ от 31.03.2025"

# code, (ky, ru, kk, en), legal act, article, evidence keys, rule, days, month, day, working
KG = [
    ("about", ("Аймак жөнүндө маалымат", "Сведения о территории", "Аумақ туралы мәлімет",
               "About the territory"), KG_LAW, "", "section:about", "every_n_days", 365, None,
     None, False),
    ("leadership", ("Жетекчилик", "Руководство", "Басшылық", "Leadership"), KG_LAW, "",
     "page:leadership", "on_change", None, None, None, False),
    ("structure", ("Түзүмү жана штаты", "Структура и штат", "Құрылымы мен штаты",
                   "Structure and staff"), KG_LAW, "", "section:structure", "on_change", None,
     None, None, False),
    ("contacts", ("Байланыштар", "Контакты", "Байланыс", "Contacts"), KG_SITES, "",
     "page:contacts", "on_change", None, None, None, False),
    ("council", ("Айылдык кеңеш", "Айылный кенеш", "Жергілікті кеңес", "Local council"), KG_LAW,
     "", "section:council", "on_change", None, None, None, False),
    ("council-acts", ("Айылдык кеңештин токтомдору", "Постановления айылного кенеша",
                      "Жергілікті кеңестің шешімдері", "Council resolutions"), KG_LAW, "",
     "doctype:council-resolution", "after_event", 3, None, None, True),
    ("head-orders", ("Башчынын буйруктары", "Распоряжения главы", "Басшының өкімдері",
                     "Orders of the head"), KG_LAW, "", "doctype:head-order", "after_event", 3,
     None, None, True),
    ("charter", ("Жергиликтүү жамааттын уставы", "Устав местного сообщества",
                 "Жергілікті қоғамдастықтың жарғысы", "Charter of the local community"), KG_LAW,
     "", "doctype:charter,section:charter", "once", None, None, None, False),
    ("budget-draft", ("Бюджеттин долбоору", "Проект бюджета", "Бюджет жобасы", "Draft budget"),
     KG_BUDGET, "", "budget:draft", "yearly_by_date", None, 6, 30, False),
    ("budget-hearings", ("Бюджеттик угуулар", "Бюджетные слушания", "Бюджеттік тыңдаулар",
                         "Budget hearings"), KG_BUDGET, "", "budget:hearing",
     "yearly_by_date", None, 8, 31, False),
    ("budget-approved", ("Бекитилген бюджет", "Утверждённый бюджет", "Бекітілген бюджет",
                         "Approved budget"), KG_BUDGET, "", "budget:approved,doctype:budget",
     "yearly_by_date", None, 1, 31, False),
    ("budget-execution", ("Бюджеттин аткарылышы", "Исполнение бюджета", "Бюджеттің атқарылуы",
                          "Budget execution"), KG_BUDGET, "",
     "budget:executed,doctype:budget-report", "quarterly", 30, None, None, False),
    ("citizens-budget", ("Жарандык бюджет", "Гражданский бюджет", "Азаматтық бюджет",
                         "Citizens' Budget"), KG_BUDGET, "", "budget:citizens",
     "yearly_by_date", None, 1, 31, False),
    ("sedp", ("Социалдык-экономикалык өнүгүү программасы",
              "Программа социально-экономического развития",
              "Әлеуметтік-экономикалық даму бағдарламасы", "Development programme (SEDP)"),
     KG_LAW, "", "doctype:sedp,doctype:sedp-report", "yearly_by_date", None, 3, 31, False),
    ("jap", ("Биргелешкен аракеттер планы", "План совместных действий",
             "Бірлескен іс-қимыл жоспары", "Joint action plan"), KG_LAW, "", "doctype:jap",
     "quarterly", 15, None, None, False),
    ("jmeg", ("БМжБ тобу", "Группа СМиО", "Бірлескен мониторинг тобы",
              "Joint monitoring and evaluation group"), KG_LAW, "",
     "doctype:monitoring-report,section:jmeg", "every_n_days", 365, None, None, False),
    ("procurement", ("Мамлекеттик сатып алуулар", "Закупки", "Сатып алулар", "Procurement"),
     KG_LAW, "", "doctype:procurement-plan,doctype:procurement-results", "quarterly", 30,
     None, None, False),
    ("social-order", ("Муниципалдык социалдык тапшырык", "Муниципальный социальный заказ",
                      "Муниципалдық әлеуметтік тапсырыс", "Municipal social order"), KG_SOCIAL,
     "", "section:social-order,doctype:social-order", "every_n_days", 365, None, None, False),
    ("property", ("Муниципалдык мүлк жана жер", "Муниципальная собственность и земля",
                  "Муниципалдық мүлік және жер", "Municipal property and land"), KG_LAW, "",
     "section:property", "on_change", None, None, None, False),
    ("vacancies", ("Бош орундар", "Вакансии", "Бос орындар", "Vacancies"), KG_SITES, "",
     "page:vacancies", "once", None, None, None, False),
    ("services", ("Муниципалдык кызматтар", "Муниципальные услуги", "Муниципалдық қызметтер",
                  "Municipal services"), KG_SITES, "", "section:services", "on_change", None,
     None, None, False),
    ("appeals", ("Кайрылуулар жана онлайн кабыл алуу", "Обращения и онлайн-приёмная",
                 "Өтініштер және онлайн қабылдау", "Appeals and online reception"), KG_SITES,
     "", "page:feedback,section:appeals", "on_change", None, None, None, False),
    ("access-to-information", ("Маалыматка жетүү", "Доступ к информации", "Ақпаратқа қол жеткізу",
                               "Access to information"), KG_LAW, "",
     "section:access-to-information", "on_change", None, None, None, False),
    ("anti-corruption", ("Коррупцияга каршы аракеттер", "Противодействие коррупции",
                         "Сыбайлас жемқорлыққа қарсы іс-қимыл", "Anti-corruption"), KG_SITES, "",
     "doctype:anti-corruption-plan,doctype:anti-corruption-report,section:anti-corruption",
     "every_n_days", 365, None, None, False),
    ("news", ("Жаңылыктар", "Новости", "Жаңалықтар", "News"), KG_SITES, "", "page:news",
     "every_n_days", 31, None, None, False),
    ("annual-report", ("Башчынын жылдык отчету", "Ежегодный отчёт главы",
                       "Басшының жылдық есебі", "Annual report of the head"), KG_LAW, "",
     "doctype:annual-report", "yearly_by_date", None, 3, 1, False),
]

KZ = [
    ("news", ("Жаңылыктар", "Новости", "Жаңалықтар", "News"), KZ_ORDER, "",
     "page:news", "every_n_days", 1, None, None, True),
    ("announcements", ("Кулактандыруулар", "Объявления", "Хабарландырулар", "Announcements"),
     KZ_ORDER, "", "page:announcements", "on_change", None, None, None, False),
    ("leadership", ("Жетекчилик", "Руководство", "Басшылық", "Leadership"), KZ_LAW, "ст. 16",
     "page:leadership", "on_change", None, None, None, False),
    ("structure", ("Түзүмү", "Структура", "Құрылымы", "Structure"), KZ_LAW, "ст. 16",
     "section:structure", "on_change", None, None, None, False),
    ("contacts", ("Байланыштар", "Контакты", "Байланыс", "Contacts"), KZ_LAW, "ст. 16",
     "page:contacts", "on_change", None, None, None, False),
    ("legal-acts", ("Ченемдик укуктук актылар", "Нормативные правовые акты",
                    "Нормативтік құқықтық актілер", "Legal acts"), KZ_LAW, "ст. 16, 17",
     "doctype:council-resolution,doctype:head-order", "after_event", 3, None, None, True),
    ("budget", ("Ачык бюджет", "Открытые бюджеты", "Ашық бюджеттер", "Open budgets"), KZ_LAW,
     "ст. 17", "budget:draft,budget:approved,budget:executed", "after_event", 3, None, None,
     True),
    ("budget-execution", ("Бюджеттин аткарылышы", "Исполнение бюджета", "Бюджеттің атқарылуы",
                          "Budget execution"), KZ_LAW, "ст. 17",
     "budget:executed,doctype:budget-report", "quarterly", 30, None, None, False),
    ("citizens-budget", ("Жарандык бюджет", "Гражданский бюджет", "Азаматтық бюджет",
                         "Citizens' Budget"), KZ_LAW, "ст. 17", "budget:citizens",
     "yearly_by_date", None, 1, 31, False),
    ("vacancies", ("Бош орундар", "Вакансии", "Бос орындар", "Vacancies"), KZ_ORDER, "",
     "page:vacancies", "once", None, None, None, False),
    ("services", ("Мамлекеттик кызматтар", "Государственные услуги", "Мемлекеттік қызметтер",
                  "Public services"), KZ_ORDER, "", "section:services", "on_change", None,
     None, None, False),
    ("appeals", ("Кайрылуулар", "Обращения", "Өтініштер", "Appeals"), KZ_LAW, "ст. 16",
     "page:feedback,section:appeals", "on_change", None, None, None, False),
    ("access-to-information", ("Маалыматка жетүү", "Доступ к информации",
                               "Ақпаратқа қол жеткізу", "Access to information"), KZ_LAW,
     "ст. 16", "section:access-to-information", "on_change", None, None, None, False),
    ("anti-corruption", ("Коррупцияга каршы аракеттер", "Противодействие коррупции",
                         "Сыбайлас жемқорлыққа қарсы іс-қимыл", "Anti-corruption"), KZ_ORDER, "",
     "doctype:anti-corruption-plan,doctype:anti-corruption-report,section:anti-corruption",
     "every_n_days", 365, None, None, False),
    ("reports", ("Отчеттор", "Отчёты", "Есептер", "Reports"), KZ_LAW, "ст. 16",
     "doctype:report,doctype:annual-report", "yearly_by_date", None, 3, 1, False),
]

KG_FIXED = [
    ((1, 1), ("Жаңы жыл", "Новый год", "Жаңа жыл", "New Year")),
    ((1, 7), ("Рождество Христово", "Рождество Христово", "Православие Рождествосы",
              "Orthodox Christmas")),
    ((2, 23), ("Ата Мекенди коргоочулар күнү", "День защитника Отечества",
               "Отан қорғаушылар күні", "Defender of the Fatherland Day")),
    ((3, 8), ("Эл аралык аялдар күнү", "Международный женский день",
              "Халықаралық әйелдер күні", "International Women's Day")),
    ((3, 21), ("Нооруз", "Нооруз", "Наурыз", "Nooruz")),
    ((4, 7), ("Элдик Апрель революциясынын күнү", "День Народной апрельской революции",
              "Халықтық сәуір революциясы күні", "Day of the People's April Revolution")),
    ((5, 1), ("Эмгек майрамы", "Праздник труда", "Еңбек мерекесі", "Labour Day")),
    ((5, 5), ("Конституция күнү", "День Конституции", "Конституция күні", "Constitution Day")),
    ((5, 9), ("Жеңиш күнү", "День Победы", "Жеңіс күні", "Victory Day")),
    ((8, 31), ("Эгемендүүлүк күнү", "День независимости", "Тәуелсіздік күні",
               "Independence Day")),
    ((11, 7), ("Тарых жана ата-бабаларды эскерүү күндөрү", "Дни истории и памяти предков",
               "Тарих және ата-бабаларды еске алу күндері",
               "Days of History and Commemoration of Ancestors")),
    ((11, 8), ("Тарых жана ата-бабаларды эскерүү күндөрү", "Дни истории и памяти предков",
               "Тарих және ата-бабаларды еске алу күндері",
               "Days of History and Commemoration of Ancestors")),
]
OROZO = ("Орозо айт", "Орозо айт", "Ораза айт", "Orozo Ait (Eid al-Fitr)")
KURMAN = ("Курман айт", "Курман айт", "Құрбан айт", "Kurman Ait (Eid al-Adha)")
KG_LUNAR = {
    2025: [((3, 30), OROZO), ((6, 6), KURMAN)],
    2026: [((3, 20), OROZO), ((5, 27), KURMAN)],
    2027: [((3, 10), OROZO), ((5, 16), KURMAN)],
}

KZ_FIXED = [
    ((1, 1), ("Жаңы жыл", "Новый год", "Жаңа жыл", "New Year")),
    ((1, 2), ("Жаңы жыл", "Новый год", "Жаңа жыл", "New Year")),
    ((1, 7), ("Рождество Христово", "Рождество Христово", "Православие Рождествосы",
              "Orthodox Christmas")),
    ((3, 8), ("Эл аралык аялдар күнү", "Международный женский день",
              "Халықаралық әйелдер күні", "International Women's Day")),
    ((3, 21), ("Наурыз мейрамы", "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz")),
    ((3, 22), ("Наурыз мейрамы", "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz")),
    ((3, 23), ("Наурыз мейрамы", "Наурыз мейрамы", "Наурыз мейрамы", "Nauryz")),
    ((5, 1), ("Казакстан элинин биримдик майрамы", "Праздник единства народа Казахстана",
              "Қазақстан халқының бірлігі мерекесі", "Unity Day of the People of Kazakhstan")),
    ((5, 7), ("Ата Мекенди коргоочулар күнү", "День защитника Отечества",
              "Отан қорғаушылар күні", "Defender of the Fatherland Day")),
    ((5, 9), ("Жеңиш күнү", "День Победы", "Жеңіс күні", "Victory Day")),
    ((7, 6), ("Борбор шаар күнү", "День столицы", "Астана күні", "Capital Day")),
    ((8, 30), ("Конституция күнү", "День Конституции", "Конституция күні", "Constitution Day")),
    ((10, 25), ("Республика күнү", "День Республики", "Республика күні", "Republic Day")),
    ((12, 16), ("Көз карандысыздык күнү", "День Независимости", "Тәуелсіздік күні",
                "Independence Day")),
]
KZ_LUNAR = {2025: [((6, 6), KURMAN)], 2026: [((5, 27), KURMAN)], 2027: [((5, 16), KURMAN)]}
#: Holidays whose day off does not move when they fall on a weekend (Kazakhstan).
KZ_NOT_MOVED = {(1, 7), "lunar"}
MOVED = ("Көчүрүлгөн дем алыш күнү", "Перенесённый выходной день",
         "Ауыстырылған демалыс күні", "Day off moved from a weekend holiday")
YEARS = (2025, 2026, 2027)


def _holidays(country, fixed, lunar, year):
    days = [(datetime.date(year, m, d), names, (m, d)) for (m, d), names in fixed]
    days += [(datetime.date(year, m, d), names, "lunar") for (m, d), names in lunar.get(year, [])]
    return sorted(days, key=lambda day: day[0])


def seed(apps, schema_editor):
    Duty = apps.get_model("transparency", "Duty")
    Holiday = apps.get_model("transparency", "Holiday")
    for country, rows in (("KG", KG), ("KZ", KZ)):
        for order, row in enumerate(rows, start=1):
            code, names, act, article, keys, rule, days, month, day, working = row
            Duty.objects.get_or_create(
                country=country, code=code, valid_to=None,
                defaults={
                    **{f"title_{lang}": name for lang, name in zip(("ky", "ru", "kk", "en"), names)},
                    "legal_act": act, "legal_article": article, "evidence_keys": keys,
                    "rule": rule, "rule_days": days, "rule_month": month, "rule_day": day,
                    "rule_working_days": working, "order": order * 10,
                    "valid_from": IN_FORCE_FROM,
                },
            )
    for country, fixed, lunar in (("KG", KG_FIXED, KG_LUNAR), ("KZ", KZ_FIXED, KZ_LUNAR)):
        for year in YEARS:
            days = _holidays(country, fixed, lunar, year)
            taken = {day for day, _names, _key in days}
            for day, names, key in days:
                _day(Holiday, country, day, "holiday", names)
            for day, names, key in days:
                if day.weekday() < 5 or (country == "KZ" and key in KZ_NOT_MOVED):
                    continue
                moved = day + datetime.timedelta(days=1)
                while moved.weekday() >= 5 or moved in taken:
                    moved += datetime.timedelta(days=1)
                taken.add(moved)
                _day(Holiday, country, moved, "day_off", MOVED)


def _day(Holiday, country, day, kind, names):
    Holiday.objects.get_or_create(
        country=country, date=day,
        defaults={"kind": kind, **{f"name_{lang}": name
                                   for lang, name in zip(("ky", "ru", "kk", "en"), names)}},
    )


def unseed(apps, schema_editor):
    apps.get_model("transparency", "Holiday").objects.filter(date__year__in=YEARS).delete()
    Duty = apps.get_model("transparency", "Duty")
    Duty.objects.filter(valid_from=IN_FORCE_FROM, valid_to=None).delete()


class Migration(migrations.Migration):
    dependencies = [("transparency", "0002_followup")]
    operations = [migrations.RunPython(seed, unseed)]
