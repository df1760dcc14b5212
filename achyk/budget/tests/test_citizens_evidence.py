"""Citizens' Budgets and hearings as evidence of publication for the transparency monitor."""

import datetime

import pytest
from django.utils import timezone

from achyk.bodies import evidence
from achyk.budget.tests.factories import small_budget
from achyk.budget.tests.factories_citizens import citizens_budget, hearing

pytestmark = pytest.mark.django_db


def test_kinds_are_registered():
    assert {"budget:citizens", "budget:hearing"} <= set(evidence.kinds())


def test_a_citizens_budget_counts_per_language_written(body_a, body_b):
    small_budget(body_a, year=2026)
    citizens_budget(body_a, **{f"{s}_ru": "" for s in
                               ("contacts", "general", "priorities", "execution", "draft",
                                "approved", "investments")})  # fmt: skip
    citizens_budget(body_a, year=2030)  # no figures for 2030
    citizens_budget(body_b, published=False)
    items = list(evidence.collect(keys={"budget:citizens"}, body_ids=[body_a.pk, body_b.pk]))
    found = {(item.period, item.language, item.missing) for item in items}
    assert found == {("2026", "ky", ()), ("2030", "ky", ("figures",)), ("2030", "ru", ("figures",))}
    assert all(item.body_id == body_a.pk for item in items)
    assert any(item.url == "/burana/ky/budget/2026/citizens/approved/" for item in items)


def test_a_past_hearing_without_minutes_is_partial(body_a):
    past = hearing(body_a, year=2026)
    past.starts_at = timezone.now() - datetime.timedelta(days=3)
    past.save()
    hearing(body_a, year=2027, minutes_ky="Протокол")
    items = list(evidence.collect(keys={"budget:hearing"}, body_ids=[body_a.pk]))
    by_period = {(item.period, item.language): item for item in items}
    assert set(by_period) == {("2026", "ky"), ("2026", "ru"), ("2027", "ky"), ("2027", "ru")}
    assert by_period[("2026", "ky")].missing == ("minutes",)
    assert by_period[("2027", "ru")].missing == ()
    assert by_period[("2026", "ru")].event_date == timezone.localtime(past.starts_at).date()


def test_the_monitor_sends_staff_to_the_forms_that_add_the_evidence(body_a):
    assert evidence.editor_url(key="budget:citizens", body=body_a) == "/admin/citizens-budgets/new/"
    assert evidence.editor_url(key="budget:hearing", body=body_a) == "/admin/budget-hearings/new/"
    assert evidence.editor_url(key="budget:approved", body=body_a) == "/admin/budget/import/"
