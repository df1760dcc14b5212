"""The public pages of plans, participation, the social order and requests are kept by the
page cache (a second read is a hit) and show a write made through their services at once to
an anonymous reader: a page read before the write is never served again after it (each app
`invalidation.watch`es its rows)."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from achyk.participation import services as participation_services
from achyk.participation.tests import factories as participation
from achyk.plans import services as plan_services
from achyk.plans.tests import factories as plans
from achyk.requests import services as requests_services
from achyk.requests.models import Status
from achyk.requests.tests import factories as requests
from achyk.social_order import services as social_services
from achyk.social_order.models import CallState
from achyk.social_order.tests import factories as social

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on():
    assert settings.CACHE_PAGE_SECONDS > 0  # the cache is on, as in production


def read(client, url: str) -> str:
    """What an anonymous reader gets at `url`: rendered afresh (never a page kept from
    before), then the same page from the cache."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Cache"] == "miss", url
    # A streamed export is kept once it has been sent whole.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    again = client.get(url)
    assert again["X-Cache"] == "hit", url
    assert again.content == content, url
    return content.decode()


def test_progress_recorded_on_an_action_shows_at_once(client, body_a, editor_a):
    plan = plans.plan(body_a)
    action = plans.action(plans.objective(plans.goal(plan)))
    action_page, plan_page = (
        f"/burana/ky/plans/actions/{action.pk}/",
        f"/burana/ky/plans/{plan.pk}/",
    )
    monitoring = f"/burana/ky/plans/{plan.pk}/monitoring.csv"
    assert "Суу түтүгү 60 % даяр" not in read(client, action_page)
    assert '<dd id="plan-progress">0' in read(client, plan_page)
    assert "Суу түтүгү 60 % даяр" not in read(client, monitoring)
    plan_services.record_progress(
        action=action, reported_on=datetime.date(2025, 6, 1), status="in_progress",
        progress=60, text="Суу түтүгү 60 % даяр", language="ky", by=editor_a,
    )  # fmt: skip
    assert "Суу түтүгү 60 % даяр" in read(client, action_page)
    assert '<dd id="plan-progress">60' in read(client, plan_page)
    assert "Суу түтүгү 60 % даяр" in read(client, monitoring)


def test_withdrawn_plan_is_gone_from_the_list_at_once(client, body_a):
    plan = plans.plan(body_a, title_ky="Жайыт программасы")
    assert "Жайыт программасы" in read(client, "/burana/ky/plans/")
    plan.is_published = False
    plan.save()
    assert "Жайыт программасы" not in read(client, "/burana/ky/plans/")


def test_a_tally_shows_in_the_ranking_at_once(client, body_a):
    study = participation.study(body_a)
    group = participation.focus_group(study)
    priority = participation.priority(study, title="Көпүрө")
    page = f"/burana/ky/participation/needs/{study.pk}/"
    assert f'id="priority-{priority.pk}" data-rank="1" data-points="0"' in read(client, page)
    participation_services.set_tally(
        priority=priority, focus_group=group, points=7, version=0, by=None
    )
    assert f'id="priority-{priority.pk}" data-rank="1" data-points="7"' in read(client, page)


def test_a_closed_call_shows_closed_at_once(client, body_a):
    call = social.call(body_a, state=CallState.OPEN, opens=-9, deadline=-1)
    page = f"/burana/ru/social-order/calls/{call.pk}/"
    read(client, page)
    read(client, "/burana/ru/social-order/")
    social_services.advance_call(call=call, to=CallState.CLOSED)
    html = read(client, page)
    assert '<dd id="call-state">закрыта</dd>' in html
    assert "Услуги пожилым на дому" in read(client, "/burana/ru/social-order/")


def test_a_paid_tranche_shows_on_the_contract_at_once(client, body_a, admin_a):
    from achyk.social_order.tests.test_public import _decided_with_contract

    _call, contract = _decided_with_contract(body_a)
    tranche = contract.tranches.order_by("number").first()
    page = f"/burana/ky/social-order/contracts/{contract.pk}/"
    assert '<dd id="paid">0</dd>' in read(client, page)
    social_services.ask_for_report(tranche=tranche)
    report = social_services.submit_report(
        tranche=tranche, narrative="Иш бүттү", spent={}, public_summary="Карыларга 40 жолу кызмат"
    )
    social_services.accept_report(report=report, by=admin_a)
    assert "Карыларга 40 жолу кызмат" in read(client, page)
    social_services.pay_tranche(
        tranche=tranche, paid_on=timezone.localdate(), amount=Decimal("50000"), document="№ 12"
    )
    assert '<dd id="paid">50\u00a0000</dd>' in read(client, page)  # as the language writes it


def test_an_answer_shows_in_the_register_at_once(client, body_a, editor_a):
    request = requests.registered(body_a, by=editor_a)
    requests_services.publish(
        request=request, public_question="Жайыттын ижарасы канча?", is_public=True, by=editor_a
    )
    page = f"/burana/ky/requests/{request.reference}/"
    assert "Гектарына 500 сом" not in read(client, page)
    read(client, "/burana/ky/requests/")
    requests_services.answer(
        request=request, status=Status.ANSWERED, text="Гектарына 500 сом", by=editor_a
    )
    assert "Гектарына 500 сом" in read(client, page)
    requests_services.publish(
        request=request, public_question="Жайыттын ижарасы канча?", is_public=False, by=editor_a
    )
    assert "Жайыттын ижарасы" not in read(client, "/burana/ky/requests/")


def test_an_event_announced_shows_in_the_calendar_and_its_feed_at_once(client, body_a):
    pages = ["/burana/ky/participation/calendar/", "/burana/ky/participation/calendar.ics"]
    for url in pages:
        assert "Көчөлөрдү тазалоо" not in read(client, url)
    participation.event(body_a, title_ky="Көчөлөрдү тазалоо")
    for url in pages:
        assert "Көчөлөрдү тазалоо" in read(client, url), url
