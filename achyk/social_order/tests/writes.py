"""The social order's writes for the evidence contract
(achyk/transparency/tests/test_evidence_contract.py): each through the app's own service."""

import datetime
from decimal import Decimal

from django.utils import timezone

from achyk.social_order import services
from achyk.social_order.models import CallState

from . import factories as f


def publish_programme(body, _prepared=None):
    return f.programme(body, year=2027)


def draft_call(body):
    return f.call(body, state=CallState.DRAFT)


def open_call(body, call):
    return services.advance_call(call=call, to=CallState.OPEN)


def call_under_review(body):
    call = f.call(body)
    applications = [f.application(f.ngo(body), call, submit=True) for _ in range(2)]
    type(call).objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=9),
        deadline=timezone.now() - datetime.timedelta(minutes=1), state=CallState.REVIEW,
    )  # fmt: skip
    call.refresh_from_db()
    return call, applications


def decide(body, prepared):
    call, applications = prepared
    return services.decide_call(call=call, winners=applications[:1])


def winner(body):
    call, applications = call_under_review(body)
    decide(body, (call, applications))
    applications[0].refresh_from_db()
    return applications[0]


def sign(body, application):
    day = datetime.date(2026, 3, 1)
    return services.sign_contract(
        application=application, number="МСТ-1", signed_on=day, amount=Decimal("100000"),
        starts_on=day, ends_on=day, tranches=[services.TrancheIn(Decimal("100000"), day, "Q1")],
    )  # fmt: skip


def submitted_report(body):
    tranche = sign(body, winner(body)).tranches.get()
    return services.submit_report(tranche=tranche, narrative="Иш аткарылды", spent={})


def accept(body, report):
    return services.accept_report(report=report, by=None)


def filed_monitoring_report(body):
    """A draft of the monitoring group's report on a signed (published) project."""
    from achyk.social_order.monitoring import services as monitoring

    member = f.jmeg_member(body)
    report = monitoring.file_report(
        member=member, contract=sign(body, winner(body)), visited_on=datetime.date(2026, 4, 2),
        members="Айгүл", checked="Журнал", feedback="", findings="Дарылар кечигет", rating=4,
    )  # fmt: skip
    return member, report


def publish_monitoring_report(body, prepared):
    from achyk.social_order.monitoring import services as monitoring

    member, report = prepared
    return monitoring.publish_report(member=member, report=report)
