"""Bounced letters in the admin: a body's staff see their own subscribers whose letters
bounced (the address masked), the count and when it stops them, and settle one once the
address works again; another body's rows are out of their reach; platform admins see all."""

import datetime
import secrets

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from achyk.bodies.roles import SUPERVISORS_GROUP
from achyk.subscriptions.models import Bounce, Subscriber, masked
from achyk.ui.tests.hostile import server_errors

INDEX = "/admin/subscription-bounces/"


def edit(subscriber) -> str:
    return f"{INDEX}edit/{subscriber.pk}/"


def listed(page: str) -> str:
    """The listing's rows (not the messages above them)."""
    if 'class="listing' not in page:
        return ""
    table = page[page.index('class="listing') :]
    return table[: table.index("</table>")]


def subscriber(body, email, **fields):
    now = timezone.now()
    values = {"language": "ru", "topics": "news", "frequency": "daily", "confirmed_at": now,
              "sent_until": now, "leave_key": secrets.token_urlsafe(16)}  # fmt: skip
    values.update(fields)
    return Subscriber.objects.create(body=body, email=email, **values)


def bounced(email, count, *, days_ago=1, stopped=False):
    on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return Bounce.objects.create(
        email=email.lower(), hard_bounces=count, last_bounced_on=on,
        stopped_at=timezone.now() if stopped else None,
    )  # fmt: skip


@pytest.fixture
def rows(body_a, body_b, settings):
    settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES = 3
    stopped_at = timezone.now() - datetime.timedelta(days=1)
    found = {
        "a_counting": subscriber(body_a, "Asel.Kadyrova@Example.kg"),
        "a_stopped": subscriber(body_a, "bolot@mail.kg", stopped_at=stopped_at,
                                stop_reason="bounced"),
        "a_complained": subscriber(body_a, "kanat@mail.kg", stopped_at=stopped_at,
                                   stop_reason="complained"),
        "a_fine": subscriber(body_a, "nurlan@mail.kg"),
        "b_counting": subscriber(body_b, "zhyldyz@tunduk.kg"),
    }  # fmt: skip
    bounced("asel.kadyrova@example.kg", 2)
    bounced("bolot@mail.kg", 3, stopped=True)
    bounced("kanat@mail.kg", 1)
    bounced("zhyldyz@tunduk.kg", 1)
    return found


def test_masked_addresses_keep_the_first_letter_and_the_domain():
    assert masked("Asel.Kadyrova@Example.kg") == "A•••@Example.kg"
    assert masked("not-an-address") == "•••"


def test_staff_see_their_body_s_bounced_subscribers_masked(client, editor_a, rows):
    client.force_login(editor_a)
    page = client.get(INDEX).content.decode()
    for key in ("a_counting", "a_stopped", "a_complained"):
        assert rows[key].masked_email in page and edit(rows[key]) in page
    for email in ("Asel.Kadyrova@Example.kg", "asel.kadyrova", "bolot@mail.kg", "kanat@"):
        assert email not in page  # never the whole address
    assert "n•••@mail.kg" not in page  # no bounce: not listed
    with translation.override("ky"):
        one_more = translation.ngettext(
            "stops after %(n)s more hard bounce", "stops after %(n)s more hard bounces", 1
        )
    assert one_more % {"n": 1} in page  # two of three counted
    detail = client.get(edit(rows["a_counting"])).content.decode()
    assert 'id="bounced-count">2 / 3' in detail
    assert "Asel.Kadyrova@Example.kg" not in detail


def test_editor_of_body_b_never_sees_body_a_s_rows(client, editor_b, rows):
    client.force_login(editor_b)
    page = client.get(INDEX).content.decode()
    assert rows["b_counting"].masked_email in page
    for key in ("a_counting", "a_stopped", "a_complained"):
        assert rows[key].masked_email not in page and edit(rows[key]) not in page
    assert client.get(edit(rows["a_stopped"])).status_code == 404
    response = client.post(edit(rows["a_stopped"]), {"action": "resume"})
    assert response.status_code == 404
    assert Subscriber.objects.get(pk=rows["a_stopped"].pk).stopped_at is not None
    assert client.post(edit(rows["a_counting"]), {"action": "reset"}).status_code == 404
    assert Bounce.objects.filter(email="asel.kadyrova@example.kg").exists()


def test_resuming_a_bounced_subscriber_sends_letters_again(client, editor_a, rows, body_a):
    client.force_login(editor_a)
    response = client.post(edit(rows["a_stopped"]), {"action": "resume"})
    assert response.status_code == 302
    again = Subscriber.objects.get(pk=rows["a_stopped"].pk)
    assert again.stopped_at is None and again.stop_reason == ""
    assert again in Subscriber.objects.active()
    assert not Bounce.objects.filter(email="bolot@mail.kg").exists()
    assert edit(rows["a_stopped"]) not in listed(client.get(INDEX).content.decode())  # settled


def test_a_complaint_or_a_left_subscription_is_not_resumed(client, editor_a, rows):
    client.force_login(editor_a)
    response = client.post(edit(rows["a_complained"]), {"action": "resume"})
    assert response.status_code == 200
    with translation.override("ky"):
        message = translation.gettext(
            "Letters stopped because the resident complained: only they may subscribe again."
        )
    assert message in response.content.decode()
    assert Subscriber.objects.get(pk=rows["a_complained"].pk).stop_reason == "complained"
    assert client.post(edit(rows["a_counting"]), {"action": "other"}).status_code == 200


def test_resetting_the_count_keeps_the_letters_stopped(client, admin_a, rows):
    client.force_login(admin_a)
    assert client.post(edit(rows["a_stopped"]), {"action": "reset"}).status_code == 302
    assert not Bounce.objects.filter(email="bolot@mail.kg").exists()
    assert Subscriber.objects.get(pk=rows["a_stopped"].pk).stopped_at is not None
    assert edit(rows["a_stopped"]) in listed(client.get(INDEX).content.decode())  # still stopped


def test_platform_admins_see_every_body_and_supervisors_none(client, rows):
    root = get_user_model().objects.create_superuser("root", "root@example.kg", "x")
    client.force_login(root)
    page = client.get(INDEX).content.decode()
    assert rows["a_counting"].masked_email in page and rows["b_counting"].masked_email in page
    inspector = get_user_model().objects.create_user("inspector", password="x")
    inspector.groups.add(Group.objects.get_or_create(name=SUPERVISORS_GROUP)[0])
    client.force_login(inspector)
    assert client.get(INDEX).status_code == 403
    assert client.get(edit(rows["a_counting"])).status_code == 403


HOSTILE = ["p=-1", "p=%00", "ordering=password", "ordering=-hard_bounces",
           "q=<script>", "action=%ff", "last_bounced_on=2026-13-40"]  # fmt: skip


def test_hostile_addresses_and_posts_get_no_server_error(client, editor_a, rows):
    client.force_login(editor_a)
    urls = [f"{INDEX}?{query}" for query in HOSTILE]
    urls += [f"{INDEX}edit/{pk}/" for pk in ("0", "x", "%00", "9" * 30, rows["a_fine"].pk)]
    assert server_errors(client, urls) == []
    assert client.get(edit(rows["a_fine"])).status_code == 404  # its letters never bounced
    for data in ({}, {"action": ["reset", "resume"]}, {"action": "<script>"}, {"body": "1"}):
        assert client.post(edit(rows["a_counting"]), data).status_code < 500
    assert Bounce.objects.filter(email="asel.kadyrova@example.kg").exists()
