"""A Kazakh body's social order in Kazakh and Russian: its staff type the programme's, the
call's and the criteria's texts in the languages the body publishes in (Kazakh fields, no
Kyrgyz ones), readers read them in their language; a Kyrgyz body's staff see no Kazakh field;
a text with no title in any language is refused with a message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from achyk.bodies.tests import factories as bodies
from achyk.social_order.models import Call, Programme

from . import factories as f
from .test_admin import _call_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def kazakh(body_a):  # body_a: the shared platform under it
    body = bodies.body(slug="zhana-turmys", country="KZ", name="Жаңа тұрмыс")
    return body, bodies.staff(body)


def test_a_kazakh_body_s_staff_type_kazakh_and_russian_and_readers_read_them(client, kazakh):
    body, clerk = kazakh
    assert body.language_list == ["kk", "ru"] and body.time_zone == "Asia/Almaty"
    call = f.call(body, state="draft")
    client.force_login(clerk)
    edit = reverse("social_calls:edit", args=[call.pk])
    form = client.get(edit).content.decode()
    assert 'name="title_kk"' in form and 'name="topic_kk"' in form
    assert 'name="title_ky"' not in form and 'name="criteria-0-title_kk"' in form
    data = {k: v for k, v in _call_form(call).items() if not k.endswith("_ky")}
    data |= {"title_kk": "Қарттарға үйде қызмет көрсету", "title_ru": "Услуги пожилым на дому",
             "topic_kk": "Жалғыз қарттарға әлеуметтік қызмет",
             "criteria-0-title_kk": "Өзектілігі", "criteria-1-title_kk": "Бюджеті"}  # fmt: skip
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    Call.objects.filter(pk=call.pk).update(state="open")
    kk = client.get(body.public_url("kk", "social_order_call", pk=call.pk)).content.decode()
    assert "Қарттарға үйде қызмет көрсету" in kk and "Жалғыз қарттарға әлеуметтік қызмет" in kk
    assert "23:59 (Asia/Almaty)" in kk  # the deadline as Almaty's clock shows it
    ru = client.get(body.public_url("ru", "social_order_call", pk=call.pk)).content.decode()
    assert "Услуги пожилым на дому" in ru


def test_a_kyrgyz_body_s_staff_see_no_kazakh_field(client, body_a, editor_a):
    call = f.call(body_a, state="draft")
    client.force_login(editor_a)
    form = client.get(reverse("social_calls:edit", args=[call.pk])).content.decode()
    assert 'name="title_ky"' in form and 'name="title_kk"' not in form
    programme = client.get(reverse("social_programmes:add")).content.decode()
    assert 'name="topics_ky"' in programme and 'name="topics_kk"' not in programme


def test_a_title_in_no_language_is_refused_with_a_message(client, kazakh):
    body, clerk = kazakh
    client.force_login(clerk)
    profile = UserProfile.get_for_user(clerk)
    profile.preferred_language = "ru"
    profile.save()
    empty = {"year": "2027", "title_ru": "", "title_kk": "", "budget": "1000"}
    response = client.post(reverse("social_programmes:add"), empty)
    assert response.status_code == 200 and not Programme.objects.filter(year=2027).exists()
    with translation.override("ru"):  # the clerk reads the admin in Russian
        message = gettext("Give the programme a title in at least one language.")
    assert message in response.content.decode()
    with pytest.raises(ValidationError):
        Call(body=body, title_kk="", title_ru="").clean()
    call = Call(body=body, title_kk="Қазақша", opens_at=datetime.datetime.now(datetime.UTC))
    call.clean()  # a Kazakh title alone is enough
