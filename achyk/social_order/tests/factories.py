"""Objects of the social order for tests; texts are hostile (markup, quotes, Kyrgyz)."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from achyk.social_order import services
from achyk.social_order.models import (
    Call,
    CallState,
    Commission,
    Criterion,
    NgoMember,
    Organisation,
    OrganisationState,
    Programme,
    Seat,
)

HOSTILE = '<script>alert("ө")</script> "Үңкүр" & \'Ө\''
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
_n = itertools.count(1)


def pdf(name="doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def programme(body, *, year=2026, published=True, **fields):
    defaults = {
        "title_ky": f"Программа {year} {HOSTILE}", "title_ru": f"Программа {year}",
        "topics_ky": "Карыларга үйдөн кызмат", "budget": Decimal("1000000"),
        "is_published": published, **fields,
    }  # fmt: skip
    return Programme.objects.get_or_create(body=body, year=year, defaults=defaults)[0]


def user(username=None, **fields):
    username = username or f"user{next(_n)}"
    return get_user_model().objects.create_user(
        username=username, password="pw-Бурана-42", email=f"{username}@example.org", **fields
    )


def jmeg_member(body, username=None):
    """A member of the body's monitoring group (signs in on the public site)."""
    from django.apps import apps

    person = user(username, first_name="Айгүл", last_name=f"Токтосунова {HOSTILE}")
    return apps.get_model("transparency", "JmegMember").objects.create(body=body, user=person)


def commission(body, *, members=2, name=f"Комиссия {HOSTILE}"):
    item = Commission.objects.create(body=body, name=name)
    for n in range(members):
        Seat.objects.create(body=body, commission=item, user=user(), kind="civil",
                            name=f"Мүчө {n + 1} ң")  # fmt: skip
    return item


def call(body, *, state=CallState.OPEN, ceiling="500000", opens=-5, deadline=10, criteria=(
        ("Актуалдуулук", 3), ("Бюджет", 2)), **fields):  # fmt: skip
    now = timezone.now()
    fields.setdefault("title_ky", f"Карыларга кызмат {HOSTILE}")
    fields.setdefault("title_ru", "Услуги пожилым на дому")
    item = Call.objects.create(
        body=body, programme=fields.pop("programme", None) or programme(body),
        commission=fields.pop("commission", None) or commission(body),
        ceiling=Decimal(ceiling), opens_at=now + datetime.timedelta(days=opens),
        deadline=now + datetime.timedelta(days=deadline), state=state, **fields,
    )  # fmt: skip
    for order, (title, weight) in enumerate(criteria):
        Criterion.objects.create(call=item, title_ky=f"{title} {HOSTILE}",
                                 weight=Decimal(weight), max_score=10, order=order)  # fmt: skip
    return item


def ngo(body, *, name=None, confirmed=True) -> NgoMember:
    n = next(_n)
    organisation = Organisation.objects.create(
        body=body, name=name or f"БӨУ «Мээрим» {n} {HOSTILE}", registration_number=f"REG-{n}",
        address="Токмок ш.", head="А. Асанова", email=f"ngo{n}@example.org",
        founding_document=pdf(),
        state=OrganisationState.CONFIRMED if confirmed else OrganisationState.PENDING,
    )  # fmt: skip
    return NgoMember.objects.create(body=body, organisation=organisation, user=user())


def application(member, item, *, lines=(("Кызматкерлердин айлыгы", "200000"),), submit=False):
    draft = services.start_application(member=member, call=item, title=f"Долбоор {HOSTILE}")
    services.save_draft(
        application=draft, fields={"problem": "Карылар жалгыз", "beneficiaries_count": 40},
        lines=[services.LineIn(item=i, amount=Decimal(a)) for i, a in lines],
    )  # fmt: skip
    if submit:
        return services.submit_application(application=draft)
    return draft


def social_order_world(body, marker: str, word: str) -> dict:
    """One of every object of the social order in `body`, each marked (the isolation walk)."""
    import datetime as dt

    from achyk.social_order.models import (
        Acceptance,
        Application,
        Attachment,
        BudgetLine,
        Contract,
        Declaration,
        MonitoringReport,
        Report,
        ReportAttachment,
        Score,
        Tranche,
    )

    secret = f"СЕКРЕТ-{marker} {marker} {word}"
    o = {}
    o["social_programme"] = programme(body)
    o["social_programme"].title_ky = secret
    o["social_programme"].save()
    o["social_commission"] = commission(body, members=1)
    o["social_commission"].name = secret
    o["social_commission"].save()
    o["social_seat"] = o["social_commission"].seats.get()
    o["social_call"] = call(body, programme=o["social_programme"],
                            commission=o["social_commission"], state="review")  # fmt: skip
    o["social_call"].title_ky = secret
    o["social_call"].save()
    o["social_criterion"] = o["social_call"].criteria.first()
    member = ngo(body, name=secret)
    o["social_organisation"], o["social_ngo_member"] = member.organisation, member
    draft = Application.objects.create(
        body=body, call=o["social_call"], organisation=member.organisation, title=f"{secret} draft"
    )
    o["social_draft"] = draft
    app = Application.objects.create(
        body=body, call=o["social_call"], organisation=ngo(body).organisation, title=secret,
        state="submitted", number=f"{marker}-1", is_winner=True,
        submitted_at=timezone.now(),
    )  # fmt: skip
    o["social_application"] = app
    o["social_line"] = BudgetLine.objects.create(
        body=body, application=app, item=secret, amount=100
    )
    o["social_attachment"] = Attachment.objects.create(
        body=body, application=app, title=secret, file=pdf(f"{marker.lower()}.pdf")
    )
    o["social_declaration"] = Declaration.objects.create(
        body=body, seat=o["social_seat"], application=app, conflicted=False
    )
    o["social_score"] = Score.objects.create(
        body=body, seat=o["social_seat"], application=app, criterion=o["social_criterion"],
        declaration=o["social_declaration"], value=5, comment=secret,
    )  # fmt: skip
    day = dt.date(2026, 3, 1)
    contract = Contract.objects.create(body=body, application=app, number=secret, signed_on=day,
                                       amount=100, starts_on=day, ends_on=day)  # fmt: skip
    o["social_contract"] = contract
    paid = Tranche.objects.create(body=body, contract=contract, number=1, amount=100,
                                  due_on=day, report_expected=secret)  # fmt: skip
    report = Report.objects.create(body=body, tranche=paid, narrative=secret,
                                   state="accepted", submitted_at=timezone.now())  # fmt: skip
    acceptance = Acceptance.objects.create(body=body, report=report)
    Tranche.objects.filter(pk=paid.pk).update(
        state="paid", acceptance=acceptance, paid_on=day, paid_amount=100, payment_document=secret
    )
    o["social_paid_tranche"], o["social_report"], o["social_acceptance"] = paid, report, acceptance
    o["social_tranche"] = Tranche.objects.create(
        body=body, contract=contract, number=2, amount=100, due_on=day, report_expected=secret
    )
    o["social_report_attachment"] = ReportAttachment.objects.create(
        body=body, report=report, title=secret, file=pdf(f"{marker.lower()}-r.pdf")
    )
    o["social_monitoring"] = MonitoringReport.objects.create(
        body=body, contract=contract, visited_on=day, members=secret, checked=secret,
        findings=secret, rating=4,
    )  # fmt: skip
    # Objects nothing of the body refers to: what the walk posts into the forms' choices.
    o["social_programme_free"] = programme(body, year=2031)
    o["social_commission_free"] = Commission.objects.create(body=body, name=f"{marker} free")
    free = Application.objects.create(
        body=body, call=o["social_call"], organisation=ngo(body).organisation,
        title=f"{marker} free", state="submitted", number=f"{marker}-2", is_winner=True,
    )  # fmt: skip
    o["social_application_free"] = free
    o["social_contract_free"] = Contract.objects.create(
        body=body, application=Application.objects.create(
            body=body, call=o["social_call"], organisation=ngo(body).organisation,
            title=f"{marker} free 2", state="submitted", number=f"{marker}-3", is_winner=True,
        ), number=f"{marker} free", signed_on=day, amount=400000, starts_on=day, ends_on=day,
    )  # fmt: skip
    return o
