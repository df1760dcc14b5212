"""No server error on any address of plans, whatever the query string, for anyone."""

import pytest

from achyk.ui.tests.hostile import server_errors

from . import factories

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "?p=-1",
    "?p=99999999999999999999",
    "?q=%00%ff<script>",
    "?ordering=__nope",
    "?kind=x&state=%27",
    "?template=../../etc/passwd",
]


def test_admin_and_public_addresses_answer_no_server_error(client, body_a, editor_a):
    plan = factories.full_plan(body_a, actions=2)
    action = plan.actions.first()
    admin = [
        "/admin/plans/plans/",
        f"/admin/plans/plans/edit/{plan.pk}/",
        "/admin/plans/goals/",
        "/admin/plans/objectives/",
        "/admin/plans/actions/",
        f"/admin/plans/actions/edit/{action.pk}/",
        "/admin/plans/indicators/",
        "/admin/plans/updates/",
        "/admin/plans/updates/new/",
        "/admin/plans/reports/",
        "/admin/plans/reports/999999/",
        "/admin/plans/import/",
        "/admin/plans/import/not-a-token/",
        "/admin/plans/flags/",
        "/admin/plans/flags/999999/",
        "/admin/plans/bodies/",
    ]
    public = [
        "/burana/ru/plans/",
        f"/burana/ru/plans/{plan.pk}/",
        f"/burana/ky/plans/actions/{action.pk}/",
        "/burana/ru/plans/reports/1/",
        "/burana/ru/plans/monitoring/",
        "/burana/ru/plans/flags/1/close/",
        "/burana/ru/plans/flags/999999/reopen/",
        f"/burana/ru/plans/{plan.pk}/actions.xlsx",
        f"/burana/ru/plans/{plan.pk}/monitoring.csv",
        "/ru/plans/",
        "/ru/plans/overview/",
    ]
    client.raise_request_exception = False
    urls = [url + query for url in public for query in QUERIES]
    assert server_errors(client, urls) == []
    client.force_login(editor_a)
    urls = [url + query for url in admin + public for query in QUERIES]
    assert server_errors(client, urls) == []
