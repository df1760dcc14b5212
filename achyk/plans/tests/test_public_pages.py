"""The public pages of plans: a resident finds the plan from the body's home, reads goals,
actions with costs, indicators, the working group, the act and the group's assessments; the
plan page's query count does not grow with its actions; drafts and other bodies stay hidden."""

import datetime
import re

import pytest

from achyk.documents.tests import factories as docs
from achyk.plans import services
from achyk.plans.models import Status

from . import factories

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(NBSP, " ")


def test_the_body_s_pages_link_to_its_plans(client, body_a):
    plan = factories.full_plan(body_a)
    home = client.get("/burana/ru/").content.decode()
    assert 'href="/burana/ru/plans/"' in home
    index = client.get("/burana/ru/plans/").content.decode()
    assert f'href="/burana/ru/plans/{plan.pk}/"' in index


def test_the_plan_page_shows_the_tree_costs_indicators_group_act_and_assessments(client, body_a):
    act = docs.act(body_a, title="Айылдык кеңештин токтому", number="12-3")
    plan = factories.full_plan(body_a, approved_by=act, approved_on=datetime.date(2024, 12, 20))
    action = plan.actions.first()
    member = factories.jmeg_member(body_a)
    services.assess_action(
        member=member, action=action, status=Status.DONE, rating=4, comment="Көрдүк"
    )
    response = client.get(f"/burana/ru/plans/{plan.pk}/")
    assert response.status_code == 200
    html, text = response.content.decode(), text_of(response)
    assert "<script>alert" not in html  # hostile titles are escaped
    assert "Мероприятие 1.1.1" in text and "Цель 1" in text
    assert "12-3" in text  # the approving act
    assert f'id="action-{action.pk}"' in html
    balance = re.search(r'<p id="gender-balance">(.*?)</p>', html).group(1)
    assert re.findall(r"\d+", balance) == ["2", "2", "50"]
    assert html.count('<figure class="chart') >= 3  # financing by source and year, indicator
    assert 'id="disagreements"' in html  # the group says done, the body says not started


def test_an_action_page_shows_costs_and_both_voices(client, body_a):
    plan = factories.full_plan(body_a, actions=1)
    action = plan.actions.get()
    services.record_progress(
        action=action,
        reported_on=datetime.date(2025, 5, 1),
        status=Status.IN_PROGRESS,
        progress=30,
        text="Иш башталды",
        language="ru",
    )
    member = factories.jmeg_member(body_a)
    services.assess_action(
        member=member, action=action, status=Status.PLANNED, rating=2, comment="Иш башталган эмес"
    )
    text = text_of(client.get(f"/burana/ru/plans/actions/{action.pk}/"))
    assert "Иш башталды" in text and "Иш башталган эмес" in text
    assert "1 000,50" in text or "1000,50" in text


def test_drafts_and_other_bodies_plans_are_not_found(client, body_a, body_b):
    draft = factories.plan(body_a, published=False)
    other = factories.full_plan(body_b, actions=1)
    assert client.get(f"/burana/ru/plans/{draft.pk}/").status_code == 404
    assert client.get(f"/burana/ru/plans/{other.pk}/").status_code == 404
    action = other.actions.get()
    assert client.get(f"/burana/ru/plans/actions/{action.pk}/").status_code == 404


def _plan_with(body, count):
    plan = factories.plan(body)
    goals = [factories.goal(plan, number) for number in (1, 2, 3)]
    objectives = [factories.objective(goal) for goal in goals]
    for index in range(count):
        factories.action(
            objectives[index % 3], code=f"a{index}", costs=[("local", 2025, "10", "5")]
        )
    factories.indicator(plan)
    factories.members(plan)
    return plan


def test_the_plan_page_s_query_count_is_fixed_however_many_actions(
    client, body_a, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    small, large = _plan_with(body_a, 3), _plan_with(body_a, 60)
    client.get(f"/burana/ru/plans/{small.pk}/")  # warm the site's caches
    with django_assert_max_num_queries(22) as small_run:
        assert client.get(f"/burana/ru/plans/{small.pk}/").status_code == 200
    with django_assert_max_num_queries(22) as large_run:
        assert client.get(f"/burana/ru/plans/{large.pk}/").status_code == 200
    assert len(large_run.captured_queries) == len(small_run.captured_queries)


def test_the_list_of_plans_query_count_is_pinned(
    client, body_a, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    for _ in range(4):
        factories.full_plan(body_a, actions=2)
    client.get("/burana/ru/plans/")
    with django_assert_max_num_queries(12):
        assert client.get("/burana/ru/plans/").status_code == 200
