"""Scores follow what editors publish and what time does, with the real register and the
evidence of pages and acts (frozen clock throughout)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from achyk.bodies.tests import factories as body_factories
from achyk.content.tests import factories as pages
from achyk.documents.tests import factories as docs
from achyk.transparency import selectors, services
from achyk.transparency.models import Snapshot, Status

#: These tests read the register seeded by the migrations.
SEEDED_REGISTER = True
#: Their bodies are built under the frozen clock (`clock`), not shared with other tests.
pytestmark = pytest.mark.own_platform
BISHKEK = datetime.timezone(datetime.timedelta(hours=6))
MONDAY = datetime.datetime(2026, 6, 8, 10, tzinfo=BISHKEK)
PDF = b"%PDF-1.4\n% Achyk test\n%%EOF\n"


def status(body, code, language):
    return selectors.score_for(body, code=code, language=language).status


@pytest.fixture
def clock(db):
    """Frozen before any body is made, so that their sites are built "in the past" too."""
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def test_news_published_by_an_editor_refreshes_the_score_until_it_grows_stale(
    clock, body_a, body_b, django_capture_on_commit_callbacks
):
    services.recompute()
    assert status(body_a, "news", "ky") == Status.MISSING
    before = selectors.summary_for(body_a).fill

    with django_capture_on_commit_callbacks(execute=True):
        item = pages.news(body_a, "ky", title="Суу түтүгү оңдолду")
    assert status(body_a, "news", "ky") == Status.FRESH
    assert status(body_a, "news", "ru") == Status.MISSING
    score = selectors.score_for(body_a, code="news", language="ky")
    assert score.due_on == datetime.date(2026, 7, 9)
    assert score.evidence[0]["title"] == "Суу түтүгү оңдолду"
    assert score.evidence[0]["url"].startswith("/burana/ky/news/")
    assert selectors.summary_for(body_a).fill > before

    with django_capture_on_commit_callbacks(execute=True):
        pages.translate(item, "ru", title="Водопровод отремонтирован")
    assert status(body_a, "news", "ru") == Status.FRESH
    assert status(body_b, "news", "ky") == Status.MISSING  # the other body is untouched

    clock.move_to(datetime.datetime(2026, 7, 9, 23, 50, tzinfo=BISHKEK))
    call_command("compute_transparency", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert status(body_a, "news", "ky") == Status.FRESH
    clock.move_to(datetime.datetime(2026, 7, 10, 0, 10, tzinfo=BISHKEK))
    call_command("compute_transparency", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert status(body_a, "news", "ky") == Status.STALE


def test_unpublishing_takes_the_evidence_away(clock, body_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = pages.news(body_a, "ky")
    assert status(body_a, "news", "ky") == Status.FRESH
    with django_capture_on_commit_callbacks(execute=True):
        item.unpublish()
    assert status(body_a, "news", "ky") == Status.MISSING


def test_an_act_without_number_and_in_one_language_is_partial(
    clock, body_a, django_capture_on_commit_callbacks
):
    adopted = datetime.date(2026, 6, 4)  # Thursday: three working days run to Tuesday 9 June
    with django_capture_on_commit_callbacks(execute=True):
        act = docs.act(body_a, adopted_on=adopted, signatory="А. Үсөнов")
        docs.version(act, "ky", "act.pdf", PDF)
    score = selectors.score_for(body_a, code="council-acts", language="ky")
    assert (score.status, score.missing) == (Status.PARTIAL, "number")
    assert status(body_a, "council-acts", "ru") == Status.MISSING
    state = next(s for s in selectors.duty_states(body_a) if s.duty.code == "council-acts")
    assert state.status == Status.PARTIAL

    with django_capture_on_commit_callbacks(execute=True):
        act.number = "12/3"
        act.save()
        docs.version(act, "ru", "act-ru.pdf", PDF)
    assert status(body_a, "council-acts", "ky") == Status.FRESH
    assert status(body_a, "council-acts", "ru") == Status.FRESH
    evidence = selectors.score_for(body_a, code="council-acts", language="ru").evidence
    assert evidence[0]["event_date"] == "2026-06-04"
    assert f"/acts/{act.pk}-" in evidence[0]["url"]


def test_an_act_published_after_three_working_days_is_stale(clock, body_a):
    act = docs.act(body_a, adopted_on=datetime.date(2026, 6, 2), number="1", signatory="Б")
    docs.version(act, "ky", "act.pdf", PDF)  # published Monday 8 June: deadline was Friday 5
    services.recompute(body_ids=[body_a.pk])
    score = selectors.score_for(body_a, code="council-acts", language="ky")
    assert (score.status, score.meets_rule) == (Status.STALE, False)


def test_a_leadership_page_without_people_is_partial(clock, body_a):
    services.recompute(body_ids=[body_a.pk])
    score = selectors.score_for(body_a, code="leadership", language="ky")
    assert (score.status, score.missing) == (Status.PARTIAL, "people")
    pages.leadership(body_a, "ky")
    services.recompute(body_ids=[body_a.pk])
    assert status(body_a, "leadership", "ky") == Status.FRESH


def test_the_council_page_is_evidence_of_the_council_duty_once_it_lists_deputies(
    clock, body_a, body_b
):
    from achyk.content import models as content

    services.recompute(body_ids=[body_a.pk, body_b.pk])
    score = selectors.score_for(body_a, code="council", language="ky")
    assert (score.status, score.missing) == (Status.PARTIAL, "people")
    page = pages.section(body_a, "ky", content.CouncilPage)
    page.deputies.add(content.Deputy(name="Бакыт Жумабеков"))
    page.save()
    pages.publish(page)
    services.recompute(body_ids=[body_a.pk, body_b.pk])
    assert status(body_a, "council", "ky") == Status.FRESH
    assert status(body_a, "council", "ru") == Status.PARTIAL
    assert status(body_b, "council", "ky") == Status.PARTIAL


def test_a_page_that_says_which_duty_it_covers_is_its_evidence(clock, body_a):
    pages.standard(body_a, "ky", title="Айыл аймактын паспорту", section="about")
    services.recompute(body_ids=[body_a.pk])
    assert status(body_a, "about", "ky") == Status.FRESH
    assert status(body_a, "structure", "ky") == Status.MISSING


def test_confirming_a_page_is_still_current_makes_it_fresh_again(body_a, editor_a):
    with time_machine.travel(datetime.datetime(2024, 5, 1, tzinfo=BISHKEK), tick=False):
        pages.standard(body_a, "ky", title="Түзүмү", section="structure")
        pages.standard(body_a, "ru", title="Структура", section="structure")
    with time_machine.travel(MONDAY, tick=False):
        services.recompute(body_ids=[body_a.pk])
        assert status(body_a, "structure", "ky") == Status.STALE
        duty = selectors.current_duty(country="KG", code="structure")
        services.confirm_duty(body=body_a, duty=duty, by=editor_a)
        assert status(body_a, "structure", "ky") == Status.FRESH
        assert status(body_a, "structure", "ru") == Status.FRESH
        assert selectors.score_for(body_a, code="structure", language="ky").due_on == (
            datetime.date(2027, 6, 8)
        )
        assert selectors.confirmations(body_a, code="structure").get().confirmed_by == editor_a


def test_budget_duties_read_missing_until_a_budget_module_shows_evidence(clock, body_a):
    services.recompute(body_ids=[body_a.pk])
    for code in ("budget-draft", "budget-approved", "citizens-budget", "budget-hearings"):
        assert status(body_a, code, "ky") == Status.MISSING


def test_snapshots_keep_each_month_and_rewrite_only_the_current_one(clock, body_a, body_b):
    services.recompute()
    services.take_snapshots()
    pages.news(body_a, "ky")
    pages.news(body_a, "ru")
    services.recompute()
    services.take_snapshots()
    june = Snapshot.objects.get(body=body_a, month=datetime.date(2026, 6, 1))
    assert june.fill == selectors.summary_for(body_a).fill
    clock.move_to(datetime.datetime(2026, 7, 1, 0, 30, tzinfo=BISHKEK))
    services.recompute()
    services.take_snapshots()
    assert [s.month.month for s in selectors.snapshots_for(body_a)] == [6, 7]
    assert Snapshot.objects.get(pk=june.pk).fill == june.fill
    assert Snapshot.objects.count() == 4


def _reads_of_recompute() -> int:
    """Queries that read: writes go in batches of rows (SQLite takes 999 parameters)."""
    with CaptureQueriesContext(connection) as queries:
        services.recompute()
    return sum(1 for query in queries.captured_queries if query["sql"].startswith("SELECT"))


def test_recompute_reads_the_same_number_of_queries_for_more_bodies(clock, body_a, body_b):
    for body in (body_a, body_b):
        pages.news(body, "ky")
        docs.version(docs.act(body, number="1"), "ky", "a.pdf", PDF)
    few = _reads_of_recompute()
    for _n in range(3):
        body = body_factories.body()
        pages.news(body, "ru")
        pages.standard(body, "ky", section="about")
        docs.version(docs.act(body, number="2"), "ru", "b.pdf", PDF)
    assert _reads_of_recompute() == few
    assert few < 40
    assert selectors.summaries().count() == 5
    assert all(s.index > Decimal(0) for s in selectors.summaries())
