"""The rules of the social order, each tried with what it must refuse: late and double
submissions, amounts above the ceiling, scores out of range, a conflicted member scoring and
a tranche paid early (refused by the database too)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from achyk.social_order import selectors, services
from achyk.social_order.models import (
    Application,
    ApplicationState,
    CallState,
    Tranche,
    TrancheState,
)
from achyk.social_order.services import Refused

from . import factories as f

pytestmark = pytest.mark.django_db


def _codes(error):
    return {e.code for e in error.value.error_list}


def test_submission_gets_a_number_and_an_acknowledgement_by_email(body_a):
    call = f.call(body_a)
    draft = f.application(f.ngo(body_a), call)
    submitted = services.submit_application(application=draft)
    assert submitted.state == ApplicationState.SUBMITTED
    assert submitted.number == f"2026-{call.pk}-001"


def test_acknowledgement_is_sent_after_commit(body_a, django_capture_on_commit_callbacks):
    call = f.call(body_a)
    member = f.ngo(body_a)
    draft = f.application(member, call)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application=draft)
    assert len(mail.outbox) == 1
    draft.refresh_from_db()
    assert draft.number in mail.outbox[0].subject
    assert member.organisation.email in mail.outbox[0].to


def test_late_submission_is_refused_and_the_draft_kept(body_a):
    call = f.call(body_a)
    draft = f.application(f.ngo(body_a), call)
    with pytest.raises(Refused) as error:
        services.submit_application(application=draft, at=call.deadline)
    assert "late" in _codes(error)
    draft.refresh_from_db()
    assert draft.state == ApplicationState.DRAFT and draft.lines.count() == 1


def test_second_submission_is_refused(body_a):
    call = f.call(body_a)
    member = f.ngo(body_a)
    first = f.application(member, call, submit=True)
    with pytest.raises(Refused) as error:
        services.submit_application(application=first)
    assert "twice" in _codes(error)
    second = f.application(member, call)
    with pytest.raises(Refused) as error:
        services.submit_application(application=second)
    assert "twice" in _codes(error)


def test_database_refuses_two_submitted_applications_of_one_ngo(body_a):
    call = f.call(body_a)
    member = f.ngo(body_a)
    f.application(member, call, submit=True)
    second = f.application(member, call)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=second.pk).update(state="submitted", number="x-1")


def test_budget_above_the_ceiling_is_refused_and_the_text_kept(body_a):
    call = f.call(body_a, ceiling="100000")
    member = f.ngo(body_a)
    with pytest.raises(Refused) as error:
        f.application(member, call, lines=(("Айлык", "90000"), ("Азык", "20000")))
    assert "ceiling" in _codes(error)
    draft = Application.objects.get(organisation=member.organisation)
    assert draft.problem == "Карылар жалгыз" and draft.lines.count() == 2
    with pytest.raises(Refused):
        services.submit_application(application=draft)


def test_unconfirmed_ngo_cannot_apply(body_a):
    with pytest.raises(Refused):
        f.application(f.ngo(body_a, confirmed=False), f.call(body_a))


def test_withdrawal_before_the_deadline_only(body_a):
    call = f.call(body_a)
    submitted = f.application(f.ngo(body_a), call, submit=True)
    with pytest.raises(Refused):
        services.withdraw_application(application=submitted, at=call.deadline)
    services.withdraw_application(application=submitted)
    assert submitted.state == ApplicationState.WITHDRAWN


def _closed_call_with_applications(body, count=2):
    call = f.call(body)
    applications = [f.application(f.ngo(body), call, submit=True) for _ in range(count)]
    type(call).objects.filter(pk=call.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1),
        opens_at=timezone.now() - datetime.timedelta(days=9), state=CallState.CLOSED,
    )  # fmt: skip
    call.refresh_from_db()
    return services.advance_call(call=call, to=CallState.REVIEW), applications


def _sheet(call, *values):
    return {c.pk: (v, "") for c, v in zip(call.criteria.all(), values, strict=True)}


def test_conflicted_member_cannot_score(body_a):
    call, (first, _second) = _closed_call_with_applications(body_a)
    seat = call.commission.seats.first()
    with pytest.raises(Refused):
        services.score(seat=seat, application=first, values=_sheet(call, 5, 5))
    services.declare(seat=seat, application=first, conflicted=True, note="Менин эжем")
    with pytest.raises(Refused) as error:
        services.score(seat=seat, application=first, values=_sheet(call, 5, 5))
    assert "conflicted" in _codes(error)
    assert not first.scores.exists()


def test_score_out_of_range_is_refused(body_a):
    call, (first, _second) = _closed_call_with_applications(body_a)
    seat = call.commission.seats.first()
    services.declare(seat=seat, application=first, conflicted=False)
    with pytest.raises(Refused) as error:
        services.score(seat=seat, application=first, values=_sheet(call, 11, 5))
    assert "range" in _codes(error)
    with pytest.raises(Refused):
        services.score(seat=seat, application=first, values=_sheet(call, -1, 5))


def test_weighted_mean_and_ranking(body_a):
    call, (first, second) = _closed_call_with_applications(body_a)
    one, two = call.commission.seats.all()
    for seat in (one, two):
        for application in (first, second):
            services.declare(seat=seat, application=application, conflicted=False)
    # weights 3 and 2, highest score 10: (10*3 + 5*2)/5*10 = 80; (6*3+6*2)/5*10 = 60
    services.score(seat=one, application=first, values=_sheet(call, 10, 5))
    services.score(seat=two, application=first, values=_sheet(call, 6, 6))
    services.score(seat=one, application=second, values=_sheet(call, 10, 10))
    rows = selectors.results(call)
    assert [(r.application.pk, r.total, r.rank) for r in rows] == [
        (second.pk, Decimal("100.00"), 1),
        (first.pk, Decimal("70.00"), 2),
    ]


def test_decision_marks_winners_and_tells_every_applicant(
    body_a, django_capture_on_commit_callbacks
):
    call, (first, second) = _closed_call_with_applications(body_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_call(call=call, winners=[first])
    assert call.state == CallState.DECIDED
    assert list(Application.objects.filter(is_winner=True)) == [first]
    assert len(mail.outbox) == 2


def _contract(body):
    call, (first, _second) = _closed_call_with_applications(body)
    services.decide_call(call=call, winners=[first])
    first.refresh_from_db()
    today = datetime.date(2026, 3, 1)
    return services.sign_contract(
        application=first, number="МСТ-1", signed_on=today, amount=Decimal("300000"),
        starts_on=today, ends_on=today + datetime.timedelta(days=270),
        tranches=[services.TrancheIn(Decimal("100000"), today),
                  services.TrancheIn(Decimal("200000"), today, is_final=True)],
    )  # fmt: skip


def test_tranches_must_add_up_to_the_contract(body_a):
    call, (first, _second) = _closed_call_with_applications(body_a)
    services.decide_call(call=call, winners=[first])
    first.refresh_from_db()
    day = datetime.date(2026, 3, 1)
    with pytest.raises(Refused):
        services.sign_contract(
            application=first, number="1", signed_on=day, amount=Decimal("300000"),
            starts_on=day, ends_on=day, tranches=[services.TrancheIn(Decimal("1"), day)],
        )  # fmt: skip


def test_tranche_is_paid_only_after_its_report_is_accepted(body_a, admin_a):
    contract = _contract(body_a)
    tranche = contract.tranches.get(number=1)
    line = contract.application.lines.first()
    day = datetime.date(2026, 4, 1)
    with pytest.raises(Refused) as error:
        services.pay_tranche(tranche=tranche, paid_on=day, amount=Decimal("100000"), document="1")
    assert "early" in _codes(error)
    report = services.submit_report(tranche=tranche, narrative="Иш", spent={line.pk: Decimal(1)})
    with pytest.raises(Refused):
        services.pay_tranche(tranche=tranche, paid_on=day, amount=Decimal("100000"), document="1")
    services.return_report(report=report, comment="Эсеп-фактура жок", by=admin_a)
    tranche.refresh_from_db()
    assert tranche.state == TrancheState.RETURNED
    second = services.submit_report(tranche=tranche, narrative="Иш 2", spent={line.pk: Decimal(2)})
    assert second.version == 2
    services.accept_report(report=second, by=admin_a)
    services.pay_tranche(tranche=tranche, paid_on=day, amount=Decimal("100000"), document="ПП-7")
    tranche.refresh_from_db()
    assert (tranche.state, tranche.paid_amount) == (TrancheState.PAID, Decimal("100000"))


def test_database_refuses_a_paid_tranche_without_an_accepted_report(body_a):
    tranche = _contract(body_a).tranches.get(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Tranche.objects.filter(pk=tranche.pk).update(
            state="paid", paid_on=datetime.date(2026, 4, 1), paid_amount=Decimal("1"),
            payment_document="ПП-1",
        )  # fmt: skip


def test_final_report_needs_the_sustainability_plan(body_a):
    tranche = _contract(body_a).tranches.get(number=2)
    with pytest.raises(Refused):
        services.submit_report(tranche=tranche, narrative="Бүттү", spent={})
    report = services.submit_report(
        tranche=tranche, narrative="Бүттү", spent={}, sustainability_plan="Айыл өкмөтү улантат"
    )
    assert report.version == 1


def test_report_attachment_is_checked_by_content(body_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    tranche = _contract(body_a).tranches.get(number=1)
    fake = SimpleUploadedFile("invoice.pdf", b"<html><script>x</script></html>")
    with pytest.raises(Exception) as error:
        services.submit_report(tranche=tranche, narrative="x", spent={},
                               attachments=[("Эсеп", fake)])  # fmt: skip
    assert getattr(error.value, "code", "") == "upload_refused"
    assert not tranche.reports.exists()
