"""Bounced letters: `manage.py subscriptions_bounces FILE` counts the hard bounces the mail
server reported, one a day at most per address; after ACHYK_SUBSCRIPTIONS_HARD_BOUNCES of
them every subscription of the address stops and the digests pass it over."""

import datetime
import io
import secrets

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from achyk.content.tests import factories as pages
from achyk.subscriptions import digest, services
from achyk.subscriptions.models import Bounce, Subscriber

from .test_subscriptions import path_of

BOUNCING = "Bolot.Usonov@Example.kg"


def subscriber(body, email):
    now = timezone.now()
    return Subscriber.objects.create(
        body=body, email=email, language="ru", topics="news", frequency="daily",
        leave_key=secrets.token_urlsafe(16), confirmed_at=now, sent_until=now,
    )  # fmt: skip


@pytest.fixture
def subscribers(body_a, body_b):
    return {
        "a": subscriber(body_a, BOUNCING), "b": subscriber(body_b, BOUNCING),
        "other": subscriber(body_a, "aigul@example.kg"),
    }  # fmt: skip


def bounces(tmp_path, text: str, *, on: datetime.date, **options) -> str:
    path = tmp_path / "bounces.txt"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with time_machine.travel(datetime.datetime.combine(on, datetime.time(12)), tick=False):
        call_command("subscriptions_bounces", str(path), stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def day(n: int) -> datetime.date:
    return datetime.date(2026, 11, 1) + datetime.timedelta(days=n)


def test_three_hard_bounces_on_three_days_stop_every_subscription_of_the_address(
    tmp_path, subscribers, settings
):
    settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES = 3
    line = f"{BOUNCING.upper()} 5.1.1\n"
    assert "1 hard bounces counted, 0 addresses stopped" in bounces(tmp_path, line, on=day(0))
    assert "0 hard bounces counted" in bounces(tmp_path, line + line, on=day(0))  # same day
    bounces(tmp_path, line, on=day(1))
    assert Subscriber.objects.active().filter(email=BOUNCING).count() == 2
    out = bounces(tmp_path, line, on=day(2))
    assert "1 addresses stopped" in out and f"stopped: {BOUNCING.lower()}" in out
    assert not Subscriber.objects.active().filter(email=BOUNCING).exists()
    assert set(Subscriber.objects.filter(email=BOUNCING).values_list("stop_reason", flat=True)) == {
        "bounced"
    }
    assert Subscriber.objects.active().filter(email="aigul@example.kg").exists()


def test_soft_bounces_bad_lines_and_unknown_addresses_are_passed_over(
    tmp_path, subscribers, settings
):
    settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES = 1
    text = (
        "# report of the mail server\n\n"
        f"{BOUNCING}, soft\n{BOUNCING};4.2.2\n"
        "<script>alert(1)</script>\n"
        "stranger@example.kg hard\n"
        f"{BOUNCING} maybe\n"
    )
    out = bounces(tmp_path, text, on=day(0))
    assert "line 5: not an e-mail address" in out
    assert "line 7: unknown kind 'maybe'" in out
    assert "0 hard bounces counted, 0 addresses stopped, 1 addresses not subscribed" in out
    assert Subscriber.objects.active().filter(email=BOUNCING).count() == 2
    assert not Bounce.objects.exists()  # an address nobody subscribed is not kept


def test_a_count_left_alone_for_a_month_starts_again(tmp_path, subscribers, settings):
    settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES = 2
    bounces(tmp_path, BOUNCING, on=day(0))
    bounces(tmp_path, BOUNCING, on=day(0) + datetime.timedelta(days=services.STALE_DAYS + 1))
    assert Bounce.objects.get().hard_bounces == 1
    assert Subscriber.objects.active().filter(email=BOUNCING).count() == 2


def test_the_limit_can_be_given_on_the_command_line(tmp_path, subscribers):
    assert "1 addresses stopped" in bounces(tmp_path, BOUNCING, on=day(0), limit=1)
    with pytest.raises(CommandError):
        bounces(tmp_path, BOUNCING, on=day(0), limit=0)
    with pytest.raises(CommandError):
        call_command("subscriptions_bounces", str(tmp_path / "missing.txt"))


def test_a_stopped_address_gets_no_digest_and_the_others_do(
    tmp_path, body_a, subscribers, smtp, settings
):
    settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES = 1
    bounces(tmp_path, BOUNCING, on=timezone.localdate())
    soon = timezone.now() + datetime.timedelta(minutes=5)
    with time_machine.travel(soon, tick=False):
        pages.news(body_a, "ru")
    assert digest.send("daily", soon + datetime.timedelta(hours=1)).letters == 1
    (letter,) = smtp.messages
    assert letter.recipients == ["aigul@example.kg"]


def test_confirming_again_clears_the_count(client, tmp_path, body_a, subscribers, smtp, settings):
    settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES = 1
    bounces(tmp_path, BOUNCING, on=timezone.localdate())
    form = {"email": BOUNCING, "topics": ["news"], "frequency": "daily"}
    assert client.post(body_a.public_url("ru", "subscriptions_subscribe"), form).status_code == 302
    assert client.get(path_of(smtp.texts()[-1], "confirm")).status_code == 200
    assert not Bounce.objects.exists()
    assert Subscriber.objects.active().filter(email__iexact=BOUNCING, body=body_a).exists()
