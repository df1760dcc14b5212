"""Subscriptions end to end through the suite's SMTP server: double opt-in, a digest in the
subscriber's language with only their topics, one-click unsubscribe with its headers, no
item twice, nothing to unconfirmed, left or stopped addresses, and the limits."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from achyk.content.tests import factories as pages
from achyk.subscriptions import digest, services
from achyk.subscriptions.models import Subscriber

FORM = {"email": "aigul@example.kg", "topics": ["news", "acts"], "frequency": "daily"}


def subscribe_url(body, language="ru"):
    return body.public_url(language, "subscriptions_subscribe")


def path_of(text: str, word: str) -> str:
    return re.search(rf"https?://[^/\s]+(/\S+/{word}/\S+/)", text).group(1)


@pytest.fixture
def confirmed(client, body_a, smtp):
    assert client.post(subscribe_url(body_a), FORM).status_code == 302
    page = client.get(path_of(smtp.texts()[0], "confirm"))
    assert page.status_code == 200 and 'id="subscription-confirmed"' in page.content.decode()
    return Subscriber.objects.get()


def news(body, language, when):
    with time_machine.travel(when, tick=False):
        return pages.news(body, language)


class TestOptIn:
    def test_nothing_is_sent_before_the_link_is_followed(self, client, body_a, smtp):
        client.post(subscribe_url(body_a), FORM)
        assert len(smtp.messages) == 1  # the confirmation letter only
        subscriber = Subscriber.objects.get()
        assert subscriber.confirmed_at is None and subscriber.language == "ru"
        news(body_a, "ru", timezone.now() + datetime.timedelta(minutes=1))
        report = digest.send("daily", timezone.now() + datetime.timedelta(hours=1))
        assert report.letters == 0 and len(smtp.messages) == 1

    @pytest.mark.parametrize("email", ["иван@пример.рф", "no-at-sign", ""])
    def test_a_bad_address_gets_an_error_and_keeps_the_choices(self, client, body_a, email):
        response = client.post(subscribe_url(body_a), {**FORM, "email": email})
        html = response.content.decode()
        assert response.status_code == 200 and 'class="error"' in html
        assert 'value="acts" ' in html and "checked" in html
        assert not Subscriber.objects.exists()

    def test_no_topic_is_an_error(self, client, body_a):
        response = client.post(subscribe_url(body_a), {**FORM, "topics": []})
        assert 'class="error"' in response.content.decode() and not Subscriber.objects.exists()

    def test_an_address_gets_three_confirmation_letters_an_hour_at_most(self, client, body_a, smtp):
        codes = [client.post(subscribe_url(body_a), FORM).status_code for _n in range(4)]
        assert codes == [302, 302, 302, 429] and len(smtp.messages) == 3

    def test_a_network_address_is_limited(self, client, body_a, smtp):
        for n in range(services.PER_ADDRESS_PER_HOUR):
            client.post(subscribe_url(body_a), {**FORM, "email": f"a{n}@example.kg"})
        response = client.post(subscribe_url(body_a), {**FORM, "email": "late@example.kg"})
        assert response.status_code == 429 and not Subscriber.objects.filter(
            email="late@example.kg"
        )

    def test_an_expired_link_offers_the_form_again(self, client, body_a, smtp):
        client.post(subscribe_url(body_a), FORM)
        Subscriber.objects.update(confirm_expires_at=timezone.now() - datetime.timedelta(hours=1))
        response = client.get(path_of(smtp.texts()[0], "confirm"))
        assert response.status_code == 410 and "aigul@example.kg" in response.content.decode()
        assert Subscriber.objects.get().confirmed_at is None


class TestDigest:
    def test_a_digest_in_the_subscriber_s_language_with_a_one_click_unsubscribe(
        self, client, body_a, confirmed, smtp
    ):
        later = timezone.now() + datetime.timedelta(minutes=5)
        ru, ky = news(body_a, "ru", later), news(body_a, "ky", later)
        report = digest.send("daily", later + datetime.timedelta(hours=1))
        assert report.letters == 1
        letter = smtp.messages[-1]
        text = smtp.texts()[-1]
        assert ru.title in text and ky.title not in text
        leave = path_of(text, "leave")
        unfolded = "".join(letter["List-Unsubscribe"].split())  # long headers are folded
        assert unfolded == f"<http://127.0.0.1:8000{leave}>"
        assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # One click: the mail program's POST, with no cookie and no form.
        assert client.post(leave).status_code == 200
        assert Subscriber.objects.get().left_at is not None
        news(body_a, "ru", later + datetime.timedelta(hours=2))
        assert digest.send("daily", later + datetime.timedelta(days=1)).letters == 0

    def test_no_item_is_sent_twice(self, body_a, confirmed, smtp):
        later = timezone.now() + datetime.timedelta(minutes=5)
        first = news(body_a, "ru", later)
        assert digest.send("daily", later + datetime.timedelta(hours=1)).letters == 1
        assert digest.send("daily", later + datetime.timedelta(hours=2)).letters == 0
        second = news(body_a, "ru", later + datetime.timedelta(hours=3))
        assert digest.send("daily", later + datetime.timedelta(hours=4)).letters == 1
        assert second.title in smtp.texts()[-1] and first.title not in smtp.texts()[-1]

    def test_a_topic_not_chosen_is_not_sent(self, body_a, confirmed, smtp):
        Subscriber.objects.update(topics="acts")
        news(body_a, "ru", timezone.now() + datetime.timedelta(minutes=5))
        assert digest.send("daily", timezone.now() + datetime.timedelta(hours=1)).letters == 0

    def test_a_bounced_address_stops(self, body_a, confirmed, smtp):
        assert services.stop(email="AIGUL@example.kg", reason="bounced") == 1
        news(body_a, "ru", timezone.now() + datetime.timedelta(minutes=5))
        assert digest.send("daily", timezone.now() + datetime.timedelta(hours=1)).letters == 0

    def test_a_server_that_refuses_moves_no_watermark(self, body_a, confirmed, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
        before = Subscriber.objects.get().sent_until
        news(body_a, "ru", timezone.now() + datetime.timedelta(minutes=5))
        with pytest.raises(OSError):
            digest.send("daily", timezone.now() + datetime.timedelta(hours=1))
        assert Subscriber.objects.get().sent_until == before

    def test_the_leave_page_asks_before_it_unsubscribes(self, client, body_a, confirmed):
        url = body_a.public_url("ru", "subscriptions_leave", key=confirmed.leave_key)
        assert 'id="leave-button"' in client.get(url).content.decode()
        assert Subscriber.objects.get().left_at is None
        assert (
            client.post(body_a.public_url("ru", "subscriptions_leave", key="nope")).status_code
            == 404
        )

    def test_the_body_s_pages_link_to_the_subscription(self, client, body_a):
        home = client.get(body_a.public_url("ru")).content.decode()
        assert subscribe_url(body_a) in home
