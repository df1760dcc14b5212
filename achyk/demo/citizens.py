"""The demo's Citizens' Budget and budget hearing of each body (demo data, not interface text).

Every demo body gets a published Citizens' Budget of the current year (approved stage) in
Kyrgyz and Russian, and a hearing held in summer on next year's budget, with its minutes and
three proposals (accepted, partly accepted, rejected with the reason). The figures of the
Citizens' Budget are the body's budget data: the texts never quote a number of their own.
"""

import datetime
import zoneinfo

from django.utils import timezone

from achyk.bodies.models import Body
from achyk.budget.citizens.models import CitizensBudget, CitizensStage
from achyk.budget.hearings.models import Decision, Hearing, Proposal

TEXTS_KY = {
    "contacts": "Суроолоруңуз болсо айыл өкмөтүнүн финансы-экономикалык бөлүмүнө кайрылыңыз. "
    "Кабыл алуу иш күндөрү жүргүзүлөт.",
    "general": "{name_ky} — {village} жана жанындагы айылдарды бириктирген айыл аймагы. "
    "Жарандык бюджет жергиликтүү бюджеттин кайдан түшүп, эмнеге жумшаларын жөнөкөй тил "
    "менен түшүндүрөт.\n\nТөмөнкү сандар айыл өкмөтү жарыялаган бюджеттик маалыматтардан "
    "алынган.",
    "priorities": "Социалдык-экономикалык өнүгүү программасы боюнча биринчи кезектеги "
    "максаттар: таза суу, мектеп жана бала бакча, көчө жарыгы жана айыл ичиндеги жолдор.",
    "execution": "Бюджеттин аткарылышы ар бир чейрек сайын жарыяланат. Аткарылыш пландан "
    "артта калса, айыл өкмөтү себебин айылдык кеңешке түшүндүрөт.",
    "draft": "Кийинки жылдын бюджетинин долбоору бюджеттик угууларда талкууланат. "
    "Тургундардын сунуштары угуулардын протоколуна жазылат.",
    "approved": "Бюджетти айылдык кеңеш бекитет. Кирешелердин негизги булагы — "
    "салыктар жана республикалык бюджеттен берилүүчү теңдештирүүчү грант.",
    "investments": "Бюджеттен тышкаркы инвестициялар — донорлордун жана долбоорлордун "
    "каражаттары. Алар суу түтүгүн жана мектептерди оңдоого багытталган.",
}
TEXTS_RU = {
    "contacts": "С вопросами обращайтесь в финансово-экономический отдел айыл окмоту. "
    "Приём ведётся в рабочие дни.",
    "general": "{name_ru} объединяет село {village_ru} и соседние сёла. Гражданский бюджет "
    "простым языком объясняет, откуда приходят и на что тратятся деньги местного бюджета."
    "\n\nЦифры ниже взяты из бюджетных данных, опубликованных айыл окмоту.",
    "priorities": "Первоочередные цели по программе социально-экономического развития: "
    "чистая вода, школа и детский сад, уличное освещение и сельские дороги.",
    "execution": "Исполнение бюджета публикуется ежеквартально. Если исполнение отстаёт от "
    "плана, айыл окмоту объясняет причины айылному кенешу.",
    "draft": "Проект бюджета на следующий год обсуждается на бюджетных слушаниях. "
    "Предложения жителей вносятся в протокол слушаний.",
    "approved": "Бюджет утверждает айылный кенеш. Основные источники доходов — налоги и "
    "выравнивающий грант из республиканского бюджета.",
    "investments": "Внебюджетные инвестиции — средства доноров и проектов. Они направлены на "
    "ремонт водопровода и школ.",
}
HEARING = {
    "place_ky": "Айыл өкмөтүнүн жыйындар залы, {village}",
    "place_ru": "Актовый зал айыл окмоту, с. {village_ru}",
    "announcement_ky": "{year}-жылдын бюджетинин долбоору боюнча бюджеттик угууларга "
    "чакырабыз. Сунуштарды угууга чейин айыл өкмөтүнө жазуу жүзүндө берсеңиз болот.",
    "announcement_ru": "Приглашаем на бюджетные слушания по проекту бюджета на {year} год. "
    "Предложения можно подать в айыл окмоту письменно до начала слушаний.",
    "minutes_ky": "Угууларга {people} тургун катышты. Финансы бөлүмү бюджеттин долбоорун "
    "тааныштырды, тургундар {proposals} сунуш беришти. Ар бир сунуш боюнча чечим төмөндө.",
    "minutes_ru": "На слушаниях присутствовали {people} жителей. Финансовый отдел представил "
    "проект бюджета, жители внесли {proposals} предложений. Решение по каждому — ниже.",
}
PROPOSALS = [
    ("Мектепке баруучу көчөгө жарык орнотуу / Освещение улицы к школе",
     Decision.ACCEPTED, ""),
    ("Ичүүчү суу түтүгүн алмаштыруу / Замена водопровода",
     Decision.PARTLY, "Биринчи кезекте борбордук көчө / В первую очередь центральная улица"),
    ("Жаңы стадион куруу / Строительство нового стадиона",
     Decision.REJECTED, "Бул жылы каражат жок / В этом году средств нет"),
]  # fmt: skip


def add_citizens_budget(*, body: Body, values: dict, year: int | None = None) -> CitizensBudget:
    """The body's published Citizens' Budget of `year` (this year), approved stage."""
    year = year or timezone.localdate().year
    fields = {f"{key}_ky": text.format(**values) for key, text in TEXTS_KY.items()}
    fields |= {f"{key}_ru": text.format(**values) for key, text in TEXTS_RU.items()}
    item, _created = CitizensBudget.objects.update_or_create(
        body=body, year=year, stage=CitizensStage.APPROVED,
        defaults={**fields, "is_published": True},
    )  # fmt: skip
    return item


def add_hearing(*, body: Body, values: dict, today: datetime.date | None = None) -> Hearing:
    """A hearing on next year's budget (its draft, if published), held this July, with minutes
    and three proposals."""
    today = today or timezone.localdate()
    held = datetime.datetime(today.year, 7, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo(body.time_zone))
    fill = {**values, "year": today.year + 1}
    texts = {key: text.format(**fill) for key, text in HEARING.items()}
    draft = body.budgets.filter(year=today.year + 1).first()
    hearing = Hearing.objects.create(
        body=body, year=today.year + 1, starts_at=held, is_published=True,
        attendance=fill.get("people"), draft_budget=draft, **texts,
    )  # fmt: skip
    for order, (text, decision, reason) in enumerate(PROPOSALS):
        Proposal.objects.create(
            hearing=hearing, text=text, decision=decision, reason=reason, sort_order=order
        )
    return hearing


def ensure(*, body: Body, values: dict) -> None:
    """The body's Citizens' Budget and hearing, unless it has some (staff's work is kept)."""
    if not CitizensBudget.objects.filter(body=body).exists():
        add_citizens_budget(body=body, values=values)
    if not Hearing.objects.filter(body=body).exists():
        add_hearing(body=body, values=values)
