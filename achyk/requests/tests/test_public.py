"""The request form on a body's site, the link of the letter, and the public register."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from achyk.requests import services
from achyk.requests.forms import PER_ADDRESS_PER_HOUR
from achyk.requests.models import Request, Status

from . import factories

FORM = {
    "kind": "information", "name": "Асан", "email": "asan@example.kg",
    "question": "Бюджет айыла на 2026 год?", "format": "email",
}  # fmt: skip


def ask_url(body, language="ru"):
    return body.public_url(language, "requests_ask")


def link_in(text: str) -> str:
    return re.search(r"https?://[^/]+(/\S+/confirm/\S+/)", text).group(1)


def test_the_online_reception_page_leads_to_the_working_form(client, body_a):
    from achyk.content.models import FeedbackFormPage

    reception = FeedbackFormPage.objects.descendant_of(body_a.site.root_page).live().first()
    html = client.get(reception.url).content.decode()
    assert 'id="reception-form"' in html and "/requests/ask/" in html


class TestForm:
    def test_the_body_s_site_links_to_the_register_and_the_form(self, client, body_a):
        home = client.get(body_a.public_url("ru")).content.decode()
        register = body_a.public_url("ru", "requests_register")
        assert register in home
        assert ask_url(body_a) in client.get(register).content.decode()

    def test_a_resident_asks_confirms_and_sees_the_reference_and_due_date(
        self, client, body_a, smtp
    ):
        response = client.post(ask_url(body_a), FORM)
        assert response.status_code == 302
        assert response["Location"] == body_a.public_url("ru", "requests_sent")
        page = client.get(link_in(smtp.texts("asan@example.kg")[0]))
        request = Request.objects.get()
        assert request.status == Status.RECEIVED and request.language == "ru"
        html = page.content.decode()
        assert request.reference in html and request.due_on.strftime("%d.%m.%Y").lstrip("0") in html
        again = client.get(link_in(smtp.texts("asan@example.kg")[0])).content.decode()
        assert request.reference in again and Request.objects.count() == 1
        # The link keeps showing the request's status, and its answer once given (even if
        # staff never publish it in the register).
        services.answer(request=request, status=Status.PARTLY, text="Часть ответа", by=None)
        later = client.get(link_in(smtp.texts("asan@example.kg")[0])).content.decode()
        assert "Часть ответа" in later and request.is_public is False

    @pytest.mark.parametrize(
        ("field", "value"),
        [("question", "   "), ("email", "иван@пример.рф"), ("email", "not-an-address"),
         ("name", "")],
    )  # fmt: skip
    def test_bad_input_gets_an_error_and_loses_nothing(self, client, body_a, field, value):
        response = client.post(ask_url(body_a), {**FORM, field: value})
        assert response.status_code == 200
        html = response.content.decode()
        assert (
            'class="error"' in html and "Бюджет айыла на 2026 год?" in html or field == "question"
        )
        assert not Request.objects.exists()

    def test_an_address_that_floods_is_stopped(self, client, body_a, smtp):
        for _n in range(PER_ADDRESS_PER_HOUR):
            assert client.post(ask_url(body_a), FORM).status_code == 302
        response = client.post(ask_url(body_a), FORM)
        assert response.status_code == 200 and 'class="error"' in response.content.decode()
        assert Request.objects.count() == PER_ADDRESS_PER_HOUR

    def test_the_platform_rate_limit_answers_429(self, client, body_a, settings, smtp, rate_window):
        settings.ACHYK_RATE_LIMITS_ON = True
        settings.ACHYK_RATE_LIMITS = {**settings.ACHYK_RATE_LIMITS, "form": 2}
        codes = [client.post(ask_url(body_a), {**FORM, "email": f"a{n}@example.kg"}).status_code
                 for n in range(3)]  # fmt: skip
        assert codes[-1] == 429

    def test_an_unknown_link_says_so(self, client, body_a):
        response = client.get(body_a.public_url("ru", "requests_confirm", token="nonsense"))
        assert response.status_code == 404 and 'role="alert"' in response.content.decode()

    def test_an_expired_link_offers_the_form_filled_again(self, client, body_a, smtp, settings):
        client.post(ask_url(body_a), FORM)
        Request.objects.update(confirm_expires_at="2020-01-01T00:00:00Z")
        response = client.get(link_in(smtp.texts()[0]))
        assert response.status_code == 410
        assert "Бюджет айыла на 2026 год?" in response.content.decode()
        assert Request.objects.get().status == Status.UNCONFIRMED

    def test_a_body_taken_off_the_platform_says_so(self, client, body_a, smtp):
        client.post(ask_url(body_a), FORM)
        body_a.is_active = False
        body_a.save()
        response = client.get(link_in(smtp.texts()[0]))
        assert response.status_code in (302, 404, 410)  # the body's site is gone
        assert Request.objects.get().status == Status.UNCONFIRMED


class TestRegister:
    @pytest.fixture
    def answered(self, body_a, editor_a):
        request = factories.registered(body_a, by=editor_a, show_name=False)
        services.answer(
            request=request, status=Status.ANSWERED, text="Ответ: 12 млн сом", by=editor_a
        )
        services.publish(
            request=request, public_question="Какой бюджет?", is_public=True, by=editor_a
        )
        return request

    def test_only_what_staff_made_public_is_shown(self, client, body_a, editor_a, answered):
        hidden = factories.registered(body_a, by=editor_a)
        page = client.get(body_a.public_url("ru", "requests_register")).content.decode()
        assert answered.reference in page and hidden.reference not in page
        assert (
            client.get(
                body_a.public_url("ru", "requests_detail", reference=hidden.reference)
            ).status_code
            == 404
        )

    def test_the_answer_is_read_without_the_requester_s_personal_data(
        self, client, body_a, answered
    ):
        page = client.get(body_a.public_url("ru", "requests_detail", reference=answered.reference))
        html = page.content.decode()
        assert "Ответ: 12 млн сом" in html and "Какой бюджет?" in html
        assert "Асан" not in html and "asan@example.kg" not in html and "<script>alert" not in html

    def test_the_platform_register_lists_every_body_and_the_figures(
        self, client, body_a, answered, django_assert_max_num_queries
    ):
        with translation.override("ru"), django_assert_max_num_queries(12):
            page = client.get("/ru/requests/").content.decode()
        assert answered.reference in page and 'id="figures"' in page

    def test_the_register_s_queries_are_pinned(
        self, client, body_a, editor_a, answered, django_assert_max_num_queries, settings
    ):
        settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
        settings.CACHE_PART_SECONDS = 0  # the whole render: publishing asks the menu again
        url = body_a.public_url("ru", "requests_register")
        client.get(url)  # the site's menu and home are cached after the first page
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        for _n in range(5):
            request = factories.registered(body_a, by=editor_a)
            services.publish(request=request, public_question="Вопрос", is_public=True, by=editor_a)
        with django_assert_max_num_queries(16), CaptureQueriesContext(connection) as six:
            client.get(url)
        assert len(six) == len(one)  # no query per row

    def test_the_register_downloads_as_csv_with_no_personal_data(self, client, body_a, answered):
        response = client.get(body_a.public_url("ru", "requests_csv"))
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert response["Content-Type"].startswith("text/csv")
        assert answered.reference in text and "Ответ: 12 млн сом" in text
        assert "Асан" not in text and "asan@example.kg" not in text

    def test_another_body_s_request_is_not_on_this_body_s_site(
        self, client, body_a, body_b, answered
    ):
        url = body_b.public_url("ru", "requests_detail", reference=answered.reference)
        assert client.get(url).status_code == 404


def test_with_no_email_url_the_letter_is_printed_with_its_link(client, body_a, settings, capsys):
    """The embedded default (EMAIL_URL unset): `make run`'s worker prints every letter."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert client.post(ask_url(body_a), FORM).status_code == 302
    printed = capsys.readouterr().out
    assert "asan@example.kg" in printed and "/burana/ru/requests/confirm/" in printed
