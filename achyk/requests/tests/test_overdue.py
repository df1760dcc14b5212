"""Requests past their due date reach the body's staff through the monitor's to-do list, its
dashboard panel and the admins' e-mail digest (`bodies.evidence.overdue`): only their own
body's, by reference number, told once by e-mail and gone once answered."""

import datetime

import pytest
from django.utils import timezone, translation

from achyk.bodies.models import Membership
from achyk.bodies.tests import factories as body_factories
from achyk.requests import services
from achyk.requests.models import Status
from achyk.transparency import digest

from . import factories

with translation.override("ky"):  # the editors' admin language
    PAST_DUE = translation.gettext("Past their legal due date")


@pytest.fixture
def late(body_a, body_b, editor_a):
    long_ago = timezone.localdate() - datetime.timedelta(days=40)
    return {
        "a": factories.registered(body_a, by=editor_a, received_on=long_ago),
        "fresh": factories.registered(body_a, by=editor_a, received_on=timezone.localdate()),
        "b": factories.registered(body_b, received_on=long_ago),
    }  # fmt: skip


def test_staff_see_their_body_s_overdue_requests_on_the_todo_list(client, editor_a, late):
    client.force_login(editor_a)
    page = client.get("/admin/transparency/todo/").content.decode()
    assert PAST_DUE in page
    assert late["a"].reference in page
    assert f'href="/admin/requests/edit/{late["a"].pk}/"' in page
    assert late["fresh"].reference not in page
    assert late["b"].reference not in page
    dashboard = client.get("/admin/").content.decode()
    assert late["a"].reference in dashboard and late["b"].reference not in dashboard


def test_staff_of_the_other_body_see_only_theirs(client, editor_b, late):
    client.force_login(editor_b)
    page = client.get("/admin/transparency/todo/").content.decode()
    assert late["b"].reference in page and late["a"].reference not in page


def test_an_answered_request_leaves_the_list(client, editor_a, late):
    services.answer(request=late["a"], status=Status.ANSWERED, text="Жооп «ң»", by=editor_a)
    client.force_login(editor_a)
    page = client.get("/admin/transparency/todo/").content.decode()
    assert late["a"].reference not in page
    assert PAST_DUE not in page


def test_the_admins_digest_tells_of_an_overdue_request_once(smtp, body_a, admin_a, late):
    body_factories.staff(late["b"].body, role=Membership.Role.ADMIN, username="admin_b")
    assert digest.send_digest(body_a) == 1
    (letter,) = smtp.texts(to=admin_a.email)
    assert late["a"].reference in letter
    assert f"/admin/requests/edit/{late['a'].pk}/" in letter
    assert late["fresh"].reference not in letter
    assert late["b"].reference not in letter
    assert digest.send_digest(body_a) == 0  # told once
    assert len(smtp.texts(to=admin_a.email)) == 1


def test_an_extension_that_runs_out_again_is_news_again(smtp, body_a, admin_a, editor_a):
    received = timezone.localdate() - datetime.timedelta(days=14)
    request = factories.registered(body_a, by=editor_a, received_on=received)
    today = request.due_on + datetime.timedelta(days=1)
    assert digest.send_digest(body_a, today=today) == 1
    services.extend(
        request=request, days=request.law.extension_days, reason="Көп маалымат",
        by=editor_a, today=request.due_on,
    )  # fmt: skip
    request.refresh_from_db()
    assert digest.send_digest(body_a, today=today) == 0  # no longer overdue
    later = request.due_on + datetime.timedelta(days=1)
    assert digest.send_digest(body_a, today=later) == 1
    first, second = smtp.texts(to=admin_a.email)
    assert request.reference in first and request.reference in second
