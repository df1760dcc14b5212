"""The plan page of a plan of 300 actions (each with two cost lines, an update and an
assessment for every third): its queries equal a three-action plan's, and its render time is
printed (run with -s), never asserted: figures belong in docs/benchmarks.md.

    .venv/bin/python -m pytest bench/test_plans.py -n 0 -s
"""

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from achyk.plans import services
from achyk.plans.tests import factories

ACTIONS = 300


def _plan(body, count):
    plan = factories.plan(body)
    goals = [factories.goal(plan, number) for number in range(1, 6)]
    objectives = [factories.objective(goal, n) for goal in goals for n in (1, 2, 3)]
    member = factories.jmeg_member(body, username=f"bench-{count}")
    for index in range(count):
        action = factories.action(
            objectives[index % len(objectives)], code=f"{index}",
            costs=[("local", 2025 + index % 5, "1000", "900"), ("donor", 2026, "5000", None)],
        )  # fmt: skip
        if index % 3 == 0:
            services.assess_action(member=member, action=action, status="done", rating=4,
                                   comment="Көрдүк")  # fmt: skip
    for _ in range(3):
        factories.indicator(plan)
    factories.members(plan, women=9, men=10)
    return plan


@pytest.mark.django_db
def test_the_plan_page_of_300_actions(client, body_a, settings):
    settings.CACHE_PAGE_SECONDS = 0  # count and time renders, not cached copies
    small, large = _plan(body_a, 3), _plan(body_a, ACTIONS)
    client.get(f"/burana/ru/plans/{small.pk}/")
    counts, times = {}, []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/burana/ru/plans/{plan.pk}/").status_code == 200
        counts[plan.pk] = len(queries)
    for _ in range(5):
        start = time.perf_counter()
        response = client.get(f"/burana/ru/plans/{large.pk}/")
        times.append(time.perf_counter() - start)
    assert counts[small.pk] == counts[large.pk]
    print(
        f"\nplan page, {ACTIONS} actions: {counts[large.pk]} queries (3 actions: "
        f"{counts[small.pk]}), median {statistics.median(times) * 1000:.0f} ms over 5 renders, "
        f"{len(response.content) / 1024:.0f} KiB of HTML"
    )
