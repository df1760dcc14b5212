"""The "Translate" screen of a body's page offers the body's own languages only."""

import re

from django.urls import reverse
from wagtail.models import Locale, Page

from achyk.content.tests import factories as f


def translate_url(page):
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def offered(response):
    return sorted(
        locale.language_code for locale in response.context["form"].fields["locales"].queryset
    )


def test_a_page_is_offered_the_bodys_other_languages_only(client, body_a, body_b, editor_a):
    assert body_a.language_list == ["ky", "ru"]
    page = f.news(body_a, "ky", title="Суу түтүгү", slug="suu")
    client.force_login(editor_a)

    response = client.get(translate_url(page))

    assert response.status_code == 200
    assert offered(response) == ["ru"]
    russian = Locale.objects.get(language_code="ru")
    boxes = re.findall(r'name="locales" value="(\d+)"', response.content.decode())
    assert boxes == [str(russian.pk)]  # the checkboxes drawn: Russian, no English, no Kazakh


def test_a_bodys_home_is_not_offered_languages_the_body_does_not_publish_in(
    client, body_a, editor_a
):
    home = body_a.site.root_page  # its parent is the tree's root: Wagtail would offer all
    client.force_login(editor_a)

    response = client.get(translate_url(home))

    assert response.status_code == 200
    assert offered(response) == []  # the Russian home is there already


def test_posting_a_foreign_language_is_refused_without_a_copy(client, body_a, body_b, editor_a):
    page = f.news(body_a, "ky", title="Тек кыргызча", slug="tek")
    english = Locale.objects.get(language_code="en")
    client.force_login(editor_a)

    response = client.post(translate_url(page), {"locales": [english.pk]})

    assert response.status_code == 200  # the form again, with its error
    assert response.context["form"].errors["locales"]
    assert not Page.objects.filter(translation_key=page.translation_key, locale=english).exists()


def test_the_bodys_own_language_is_still_translated(client, body_a, body_b, editor_a):
    page = f.news(body_a, "ky", title="Жаңылык", slug="jangylyk")
    russian = Locale.objects.get(language_code="ru")
    client.force_login(editor_a)

    response = client.post(translate_url(page), {"locales": [russian.pk]})

    copy = Page.objects.get(translation_key=page.translation_key, locale=russian)
    assert response.status_code == 302 and response["Location"].endswith(f"/pages/{copy.pk}/edit/")


def test_another_bodys_page_is_not_found(client, body_a, body_b, editor_a):
    page = f.news(body_b, "ky", title="Көк-Жар", slug="kok")
    client.force_login(editor_a)

    assert client.get(translate_url(page)).status_code == 404
    assert client.post(translate_url(page), {"locales": []}).status_code == 404
