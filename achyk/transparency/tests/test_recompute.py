import datetime
from decimal import Decimal

import pytest
import time_machine

from achyk.transparency import selectors, services
from achyk.transparency.models import BodySummary, Rule, Score, Status

from . import factories

BISHKEK = datetime.timezone(datetime.timedelta(hours=6))


@pytest.fixture(autouse=True)
def _own_register(empty_register):
    pass


@pytest.fixture
def provider(monkeypatch):
    return factories.hand_provider(monkeypatch)


def scores_of(body):
    return {(s.duty.code, s.language): s for s in selectors.scores_for_body(body)}


@time_machine.travel(datetime.datetime(2026, 6, 10, 12, tzinfo=BISHKEK), tick=False)
def test_publishing_in_both_languages_makes_the_duty_fresh(body_a, body_b, provider):
    factories.duty(code="news", rule=Rule.EVERY_N_DAYS, rule_days=30)
    services.recompute()
    assert scores_of(body_a)[("news", "ky")].status == Status.MISSING
    assert selectors.summary_for(body_a).fill == Decimal("0.00")

    provider.add(body_a, language="ky", at=datetime.datetime(2026, 6, 1, tzinfo=BISHKEK))
    services.recompute(body_ids=[body_a.pk])
    scores = scores_of(body_a)
    assert scores[("news", "ky")].status == Status.FRESH
    assert scores[("news", "ky")].due_on == datetime.date(2026, 7, 1)
    assert scores[("news", "ru")].status == Status.MISSING
    summary = selectors.summary_for(body_a)
    assert (summary.fill, summary.relevance) == (Decimal("50.00"), Decimal("50.00"))
    assert summary.language_scores == {"ky": Decimal("100.00"), "ru": Decimal("0.00")}

    provider.add(body_a, language="ru", at=datetime.datetime(2026, 6, 2, tzinfo=BISHKEK))
    services.recompute(body_ids=[body_a.pk])
    summary = selectors.summary_for(body_a)
    assert (summary.fill, summary.relevance, summary.index) == (
        Decimal("100.00"), Decimal("100.00"), Decimal("100.00")
    )  # fmt: skip
    # The other body published nothing and keeps its own figures.
    assert selectors.summary_for(body_b).fill == Decimal("0.00")


def test_time_passing_makes_news_stale(body_a, provider):
    factories.duty(code="news", rule=Rule.EVERY_N_DAYS, rule_days=30)
    for language in ("ky", "ru"):
        provider.add(body_a, language=language, at=datetime.datetime(2026, 6, 1, tzinfo=BISHKEK))
    with time_machine.travel(datetime.datetime(2026, 7, 1, 23, 59, tzinfo=BISHKEK), tick=False):
        services.recompute()
        assert scores_of(body_a)[("news", "ky")].status == Status.FRESH
    with time_machine.travel(datetime.datetime(2026, 7, 2, 0, 1, tzinfo=BISHKEK), tick=False):
        services.recompute()
        assert scores_of(body_a)[("news", "ky")].status == Status.STALE
        summary = selectors.summary_for(body_a)
        assert (summary.fill, summary.relevance) == (Decimal("100.00"), Decimal("0.00"))


def test_methodology_page_lists_the_register_in_force(client, platform, db):
    factories.duty(code="budget-approved", title_ru="Утверждённый бюджет <b>")
    response = client.get("/ru/transparency/methodology/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Утверждённый бюджет &lt;b&gt;" in html
    assert "budget-approved" in html


def test_recompute_reads_a_fixed_number_of_queries(
    body_a, body_b, provider, django_assert_max_num_queries
):
    factories.duty(code="news", rule=Rule.EVERY_N_DAYS, rule_days=30)
    factories.duty(code="acts", keys="test:act", rule=Rule.AFTER_EVENT, rule_days=3)
    provider.add(body_a, language="ky")
    with django_assert_max_num_queries(12):
        services.recompute()
    assert Score.objects.count() == 8
    assert BodySummary.objects.count() == 2
