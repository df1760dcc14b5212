"""The e-mail digest: each body's admins get, in their own language, the duties that became
due or out of date since the last digest, through a real SMTP server; the same news is never
sent twice, and nothing is recorded when the server refuses."""

import datetime
import email
import socket
from email.header import decode_header, make_header

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command

from achyk.bodies.models import Membership
from achyk.bodies.tests import factories as body_factories
from achyk.transparency import digest, services
from achyk.transparency.followup import DigestMark
from achyk.transparency.models import Rule

from . import factories, scored


class Inbox:
    """What the SMTP server received: parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        message.recipients = envelope.rcpt_tos
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


@pytest.fixture
def world(provider, body_a, body_b, admin_a, editor_a):
    """Body A's admins: admin_a reads Russian, a second one Kyrgyz (the default)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_a)
    profile.preferred_language = "ru"
    profile.save()
    second = body_factories.staff(body_a, role=Membership.Role.ADMIN, username="second_admin")
    body_factories.staff(body_b, role=Membership.Role.ADMIN, username="admin_b")
    with time_machine.travel(scored.NOW, tick=False):
        scored.scored(provider, body_a, body_b)
    return {"body": body_a, "ru": admin_a, "ky": second, "editor": editor_a}


def text_of(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset())


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def test_admins_get_the_digest_in_their_language_through_smtp(smtp, world):
    with time_machine.travel(scored.NOW, tick=False):
        sent = digest.send_digests()

    to_a = [m for m in smtp.messages if "Бурана" in subject_of(m)]
    assert sent == len(smtp.messages) == 3  # two admins of body A, one of B; editors none
    by_language = {m["Content-Language"]: m for m in to_a}
    assert set(by_language) == {"ru", "ky"}
    assert by_language["ru"].recipients == [world["ru"].email]
    russian, kyrgyz = text_of(by_language["ru"]), text_of(by_language["ky"])
    assert "31 мая 2026 г." in russian  # news in Russian is overdue since 31 May
    assert "31 Май 2026 ж." in kyrgyz
    assert "http://127.0.0.1:8000/admin/transparency/todo/" in russian
    assert world["editor"].email not in {r for m in smtp.messages for r in m.recipients}


def test_the_same_news_is_not_sent_twice_and_new_news_is(smtp, world, provider):
    with time_machine.travel(scored.NOW, tick=False):
        digest.send_digests()
        first = len(smtp.messages)
        assert digest.send_digests() == 0 and len(smtp.messages) == first
    later = datetime.datetime(2026, 7, 10, 12, tzinfo=scored.BISHKEK)
    with time_machine.travel(later, tick=False):
        services.recompute(at=later)  # the Kyrgyz news (4 June) is out of date since 4 July
        sent = digest.send_digests()
    new = [m for m in smtp.messages[first:] if "Бурана" in subject_of(m)]
    assert sent == 2 and len(new) == 2
    news = [line for line in text_of(new[0]).splitlines() if line.startswith("- ")]
    assert len(news) == 1 and "(ky), " in news[0]  # only what changed: news in Kyrgyz


def test_nothing_is_recorded_when_the_smtp_server_refuses(settings, world):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 5
    with time_machine.travel(scored.NOW, tick=False), pytest.raises(OSError):
        digest.send_digests()
    assert not DigestMark.objects.exists()


def test_the_daily_command_sends_and_says_how_many(smtp, world, capsys):
    with time_machine.travel(scored.NOW, tick=False):
        call_command("send_transparency_digests")
    assert "3 digest e-mails sent." in capsys.readouterr().out
    assert DigestMark.objects.filter(body=world["body"]).count() == len(
        digest.current_news(world["body"], today=scored.TODAY)
    )


def test_a_body_without_news_sends_nothing(smtp, body_a, admin_a, provider):
    factories.duty(code="news", rule=Rule.ONCE, keys="test:page")
    for language in ("ky", "ru"):
        provider.add(body_a, key="test:page", language=language)
    services.recompute()
    assert digest.send_digests() == 0 and smtp.messages == []
