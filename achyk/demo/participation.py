"""The demo's joint needs studies (Burana, Ak-Bashat) and a year of public events (demo data,
not interface text; every person named here is fictional).

Each study was held a few months ago in three villages: seven focus groups by category with
their headcounts and problems, five priorities ranked by the points each group gave (typed
through the tally service, so the log is real), a gathering that adopted the joint action
plan and approved the monitoring group and two initiative groups; around it a year of
council sessions, trainings, reporting meetings and gatherings, two of them still to come.
"""

import datetime
import random
import zoneinfo

from django.db import transaction
from django.utils import timezone

from achyk.bodies.models import Body
from achyk.participation import services
from achyk.participation.models import (
    Checklist,
    Event,
    FocusGroup,
    Group,
    Member,
    NeedsStudy,
    Priority,
    Problem,
    ProblemCategory,
    Settlement,
)
from achyk.participation.needs import checklists

STUDIES = {
    "burana": ["Бурана", "Кара-Жыгач", "Жаңы-Жер"],
    "ak-bashat": ["Ак-Башат", "Кызыл-Суу", "Чоң-Таш"],
}
CATEGORIES = ["women", "youth", "elderly", "disability", "low_income", "unemployed", "minorities"]
PRIORITIES = [
    ("water", "Таза ичүүчү суу", "Чистая питьевая вода"),
    ("roads", "Айыл ичиндеги жолдорду оңдоо", "Ремонт сельских дорог"),
    ("education", "Бала бакчадагы орун", "Места в детском саду"),
    ("energy", "Көчө жарыгы", "Уличное освещение"),
    ("jobs", "Жаштар үчүн жумуш орундары", "Рабочие места для молодёжи"),
]
PROBLEMS = {
    "water": [
        ("Суу түтүгү эскирген, жайында суу келбейт", "Водопровод изношен, летом нет воды"),
        ("Мектепте ичүүчү суу жок", "В школе нет питьевой воды"),
    ],
    "roads": [
        ("Көчөлөр жамгырда баткак болот", "В дождь улицы превращаются в грязь"),
        ("Мектепке баруучу жолдо тротуар жок", "По дороге в школу нет тротуара"),
    ],
    "education": [("Бала бакчага кезек эки жыл", "Очередь в детский сад — два года")],
    "energy": [("Кечинде көчөлөр караңгы", "Вечером улицы не освещены")],
    "jobs": [
        ("Жаштар жумуш издеп кетип жатат", "Молодёжь уезжает искать работу"),
        ("Кол өнөрчүлүк үчүн окутуу жок", "Нет обучения ремёслам"),
    ],
}
PASTURE = ("Жайытка баруучу көпүрө бузулган", "Мост к пастбищам разрушен")
FIRST = [
    "Айгүл",
    "Бакыт",
    "Нуржан",
    "Чолпон",
    "Эрмек",
    "Гүлнара",
    "Азамат",
    "Мээрим",
    "Санжар",
    "Айпери",
    "Жоомарт",
    "Калыйкан",
]
LAST = [
    "Асанова",
    "Токтогулов",
    "Сыдыкова",
    "Жумабаев",
    "Осмонова",
    "Кадыров",
    "Бейшеева",
    "Мамбетов",
    "Абдыраева",
    "Турдубаев",
]
EVENTS = [  # days from today, kind, ky, ru
    (-330, "training", "Муктаждыктарды изилдөө боюнча окутуу", "Обучение по изучению нужд"),
    (-290, "council", "Айылдык кеңештин сессиясы", "Сессия айылного кенеша"),
    (-200, "council", "Айылдык кеңештин сессиясы", "Сессия айылного кенеша"),
    (-150, "training", "БМжБ тобу үчүн окутуу", "Обучение группы СМиО"),
    (-110, "council", "Айылдык кеңештин сессиясы", "Сессия айылного кенеша"),
    (-75, "meeting", "Таза суу долбоорунун жыйыны", "Собрание по проекту чистой воды"),
    (-40, "report", "Башчынын тургундар алдындагы отчету", "Отчёт главы перед жителями"),
    (-15, "council", "Айылдык кеңештин сессиясы", "Сессия айылного кенеша"),
    (12, "gathering", "Элдик чогулуш: пландын аткарылышы", "Сход граждан: исполнение плана"),
    (40, "council", "Айылдык кеңештин сессиясы", "Сессия айылного кенеша"),
]


#: Events are announced two weeks before (the monitor asks for ten days).
NOTICE = datetime.timedelta(days=14)


def ensure(*, body: Body, today: datetime.date | None = None) -> NeedsStudy | None:
    """Burana's and Ak-Bashat's study and events, unless the body has a study already."""
    if body.slug not in STUDIES or NeedsStudy.objects.filter(body=body).exists():
        return None
    with transaction.atomic():
        return _build(body, today or timezone.localdate())


def _at(body, day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), zoneinfo.ZoneInfo(body.time_zone))


def _person(rng) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _build(body: Body, today: datetime.date) -> NeedsStudy:
    rng = random.Random(f"needs-{body.slug}")  # noqa: S311 (demo data)
    villages = [
        Settlement.objects.create(
            body=body, name_ky=name, name_ru=name, population=rng.randrange(1200, 3500, 10)
        )
        for name in STUDIES[body.slug]
    ]
    start = today - datetime.timedelta(days=260)
    gathering = _gathering(body, start + datetime.timedelta(days=75))
    study = NeedsStudy.objects.create(
        body=body,
        title_ky=f"Муктаждыктарды биргелешип изилдөө {start.year}",
        title_ru=f"Совместное изучение нужд сообщества {start.year}",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=60),
        method_ky="Ар бир айылда тургундардын ар бир категориясы менен фокус-топтор; ар бир "
        "топ көйгөйлөрдү атап, аларды упай менен баалады.",
        method_ru="Фокус-группы с каждой категорией жителей в каждом селе; каждая группа "
        "назвала проблемы и оценила их баллами.",
        weighting_ky="Ар бир топ 20 упайды приоритеттерге бөлүштүрдү.",
        weighting_ru="Каждая группа распределила 20 баллов между приоритетами.",
        led_by="Айыл өкмөтү жана демилгелүү топ",
        stage="plan_adopted",
        ranking="points",
        adopted_by=gathering,
        is_published=True,
    )
    study.settlements.set(villages)
    checklist = Checklist.objects.create(
        body=body,
        **{f"title_{c}": checklists.title_of("general", c) for c in ("ky", "ru")},
        **{f"questions_{c}": checklists.questions_of("general", c) for c in ("ky", "ru")},
    )
    priorities = [
        Priority.objects.create(body=body, study=study, sector=sector, title_ky=ky, title_ru=ru)
        for sector, ky, ru in PRIORITIES
    ]
    pastures = ProblemCategory.objects.create(
        body=body, name_ky="Жайыттар жана мал чарбасы", name_ru="Пастбища и животноводство"
    )
    for index, category in enumerate(CATEGORIES):
        group = _focus_group(
            body,
            study,
            checklist,
            villages[index % 3],
            category,
            rng,
            _at(body, start + datetime.timedelta(days=4 + index * 7), 10),
        )
        _problems(group, priorities, rng)
        if index % 3 == 0:  # the body's own category, beside the platform's sector
            Problem.objects.create(
                focus_group=group, text_ky=PASTURE[0], text_ru=PASTURE[1], sector="roads",
                own_category=pastures, priority=priorities[1],
            )  # fmt: skip
        _tallies(group, priorities, rng)
    _groups(body, priorities, gathering, rng)
    _events(body, today)
    return study


def _gathering(body, day) -> Event:
    return Event.objects.create(
        body=body,
        kind="gathering",
        title_ky="Элдик чогулуш: биргелешкен аракеттер планы",
        title_ru="Сход граждан: план совместных действий",
        starts_at=_at(body, day, 14),
        ends_at=_at(body, day, 17),
        place_ky="Маданият үйү",
        place_ru="Дом культуры",
        agenda_ky="Биргелешкен аракеттер планын бекитүү; демилгелүү топтордун жана БМжБ "
        "тобунун курамын бекитүү.",
        agenda_ru="Утверждение плана совместных действий; утверждение составов инициативных "
        "групп и группы СМиО.",
        minutes_ky="Чогулуш планды бекитти жана топтордун курамын бекитти.",
        minutes_ru="Сход утвердил план и составы групп.",
        women_18_29=14,
        women_30_59=38,
        women_60=12,
        men_18_29=11,
        men_30_59=29,
        men_60=15,
        is_published=True,
        published_at=_at(body, day - NOTICE, 9),
    )


def _focus_group(body, study, checklist, village, category, rng, starts) -> FocusGroup:
    counts = {
        f"{g}_{band}": rng.randint(0, 6)
        for g in ("women", "men")
        for band in ("u18", "18_29", "30_59", "60")
    }
    if category == "women":
        counts.update({f"men_{band}": 0 for band in ("u18", "18_29", "30_59", "60")})
    return FocusGroup.objects.create(
        body=body,
        study=study,
        category=category,
        settlement=village,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place_ky="Айылдык клуб",
        place_ru="Сельский клуб",
        facilitator=_person(rng),
        checklist=checklist,
        held=True,
        **counts,
    )


def _problems(group, priorities, rng) -> None:
    for priority in rng.sample(priorities, 3):
        ky, ru = rng.choice(PROBLEMS[priority.sector])
        Problem.objects.create(
            focus_group=group, text_ky=ky, text_ru=ru, sector=priority.sector, priority=priority
        )


def _tallies(group, priorities, rng) -> None:
    left = 20
    for priority in priorities[:-1]:
        points = rng.randint(0, left)
        services.set_tally(priority=priority, focus_group=group, points=points, version=0, by=None)
        left -= points
    services.set_tally(priority=priorities[-1], focus_group=group, points=left, version=0, by=None)


def _groups(body, priorities, gathering, rng) -> None:
    approved = timezone.localtime(gathering.starts_at).date()
    specs = [
        ("monitoring", "Мониторинг жана баалоо тобу", "Группа СМиО", None),
        (
            "initiative",
            "Таза суу демилгелүү тобу",
            "Инициативная группа «Чистая вода»",
            priorities[0],
        ),
        (
            "initiative",
            "Көчө жарыгы демилгелүү тобу",
            "Инициативная группа «Свет на улицах»",
            priorities[3],
        ),
    ]
    for kind, ky, ru, priority in specs:
        group = Group.objects.create(
            body=body,
            kind=kind,
            name_ky=ky,
            name_ru=ru,
            priority=priority,
            approved_on=approved,
            approved_by=gathering,
            is_published=True,
        )
        for index in range(5):
            Member.objects.create(
                group=group,
                name=_person(rng),
                role="chair" if index == 0 else "member",
                gender="woman" if index % 2 == 0 else "man",
                name_public=index < 3,
                sort_order=index,
            )


def _events(body, today) -> None:
    for days, kind, ky, ru in EVENTS:
        day = today + datetime.timedelta(days=days)
        past = days < 0
        Event.objects.create(
            body=body,
            kind=kind,
            title_ky=ky,
            title_ru=ru,
            starts_at=_at(body, day, 10),
            ends_at=_at(body, day, 12),
            place_ky="Айыл өкмөтүнүн жыйындар залы",
            place_ru="Актовый зал айыл окмоту",
            minutes_ru="Протокол опубликован." if past else "",
            minutes_ky="Протокол жарыяланды." if past else "",
            women_30_59=9 if past else 0,
            men_30_59=8 if past else 0,
            is_published=True,
            published_at=_at(body, min(day - NOTICE, today), 9),
        )
