"""A national supervisor sees every body's plans in one table (actions done, late and in all,
cancelled ones left out), from the Plans menu and the dashboard; a body's staff are refused
it, so they never see another body's figures."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model

from achyk.bodies.services import grant_supervisor_reading
from achyk.plans.models import Status

from . import factories

PAST, FUTURE = datetime.date(2025, 6, 1), datetime.date(2029, 6, 1)


def actions(body, statuses_and_ends):
    plan = factories.plan(body)
    target = factories.objective(factories.goal(plan))
    for index, (status, end) in enumerate(statuses_and_ends, start=1):
        factories.action(target, code=f"1.1.{index}", end=end, status=status)
    return plan


@pytest.fixture
def supervisor(db):
    user = get_user_model().objects.create_user("supervisor", password="x" * 12)
    user.groups.add(grant_supervisor_reading())
    return user


@pytest.fixture
def plans(body_a, body_b):
    actions(body_a, [
        (Status.DONE, PAST), (Status.PLANNED, PAST), (Status.IN_PROGRESS, FUTURE),
        (Status.CANCELLED, PAST),
    ])  # fmt: skip
    actions(body_a, [(Status.DELAYED, PAST)])
    actions(body_b, [(Status.DONE, PAST), (Status.DONE, FUTURE)])


def row_of(page: str, body) -> str:
    return page.split(f'id="body-{body.pk}"', 1)[1].split("</tr>", 1)[0]


def cells(row: str) -> list[str]:
    return [cell.split(">", 1)[1].split("<", 1)[0] for cell in row.split("<td")[1:]]


def test_the_supervisor_sees_every_body_s_done_late_and_total(
    client, supervisor, body_a, body_b, plans, django_assert_max_num_queries
):
    client.force_login(supervisor)
    client.get("/admin/plans/bodies/")  # warm the admin's caches
    with django_assert_max_num_queries(20):
        page = client.get("/admin/plans/bodies/").content.decode()
    a, b = row_of(page, body_a), row_of(page, body_b)
    # territory, plans, done (share), late, in all
    assert cells(a)[1:] == ["2", "1 (25\u00a0%)", "", "4"] and "<strong>2</strong>" in a
    assert cells(b)[1:] == ["1", "2 (100\u00a0%)", "0", "2"]
    assert page.index(f'id="body-{body_a.pk}"') < page.index(f'id="body-{body_b.pk}"')
    assert f'href="/{body_a.slug}/' in a and '/plans/"' in a


def test_the_query_count_does_not_grow_with_the_bodies(
    client, supervisor, body_a, body_b, plans, django_assert_max_num_queries
):
    from achyk.bodies.tests import factories as body_factories

    client.force_login(supervisor)
    client.get("/admin/plans/bodies/")
    with django_assert_max_num_queries(20) as few:
        client.get("/admin/plans/bodies/")
    for n in range(3):
        actions(body_factories.body(slug=f"more{n}"), [(Status.PLANNED, PAST)])
    client.get("/admin/plans/bodies/")  # new bodies: the first request finds its body afresh
    with django_assert_max_num_queries(20) as many:
        page = client.get("/admin/plans/bodies/").content.decode()
    assert page.count('id="body-') == 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_menu_and_the_dashboard_lead_the_supervisor_there(client, supervisor, plans):
    client.force_login(supervisor)
    dashboard = client.get("/admin/").content.decode()
    assert 'id="plans-bodies-section"' in dashboard and "/admin/plans/bodies/" in dashboard
    panel = dashboard.split('id="plans-bodies-section"', 1)[1].split("</section>", 1)[0]
    panel = panel.split("/admin/plans/bodies/", 1)[0]
    # two bodies have plans; 2 of their 6 actions are late (in any language's word order)
    assert sorted(int(n) for n in re.findall(r"\b\d+\b", panel)) == [2, 2, 6]


def test_body_staff_are_refused_and_not_shown_the_way(client, editor_a, admin_a, plans):
    for user in (editor_a, admin_a):
        client.force_login(user)
        assert client.get("/admin/plans/bodies/").status_code == 403
        assert "/admin/plans/bodies/" not in client.get("/admin/").content.decode()
