"""A resident's appeal, once stored, is answered as received, even if the database goes away
before the thank-you page is drawn: an error then would make the resident send it again."""

import pytest
from django.db import OperationalError
from wagtail.contrib.forms.models import FormSubmission

from achyk.content.models import BasePage, FeedbackFormField, FeedbackFormPage

from . import factories as f

RECEIVED = "Рахмат, билдирүүңүз кабыл алынды."  # "Thank you, your message has been received."


@pytest.fixture
def reception(body_a):
    page = f.section(body_a, "ky", FeedbackFormPage)
    FeedbackFormField.objects.create(
        page=page, label="Кайрылуу", field_type="multiline", required=True, sort_order=0
    )
    return f.publish(page)


def _post(client, reception, text):
    field = FeedbackFormField.objects.get(page=reception).clean_name
    return client.post("/burana/ky/reception/", {field: text})


def _stored(text) -> bool:
    return any(text in str(s.form_data) for s in FormSubmission.objects.all())


def test_an_appeal_is_stored_and_thanked_for_on_the_body_s_page(client, reception):
    response = _post(client, reception, "Суу жок")
    html = response.content.decode()
    assert response.status_code == 200 and _stored("Суу жок")
    assert 'role="status"' in html and 'href="/burana/ky/reception/"' in html  # the site's menu


def test_a_database_gone_after_the_appeal_is_stored_still_answers_received(
    client, reception, monkeypatch
):
    def gone(self, request, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(BasePage, "get_context", gone)
    response = _post(client, reception, "Жол бузулду")
    html = response.content.decode()
    assert response.status_code == 200 and _stored("Жол бузулду")
    assert RECEIVED in html and 'href="/burana/ky/"' in html and "<form" not in html


def test_at_the_body_s_own_host_the_answer_links_the_home_there(client, body_a, monkeypatch):
    page = f.section(body_a, "ru", FeedbackFormPage)
    field = FeedbackFormField.objects.create(
        page=page, label="Обращение", field_type="multiline", required=True, sort_order=0
    )
    f.publish(page)

    def gone(self, request, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(BasePage, "get_context", gone)
    response = client.post(
        "/ru/reception/", {field.clean_name: "Нет света"}, HTTP_HOST="burana.localhost"
    )
    html = response.content.decode()
    assert response.status_code == 200 and _stored("Нет света")
    assert "Спасибо" in html and 'href="/ru/"' in html


def test_a_database_gone_before_the_appeal_is_stored_is_an_error(client, reception, monkeypatch):
    def gone(self, form):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(FeedbackFormPage, "process_form_submission", gone)
    client.raise_request_exception = False
    response = _post(client, reception, "Көпүрө")
    assert response.status_code == 500 and not _stored("Көпүрө")
