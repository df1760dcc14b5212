"""The monitor reads the social order: the duty "social-order" names its evidence (a new
version of the duty, migration 0002), and a decided call without its act is partial."""

import datetime

import pytest
from django.utils import timezone

from achyk.social_order import evidence, services
from achyk.social_order.models import CallState
from achyk.transparency.models import Duty

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_duty_in_force_reads_the_social_order_s_evidence():
    duty = Duty.objects.in_force().get(code="social-order", country="KG")
    assert {"social-order:call", "social-order:contract"} <= set(duty.evidence_keys.split(","))
    assert Duty.objects.filter(code="social-order", country="KG").count() == 2  # history kept


def test_a_decided_call_without_its_act_is_partial_evidence(body_a, body_b):
    call = f.call(body_a)
    application = f.application(f.ngo(body_a), call, submit=True)
    f.call(body_b, state=CallState.DRAFT)  # a draft is no evidence
    type(call).objects.filter(pk=call.pk).update(
        state="review", deadline=timezone.now() - datetime.timedelta(minutes=1),
        opens_at=timezone.now() - datetime.timedelta(days=3),
    )  # fmt: skip
    services.decide_call(call=call, winners=[application])
    items = list(evidence.PROVIDER.collect(keys={evidence.CALL, evidence.RESULTS}, body_ids=None))
    assert {(i.body_id, i.key, i.missing) for i in items} == {
        (body_a.pk, evidence.CALL, ()),
        (body_a.pk, evidence.RESULTS, ("act",)),
    }


def test_the_group_s_published_report_on_a_project_is_evidence_of_the_jmeg_duty(body_a, body_b):
    from achyk.social_order.monitoring import services as monitoring
    from achyk.social_order.tests.test_public import _decided_with_contract

    duty = Duty.objects.in_force().get(code="jmeg", country="KG")
    assert {"plan:monitoring", evidence.MONITORING} <= set(duty.evidence_keys.split(","))

    _, contract = _decided_with_contract(body_a)
    member = f.jmeg_member(body_a)
    report = monitoring.file_report(
        member=member, contract=contract, visited_on=datetime.date(2026, 4, 2),
        members="Айгүл", checked="Журнал", feedback="", findings="Дарылар кечигет", rating=4,
    )  # fmt: skip
    _, other = _decided_with_contract(body_b)
    other_member = f.jmeg_member(body_b)
    on_other = monitoring.file_report(
        member=other_member, contract=other, visited_on=datetime.date(2026, 4, 3),
        members="Бакыт", checked="Журнал", feedback="", findings="Баары жакшы", rating=5,
    )  # fmt: skip
    assert list(evidence.PROVIDER.collect(keys={evidence.MONITORING}, body_ids=None)) == []

    monitoring.publish_report(member=member, report=report)  # a draft until the group approves
    monitoring.publish_report(member=other_member, report=on_other)
    type(other).objects.filter(pk=other.pk).update(is_published=False)  # its project withdrawn
    items = list(evidence.PROVIDER.collect(keys={evidence.MONITORING}, body_ids=None))
    assert [(i.body_id, i.event_date, i.period) for i in items] == [
        (body_a.pk, datetime.date(2026, 4, 2), "2026")
    ]
    assert items[0].url.endswith(f"/social-order/contracts/{contract.pk}/#monitoring-{report.pk}")
    assert list(evidence.PROVIDER.collect(keys={evidence.MONITORING}, body_ids=[body_b.pk])) == []
