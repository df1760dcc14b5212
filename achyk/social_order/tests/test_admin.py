"""The admin of the social order: staff see their body's only (another body's call or
contract is a 404), drafts of NGOs are never shown, a payment before acceptance is refused
with a message and changes nothing, and a platform admin picks the body of a new call."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from achyk.social_order import services
from achyk.social_order.models import TrancheState

from . import factories as f

pytestmark = pytest.mark.django_db


def test_staff_of_another_body_get_404_on_call_and_contract_screens(client, body_a, editor_b):
    call = f.call(body_a)
    client.force_login(editor_b)
    assert client.get(reverse("social_order_admin:call", args=[call.pk])).status_code == 404
    assert client.get(reverse("social_calls:edit", args=[call.pk])).status_code == 404
    listing = client.get(reverse("social_calls:index")).content.decode()
    assert "Карыларга кызмат" not in listing


def test_staff_never_see_an_ngo_s_draft(client, body_a, editor_a):
    call = f.call(body_a)
    draft = f.application(f.ngo(body_a), call)
    submitted = f.application(f.ngo(body_a), call, submit=True)
    client.force_login(editor_a)
    listing = client.get(reverse("social_applications:index")).content.decode()
    assert submitted.number in listing
    assert client.get(reverse("social_applications:inspect", args=[draft.pk])).status_code == 404
    attachment = services.add_attachment(application=draft, title="Устав", upload=f.pdf())
    url = reverse("social_order_admin:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 404


def test_early_payment_is_refused_in_the_admin(client, body_a, admin_a):
    call = f.call(body_a)
    application = f.application(f.ngo(body_a), call, submit=True)
    type(call).objects.filter(pk=call.pk).update(state="review")
    services.decide_call(call=call, winners=[application])
    application.refresh_from_db()
    day = datetime.date(2026, 3, 1)
    contract = services.sign_contract(
        application=application, number="7", signed_on=day, amount=Decimal("1000"),
        starts_on=day, ends_on=day, tranches=[services.TrancheIn(Decimal("1000"), day, "Q1")],
    )  # fmt: skip
    tranche = contract.tranches.get()
    client.force_login(admin_a)
    response = client.post(
        reverse("social_order_admin:tranche", args=[tranche.pk]),
        {"pay": "1", "paid_on": "2026-04-01", "amount": "1000", "document": "ТТ-1"}, follow=True,
    )  # fmt: skip
    assert len(response.context["messages"]) == 1
    tranche.refresh_from_db()
    assert tranche.state == TrancheState.PLANNED and tranche.paid_amount is None


def test_supervisor_reads_but_cannot_decide(client, body_a, django_user_model):
    from achyk.bodies.services import grant_supervisor_reading

    call = f.call(body_a)
    supervisor = django_user_model.objects.create_user(username="sup", password="x")
    supervisor.groups.add(grant_supervisor_reading())
    client.force_login(supervisor)
    url = reverse("social_order_admin:call", args=[call.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"advance": "closed"}).status_code == 403


# The call's moments in the body's time zone --------------------------------------------------

UTC = datetime.UTC


def _call_form(call, **fields):
    criteria = list(call.criteria.all())
    data = {
        "programme": call.programme_id, "commission": call.commission_id,
        "title_ky": "Карыларга кызмат", "title_ru": "", "topic_ky": "", "topic_ru": "",
        "eligibility_ky": "", "eligibility_ru": "", "documents_ky": "", "documents_ru": "",
        "ceiling": "500000", "opens_at": "2026-04-01 09:00", "deadline": "2026-04-30 23:59",
        "decision_on": "", "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)), "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "20",
    }  # fmt: skip
    for n, item in enumerate(criteria):
        data |= {f"criteria-{n}-id": item.pk, f"criteria-{n}-title_ky": item.title_ky,
                 f"criteria-{n}-title_ru": "", f"criteria-{n}-weight": str(item.weight),
                 f"criteria-{n}-max_score": item.max_score, f"criteria-{n}-order": n,
                 f"criteria-{n}-ORDER": n + 1, f"criteria-{n}-DELETE": ""}  # fmt: skip
    return data | fields


def _in_almaty(body):
    type(body).objects.filter(pk=body.pk).update(time_zone="Asia/Almaty")  # UTC+5; Bishkek +6
    body.refresh_from_db()
    return body


def test_a_kazakh_body_s_deadline_at_midnight_is_typed_and_shown_in_almaty(
    client, body_a, editor_a
):
    body = _in_almaty(body_a)
    call = f.call(body, state="draft")
    client.force_login(editor_a)
    edit = reverse("social_calls:edit", args=[call.pk])
    response = client.post(edit, _call_form(call))
    assert response.status_code == 302, response.content.decode()[-3000:]
    call.refresh_from_db()
    # 23:59 in Almaty, not in the admin's own zone (Bishkek, an hour ahead).
    assert call.deadline == datetime.datetime(2026, 4, 30, 18, 59, tzinfo=UTC)
    assert call.opens_at == datetime.datetime(2026, 4, 1, 4, 0, tzinfo=UTC)
    form = client.get(edit).content.decode()
    assert 'value="2026-04-30 23:59"' in form and "Asia/Almaty" in form
    listing = client.get(reverse("social_calls:index")).content.decode()
    assert "30.04.2026 23:59 (Asia/Almaty)" in listing  # not 01.05.2026 00:59
    page = client.get(reverse("social_order_admin:call", args=[call.pk])).content.decode()
    assert "30.04.2026 23:59" in page
    type(call).objects.filter(pk=call.pk).update(state="open")
    call.refresh_from_db()
    assert call.accepts_applications(at=datetime.datetime(2026, 4, 30, 18, 58, 59, tzinfo=UTC))
    assert not call.accepts_applications(at=datetime.datetime(2026, 4, 30, 19, 0, tzinfo=UTC))


def test_a_deadline_at_midnight_ends_the_day_before_in_the_body_s_zone(client, body_a, editor_a):
    """00:00 on 1 May is the end of 30 April for the body, stored as 19:00 UTC in Almaty
    and as 18:00 UTC in Bishkek."""
    call = f.call(body_a, state="draft")
    client.force_login(editor_a)
    edit = reverse("social_calls:edit", args=[call.pk])
    client.post(edit, _call_form(call, deadline="2026-05-01 00:00"))
    call.refresh_from_db()
    assert call.deadline == datetime.datetime(2026, 4, 30, 18, 0, tzinfo=UTC)
    _in_almaty(body_a)
    client.post(edit, _call_form(call, deadline="2026-05-01 00:00"))
    call.refresh_from_db()
    assert call.deadline == datetime.datetime(2026, 4, 30, 19, 0, tzinfo=UTC)
    assert 'value="2026-05-01 00:00"' in client.get(edit).content.decode()


def test_a_platform_admin_s_new_call_is_read_in_the_chosen_body_s_zone(
    client, body_a, django_user_model
):
    body = _in_almaty(body_a)
    template = f.call(body, state="draft", criteria=())
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-Ө-1")
    client.force_login(admin)
    data = _call_form(template, body=body.pk, deadline="2026-04-30 23:59")
    response = client.post(reverse("social_calls:add"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    created = type(template).objects.exclude(pk=template.pk).get()
    assert created.deadline == datetime.datetime(2026, 4, 30, 18, 59, tzinfo=UTC)
