"""The demo's municipal social order (demo data, not interface text; every organisation and
person is fictional).

Burana: the 2026 programme and its decided call for social services at home for the elderly,
three NGO applications scored by a commission of three (one member declared a conflict of
interest), a contract with the winner in three tranches (the first paid, the second's report
returned once and submitted again, the third planned), and a report the monitoring group filed
on the site (`burana-jmeg`, at `social-order/monitoring/`) with
the NGO's and the body's answers. Ak-Tal: a 2025 call, closed, with two applications.
An NGO login (`burana-ngo`) signs in on Burana's site; `burana-jmeg`, `burana-admin` and
`burana-deputy` (every demo login has the demo password) sit on its commission.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from achyk.bodies.models import Body
from achyk.social_order import services
from achyk.social_order.models import (
    Acceptance,
    Application,
    BudgetLine,
    Call,
    Commission,
    Criterion,
    Declaration,
    MonitoringReport,
    NgoMember,
    Organisation,
    Programme,
    Report,
    ReportLine,
    Score,
    Seat,
    Tranche,
)

from .files import text_pdf

NGOS = [
    ("«Ак-Жүрөк» коомдук бирикмеси", "ОБ-2019-0417", "Бурана а., Ленин көч., 12", "Айгүл Сыдыкова",
     "Карыларга үйдө кам көрүү: тамак, дары, тазалык", [9, 8, 9]),
    ("«Мээрим-Нур» коомдук фонду", "ФОН-2016-0932", "Токмок ш., Фрунзе көч., 5", "Бакыт Осмонов",
     "Жалгыз карыларга социалдык кызматкер", [7, 7, 6]),
    ("«Камкор Чүй» бирикмеси", "ОБ-2021-1180", "Кемин а., Борбордук көч., 3", "Нурлан Токтогулов",
     "Карыларга медициналык патронаж", [6, 8, 5]),
]  # fmt: skip
CRITERIA = [("Маанилүүлүгү / Актуальность", 3), ("Натыйжалуулугу / Результативность", 2),
            ("Бюджеттин негиздүүлүгү / Обоснованность бюджета", 1)]  # fmt: skip


def _moment(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), zoneinfo.ZoneInfo("Asia/Bishkek"))


def ensure(*, password: str) -> None:
    """Burana's and Ak-Tal's social order, unless they have one already."""
    burana = Body.objects.filter(slug="burana").first()
    if burana is not None and not Programme.objects.filter(body=burana).exists():
        with transaction.atomic():
            _burana(burana, password)
    ak_tal = Body.objects.filter(slug="ak-tal").first()
    if ak_tal is not None and not Programme.objects.filter(body=ak_tal).exists():
        with transaction.atomic():
            _closed_call(ak_tal)


def _user(username: str, first: str, last: str, password: str | None):
    users = get_user_model().objects
    user = users.filter(username=username).first() or users.create_user(
        username=username, email=f"{username}@example.org", first_name=first, last_name=last
    )
    if password:
        user.set_password(password)
        user.save()
    return user


def _programme(body, year, title_ky, title_ru, budget):
    return Programme.objects.create(
        body=body, year=year, title_ky=title_ky, title_ru=title_ru, budget=Decimal(budget),
        topics_ky="Карыларга жана ден соолугунун мүмкүнчүлүгү чектелген адамдарга үйдө кызмат.",
        topics_ru="Услуги на дому пожилым людям и людям с ограниченными возможностями здоровья.",
        is_published=True,
    )  # fmt: skip


def _call(body, programme, commission, *, year, state):
    call = Call.objects.create(
        body=body, programme=programme, commission=commission, state=state,
        title_ky=f"{year}: карыларга үйдө социалдык кызмат көрсөтүү",
        title_ru=f"{year}: социальные услуги пожилым на дому",
        topic_ky="Жалгыз жашаган карыларга үйдө кам көрүү, тамак жана дары жеткирүү.",
        topic_ru="Уход на дому за одинокими пожилыми, доставка продуктов и лекарств.",
        eligibility_ky="Айыл аймакта катталган же иштеген коммерциялык эмес уюмдар.",
        eligibility_ru="Некоммерческие организации, зарегистрированные или работающие в аймаке.",
        documents_ky="Уставдын көчүрмөсү, каттоо күбөлүгү, бюджет.",
        documents_ru="Копия устава, свидетельство о регистрации, бюджет.",
        ceiling=Decimal("600000"), opens_at=_moment(datetime.date(year, 2, 2), 9),
        deadline=_moment(datetime.date(year, 3, 2)), decision_on=datetime.date(year, 3, 20),
    )  # fmt: skip
    for order, (title, weight) in enumerate(CRITERIA):
        ky, ru = title.split(" / ")
        Criterion.objects.create(call=call, title_ky=ky, title_ru=ru, weight=weight, order=order)
    return call


def _ngo(body, spec, user=None):
    name, number, address, head, _title, _scores = spec
    organisation = Organisation.objects.create(
        body=body, name=name, registration_number=number, address=address, head=head,
        email=f"{number.lower()}@example.org", state="confirmed",
        founding_document=ContentFile(text_pdf(["Charter (demo)"]), name="charter.pdf"),
    )  # fmt: skip
    if user is not None:
        NgoMember.objects.create(body=body, organisation=organisation, user=user)
    return organisation


def _application(call, organisation, spec, number):
    _name, _reg, _address, _head, title, _scores = spec
    application = Application.objects.create(
        body=call.body, call=call, organisation=organisation, title=title, state="submitted",
        number=f"{call.programme.year}-{call.pk}-{number:03d}",
        submitted_at=call.deadline - datetime.timedelta(days=3 + number),
        problem="Аймакта 140тан ашык жалгыз карылар жашайт, алардын көбү үйдөн чыга албайт.",
        goal="Жылдын аягына чейин 40 карыга жумасына эки жолу үйдө кам көрүү.",
        activities="Социалдык кызматкерлерди даярдоо, графикке ылайык баруу, журнал жүргүзүү.",
        beneficiaries="Жалгыз жашаган 70 жаштан улуу адамдар", beneficiaries_count=40,
        settlements="Бурана, Кызыл-Октябрь, Жаңы-Жер", indicators="Кам көрүлгөн карылар: 40",
        starts_on=datetime.date(call.programme.year, 5, 1),
        ends_on=datetime.date(call.programme.year, 12, 31), co_funding=Decimal("45000"),
    )  # fmt: skip
    for item, amount in (("Социалдык кызматкерлердин эмгек акысы", "320000"),
                         ("Азык-түлүк жана дары", "150000"), ("Жол чыгымы", "40000")):  # fmt: skip
        BudgetLine.objects.create(body=call.body, application=application, item=item,
                                  amount=Decimal(amount))  # fmt: skip
    return application


def _burana(body, password):
    programme = _programme(body, 2026, "2026-жылдын социалдык тапшырык программасы",
                           "Программа социального заказа на 2026 год", "1500000")  # fmt: skip
    commission = Commission.objects.create(body=body, name="МСТ боюнча конкурстук комиссия")
    members = [
        (_user("burana-admin", "", "", None), "staff", "Самат Исаков (айыл өкмөтү)"),
        (_user("burana-jmeg", "", "", None), "jmeg", "Гүлнара Абдиева (БМжБ тобу)"),
        (_user("burana-deputy", "Эрмек", "Жумабаев", password), "deputy",
         "Эрмек Жумабаев (депутат)"),
    ]  # fmt: skip
    seats = [Seat.objects.create(body=body, commission=commission, user=user, kind=kind,
                                 name=name) for user, kind, name in members]  # fmt: skip
    call = _call(body, programme, commission, year=2026, state="review")
    ngo_user = _user("burana-ngo", "Айгүл", "Сыдыкова", password)
    applications = []
    for n, spec in enumerate(NGOS, start=1):
        organisation = _ngo(body, spec, ngo_user if n == 1 else None)
        applications.append(_application(call, organisation, spec, n))
    for application, spec in zip(applications, NGOS, strict=True):
        for index, seat in enumerate(seats):
            conflicted = index == 2 and application is applications[2]
            declaration = Declaration.objects.create(
                body=body, seat=seat, application=application, conflicted=conflicted,
                note="Уюмдун башкармасынын мүчөсү" if conflicted else "",
            )  # fmt: skip
            if conflicted:
                continue
            for criterion, value in zip(call.criteria.all(), spec[5], strict=True):
                Score.objects.create(
                    body=body, seat=seat, application=application, criterion=criterion,
                    declaration=declaration, value=max(0, value - index % 2),
                )  # fmt: skip
    services.decide_call(call=call, winners=[applications[0]])
    Call.objects.filter(pk=call.pk).update(decided_at=_moment(datetime.date(2026, 3, 20)))
    _contract(body, applications[0])


def _contract(body, application):
    winner = Application.objects.get(pk=application.pk)
    contract = services.sign_contract(
        application=winner, number="МСТ-2026/1", signed_on=datetime.date(2026, 4, 15),
        amount=Decimal("510000"), starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 12, 31),
        tranches=[
            services.TrancheIn(Decimal("200000"), datetime.date(2026, 5, 5), "Аванс / Аванс"),
            services.TrancheIn(Decimal("200000"), datetime.date(2026, 9, 1),
                               "Май-август боюнча отчет / Отчёт за май-август"),
            services.TrancheIn(Decimal("110000"), datetime.date(2026, 12, 20),
                               "Жыйынтык отчет / Итоговый отчёт", is_final=True),
        ],
    )  # fmt: skip
    first, second, _third = contract.tranches.order_by("number")
    lines = list(winner.lines.all())
    report = _report(
        first, 1, "accepted", "Социалдык кызматкерлер даярдалды, 40 кары тизмеге алынды."
    )
    acceptance = Acceptance.objects.create(body=body, report=report)
    Tranche.objects.filter(pk=first.pk).update(state="accepted", acceptance=acceptance)
    services.pay_tranche(tranche=first, paid_on=datetime.date(2026, 5, 12),
                         amount=Decimal("200000"), document="Төлөм тапшырмасы № 341")  # fmt: skip
    returned = _report(second, 1, "returned", "Май-август айларында 38 карыга кам көрүлдү.",
                       comment="Азык-түлүк боюнча эсеп-фактуралар тиркелген эмес.")  # fmt: skip
    ReportLine.objects.create(body=body, report=returned, budget_line=lines[1], spent=150000)
    again = _report(second, 2, "submitted", "Май-август айларында 38 карыга кам көрүлдү; "
                    "эсеп-фактуралар тиркелди.")  # fmt: skip
    for line, spent in zip(lines, (130000, 55000, 15000), strict=True):
        ReportLine.objects.create(body=body, report=again, budget_line=line, spent=spent)
    Tranche.objects.filter(pk=second.pk).update(state="submitted")
    MonitoringReport.objects.create(
        body=body, contract=contract, visited_on=datetime.date(2026, 7, 18),
        members="Гүлнара Абдиева, Талант Мамытов",
        checked="Кам көрүү журналы, 6 карынын үйүнө баруу, азык-түлүк топтомдору.",
        feedback="Карылар кызматкерлердин өз убагында келгенине ыраазы; дарылар кээде кечигет.",
        findings="Кызмат графикке ылайык көрсөтүлөт. Дары жеткирүүнү тездетүү сунушталат.",
        rating=4, ngo_answer="Дарыканага экинчи келишим түзүлдү, жеткирүү 2 күнгө кыскарды.",
        body_answer="Айыл өкмөтү дары жеткирүүнү кийинки мониторингде текшерет.",
        is_published=True, by_group=True, created_at=_moment(datetime.date(2026, 7, 19)),
        author=get_user_model().objects.filter(username="burana-jmeg").first(),
        ngo_answered_at=_moment(datetime.date(2026, 7, 24)),
        body_answered_at=_moment(datetime.date(2026, 7, 28)),
    )  # fmt: skip


def _report(tranche, version, state, narrative, comment=""):
    return Report.objects.create(
        body=tranche.body, tranche=tranche, version=version, state=state, narrative=narrative,
        public_summary=narrative, review_comment=comment,
        submitted_at=_moment(tranche.due_on) - datetime.timedelta(days=5),
    )  # fmt: skip


def _closed_call(body):
    programme = _programme(body, 2025, "2025-жылдын социалдык тапшырык программасы",
                           "Программа социального заказа на 2025 год", "800000")  # fmt: skip
    commission = Commission.objects.create(body=body, name="Конкурстук комиссия")
    call = _call(body, programme, commission, year=2025, state="closed")
    for n, spec in enumerate(NGOS[1:], start=1):
        _application(call, _ngo(body, spec), spec, n)
