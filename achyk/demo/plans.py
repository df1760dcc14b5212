"""The demo's development plans (demo data, not interface text; every person is fictional).

Kok-Jar: the programme 2020-2024 (completed) and 2025-2029 (in force); Ak-Tal: its programme
2024-2028; Burana: its joint action plan 2025-2026. Each has a working group appointed by an
order of the head, an approving resolution of the council, goals, objectives and twelve
actions with costs by source, indicators with a baseline, targets and actuals, the body's
progress updates, the monitoring group's assessments (two with the member's photo) and an
approved report whose recommendations the body has answered; actions paid from the local
budget name the line of that year's demo budget that funds them.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from achyk.bodies.models import Body
from achyk.documents.models import DocumentType
from achyk.documents.services import ActIn, create_act
from achyk.plans.models import (
    Action,
    CostLine,
    Goal,
    GroupMember,
    GroupTask,
    Kind,
    Objective,
    Plan,
    SectorAnalysis,
    State,
)
from achyk.plans.monitoring import (
    Assessment,
    EvidencePhoto,
    Indicator,
    IndicatorValue,
    MonitoringReport,
    ProgressUpdate,
    Recommendation,
)
from achyk.plans.photos import renditions
from achyk.plans.validation import budget_line_choices

from .files import landscape_jpeg

GOALS = [
    (
        "Таза суу жана санитария",
        "Чистая вода и санитария",
        [
            (
                "Суу түтүгүн калыбына келтирүү",
                "Восстановить водопровод",
                [
                    (
                        "Суу түтүгүнүн 3 км оңдоо",
                        "Ремонт 3 км водопровода",
                        "local",
                        900000,
                        "donor",
                        2100000,
                    ),
                    (
                        "Суу сактагычты тазалоо",
                        "Очистка резервуара",
                        "local",
                        150000,
                        "community",
                        60000,
                    ),
                    (
                        "Суу эсептегичтерин орнотуу",
                        "Установка счётчиков воды",
                        "community",
                        240000,
                        "private",
                        80000,
                    ),
                ],
            ),
            (
                "Ичүүчү суунун сапатын көзөмөлдөө",
                "Контроль качества питьевой воды",
                [
                    (
                        "Суунун сапатын чейрек сайын текшерүү",
                        "Ежеквартальный анализ воды",
                        "local",
                        40000,
                        None,
                        0,
                    ),
                ],
            ),
        ],
    ),
    (
        "Билим берүү жана бала бакча",
        "Образование и детские сады",
        [
            (
                "Мектептерди оңдоо",
                "Ремонт школ",
                [
                    (
                        "Мектептин чатырын оңдоо",
                        "Ремонт кровли школы",
                        "republican",
                        1200000,
                        "community",
                        150000,
                    ),
                    ("Спорт залды жабдуу", "Оснащение спортзала", "donor", 700000, "local", 100000),
                ],
            ),
            (
                "Бала бакчага орун кошуу",
                "Больше мест в детских садах",
                [
                    (
                        "Бала бакчанын жаңы тобун ачуу",
                        "Открыть новую группу детского сада",
                        "local",
                        600000,
                        "republican",
                        400000,
                    ),
                    (
                        "Бала бакчанын ашканасын жабдуу",
                        "Оснастить кухню детского сада",
                        "private",
                        180000,
                        None,
                        0,
                    ),
                ],
            ),
        ],
    ),
    (
        "Жолдор жана көчө жарыгы",
        "Дороги и уличное освещение",
        [
            (
                "Айыл ичиндеги жолдорду оңдоо",
                "Ремонт сельских дорог",
                [
                    (
                        "Борбордук көчөгө шагыл төшөө",
                        "Гравийное покрытие центральной улицы",
                        "local",
                        800000,
                        "community",
                        200000,
                    ),
                    ("Көпүрөнү оңдоо", "Ремонт моста", "republican", 950000, None, 0),
                ],
            ),
            (
                "Көчө жарыгы",
                "Уличное освещение",
                [
                    (
                        "Күн панелдүү 60 чырак орнотуу",
                        "Установить 60 фонарей на солнечных панелях",
                        "donor",
                        540000,
                        "local",
                        60000,
                    ),
                    (
                        "Жарык тармагын тейлөө",
                        "Обслуживание сети освещения",
                        "local",
                        90000,
                        None,
                        0,
                    ),
                ],
            ),
        ],
    ),
]

MEMBERS = [
    ("Асанова Гүлнара", "Айыл өкмөтүнүн башчысынын орун басары", "chair", "okmotu", "f"),
    ("Токтогулов Бакыт", "Айылдык кеңештин депутаты", "secretary", "kenesh", "m"),
    ("Жумабаева Айпери", "БМжБ тобунун мүчөсү", "member", "jmeg", "f"),
    ("Осмонов Нурлан", "Демилгелүү топтун лидери", "member", "initiative", "m"),
    ("Сыдыкова Чолпон", "Аялдар кеңешинин төрайымы", "member", "civil", "f"),
    ("Мамытов Эрлан", "Дыйкан чарбасынын башчысы", "member", "business", "m"),
    ("Абдыкадырова Назгүл", "Мектептин директору", "member", "civil", "f"),
    ("Бейшенов Талант", "Финансы бөлүмүнүн адиси", "member", "okmotu", "m"),
]


def ensure(*, body: Body) -> None:
    """The body's demo plans, once (a body with plans is left as it is)."""
    if Plan.objects.filter(body=body).exists():
        return
    if body.slug == "kok-jar":
        _plan(body, Kind.SEDP, 2020, 2024, State.COMPLETED, order=("86", datetime.date(2019, 4, 9)))
        _plan(body, Kind.SEDP, 2025, 2029, State.IN_FORCE, order=("41", datetime.date(2024, 3, 12)))
    elif body.slug == "ak-tal":
        _plan(body, Kind.SEDP, 2024, 2028, State.IN_FORCE, order=("17", datetime.date(2023, 4, 23)))
    elif body.slug == "burana":
        _plan(body, Kind.JAP, 2025, 2026, State.IN_FORCE, order=("9", datetime.date(2024, 11, 5)))


def _act(body, type_code, title, number, adopted_on):
    return create_act(
        body=body, by=None,
        data=ActIn(type=DocumentType.objects.get(code=type_code), title=title, number=number,
                   adopted_on=adopted_on, signatory=body.head_name or "Айыл өкмөтүнүн башчысы"),
    )  # fmt: skip


def _plan(body, kind, start, end, state, *, order):
    jap = kind == Kind.JAP
    name_ky = "Биргелешкен аракеттер планы" if jap else "Социалдык-экономикалык өнүгүү программасы"
    name_ru = "План совместных действий" if jap else "Программа социально-экономического развития"
    approved_on = datetime.date(start - 1, 12, 20)
    plan = Plan.objects.create(
        body=body, kind=kind, start_year=start, end_year=end, state=state,
        title_ky=f"{body.name_ky}: {name_ky}", title_ru=f"{body.name_ru}: {name_ru}",
        summary_ky="Программа тургундар менен биргеликте иштелип чыгып, айылдык кеңеш бекиткен.",
        summary_ru="Программа разработана вместе с жителями и утверждена айылным кенешем.",
        approved_by=_act(body, "council-resolution", f"{name_ky} {start}-{end} бекитүү жөнүндө",
                         f"{start - 2000}/4", approved_on),
        approved_on=approved_on,
        group_act=_act(body, "head-order", "Иштөөчү топту түзүү жөнүндө", order[0], order[1]),
        consultation=Plan.Consultation.GATHERING if jap else Plan.Consultation.HEARING,
        consultation_on=approved_on - datetime.timedelta(days=30), attended_women=61,
        attended_men=58, is_published=True,
    )  # fmt: skip
    for index, (name, position, role, side, gender) in enumerate(MEMBERS):
        GroupMember.objects.create(plan=plan, name=name, position=position, role=role, side=side,
                                   gender=gender, sort_order=index)  # fmt: skip
    for index, (task, months) in enumerate([("Кырдаалды талдоо", 1), ("Фокус-топтор", 2),
                                             ("Программанын долбоору", 4)]):  # fmt: skip
        GroupTask.objects.create(plan=plan, task=task, who="Асанова Г.", done=True,
                                 due_on=order[1] + datetime.timedelta(days=30 * months),
                                 sort_order=index)  # fmt: skip
    SectorAnalysis.objects.create(
        plan=plan, sector_ky="Суу менен камсыз кылуу", sector_ru="Водоснабжение",
        text_ky="Үй чарбаларынын жарымы гана түтүк суусун колдонот.",
        text_ru="Водопроводом пользуется лишь половина домохозяйств.",
        figures="Түтүк суусу бар үй чарбалары: 52%\nСуу түтүгүнүн узундугу: 14 км",
    )  # fmt: skip
    actions = _tree(plan)
    _budget_lines(plan, actions)
    _indicators(plan)
    _monitoring(plan, actions)


#: The expenditure codes a local-budget action is linked to, the first the year's budget has.
FUNDING_CODES = ("3111", "2215", "2222")


def _budget_lines(plan, actions):
    """Each action paid from the local budget names the line of that year's budget that funds
    it, among the lines the body may link (`plans.references.budget_line_choices`)."""
    choices = [key for key, _label in budget_line_choices(plan.body)]
    labels = dict(budget_line_choices(plan.body))
    for action in actions:
        cost = next((c for c in action.costs.all() if c.source == "local"), None)
        if cost is None:
            continue
        for code in FUNDING_CODES:
            key = next((k for k in choices if labels[k].startswith(f"{cost.year} · {code} ")), "")
            if key:
                Action.objects.filter(pk=action.pk).update(budget_line=key)
                break


def _tree(plan) -> list[Action]:
    today, years = timezone.localdate(), plan.end_year - plan.start_year + 1
    actions, counter = [], 0
    for g, (goal_ky, goal_ru, objectives) in enumerate(GOALS, start=1):
        goal = Goal.objects.create(body=plan.body, plan=plan, number=g, title_ky=goal_ky,
                                   title_ru=goal_ru)  # fmt: skip
        for o, (obj_ky, obj_ru, items) in enumerate(objectives, start=1):
            objective = Objective.objects.create(body=plan.body, goal=goal, number=o,
                                                 title_ky=obj_ky, title_ru=obj_ru)  # fmt: skip
            for a, (ky, ru, source, amount, other, other_amount) in enumerate(items, start=1):
                year = plan.start_year + counter % years
                counter += 1
                starts, ends = datetime.date(year, 3, 1), datetime.date(year, 10 + counter % 3, 30)
                status, progress = _status(ends, today, counter)
                action = Action.objects.create(
                    body=plan.body, objective=objective, code=f"{g}.{o}.{a}", title_ky=ky,
                    title_ru=ru, starts_on=starts, ends_on=ends, status=status,
                    progress=progress, responsible="Айыл өкмөтү", weight=1 + counter % 3,
                    settlement=plan.body.name_ky.split()[0],
                )  # fmt: skip
                done = status == "done"
                _cost(action, source, year, amount, done)
                if other:
                    _cost(action, other, year, other_amount, done)
                actions.append(action)
    return actions


def _status(ends, today, counter):
    if ends < today:
        return ("done", 100) if counter % 4 else ("delayed", 60)
    if ends.year == today.year or counter % 5 == 0:
        return "in_progress", 40
    return "planned", 0


def _cost(action, source, year, amount, done):
    CostLine.objects.create(
        action=action, source=source, year=year, planned=Decimal(amount),
        actual=(Decimal(amount) * Decimal("0.95")).quantize(Decimal("1")) if done else None,
    )  # fmt: skip


def _indicators(plan):
    specs = [
        ("Түтүк суусу бар үй чарбалары", "Доля домохозяйств с водопроводом", "%", 52, 90, False),
        ("Бала бакчага барган балдар", "Дети, посещающие детский сад", "бала", 140, 260, True),
        ("Жарыктандырылган көчөлөр", "Освещённые улицы", "%", 20, 80, False),
    ]
    today = timezone.localdate()
    for ky, ru, unit, baseline, target, by_gender in specs:
        indicator = Indicator.objects.create(
            body=plan.body, plan=plan, title_ky=ky, title_ru=ru, unit=unit,
            by_gender=by_gender, baseline_year=plan.start_year - 1, baseline=baseline,
            source="Айыл өкмөтүнүн маалыматы",
        )  # fmt: skip
        span = plan.end_year - plan.start_year + 1
        for step, year in enumerate(range(plan.start_year, plan.end_year + 1), start=1):
            aim = Decimal(baseline + (target - baseline) * step / span).quantize(Decimal("1"))
            IndicatorValue.objects.create(indicator=indicator, year=year, kind="target", value=aim)
            if year < today.year:
                actual = (aim * Decimal("0.93")).quantize(Decimal("1"))
                half = (actual / 2).quantize(Decimal("1")) if by_gender else None
                IndicatorValue.objects.create(
                    indicator=indicator, year=year, kind="actual", value=actual, women=half,
                    men=actual - half if by_gender else None,
                )  # fmt: skip


def _monitoring(plan, actions):
    today = timezone.localdate()
    for action in actions:
        if action.status == "planned":
            continue
        ProgressUpdate.objects.create(
            body=plan.body, action=action, reported_on=min(action.ends_on, today),
            status=action.status, progress=action.progress,
            text_ky="Иш графикке ылайык жүрүүдө.", text_ru="Работы идут по графику.",
        )  # fmt: skip
    member = get_user_model().objects.filter(jmeg_member__body=plan.body).first()
    year = min(today.year - 1, plan.end_year)
    report = MonitoringReport.objects.create(
        body=plan.body, plan=plan, period=str(year), author=member,
        checked="Суу түтүгүн оңдоо, мектептин чатыры жана көчө жарыгы текшерилди.",
        findings="Суу түтүгүнүн бир бөлүгү оңдолгон эмес; калган иштер аткарылган.",
        published_at=timezone.now() - datetime.timedelta(days=40),
    )  # fmt: skip
    recommendations = [
        (
            "Суу түтүгүнүн калган бөлүгүн оңдоону бүтүрүү.",
            "Макул: иш кийинки жылдын апрелинде бүтөт.",
        ),
        ("Ар бир чейрек сайын отчёт жарыялоо.", "Макул: отчёттор сайтта жарыяланат."),
        ("Тургундарды иштин жүрүшү боюнча чогулушка чакыруу.", ""),
    ]
    for number, (text, answer) in enumerate(recommendations, start=1):
        Recommendation.objects.create(
            report=report, number=number, text=text, answer=answer,
            answered_at=timezone.now() - datetime.timedelta(days=20) if answer else None,
        )  # fmt: skip
    for index, action in enumerate(a for a in actions if a.status != "planned"):
        if index >= 4:
            break
        differs = index == 0
        assessment = Assessment.objects.create(
            body=plan.body, action=action, report=report, author=member,
            author_name="Жумабаева Айпери", status="in_progress" if differs else action.status,
            rating=2 if differs else 4,
            comment="Иш толук бүтө элек." if differs else "Иш аткарылганын көрдүк.",
        )  # fmt: skip
        if index < 2:
            _photo(assessment, index)


def _photo(assessment, index):
    """The member's photo of what they saw, kept as the app keeps every one (two copies)."""
    picture = ContentFile(landscape_jpeg(seed=f"jmeg-{assessment.pk}", variant=index),
                          name="photo.jpg")  # fmt: skip
    large, small = renditions(picture)
    alt = ("Суу түтүгүнүн казылган траншеясы, иш бүтө элек" if index == 0
           else "Оңдолгон мектептин чатыры")  # fmt: skip
    EvidencePhoto.objects.create(
        body=assessment.body, assessment=assessment, alt=alt, image=large, small=small
    )
