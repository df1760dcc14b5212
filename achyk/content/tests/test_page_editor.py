"""The page editor of a body's page: which language it edits, and its first action."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from achyk.content.tests import factories as f


def speak(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.cookies["django_language"] = language
    client.force_login(user)


def edit(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def language_badge(html):
    """(code, visible name) of the language badge in the editor's header."""
    found = re.search(r'data-page-language="(\w+)">.*?</span>([^<]*)</span>', html, re.S)
    assert found, "no language badge in the editor's header"
    return found[1], found[2].strip()


@pytest.mark.parametrize(("admin_language", "name"), [("ru", "Русский"), ("ky", "Орусча")])
def test_the_editor_names_the_language_of_a_russian_page(
    client, body_a, body_b, editor_a, admin_language, name
):
    page = f.translate(f.news(body_a, "ky", slug="suu"), "ru", title="Водопровод", slug="vodo")
    speak(client, editor_a, admin_language)

    assert language_badge(edit(client, page)) == ("ru", name)


def test_the_editor_names_the_language_of_a_kyrgyz_page(client, body_a, body_b, editor_a):
    page = f.news(body_a, "ky", title="Суу түтүгү", slug="suu")
    speak(client, editor_a, "ru")

    assert language_badge(edit(client, page)) == ("ky", "Кыргызский")


def test_another_bodys_page_has_no_editor_for_this_bodys_staff(client, body_a, body_b, editor_a):
    page = f.news(body_b, "ru", title="Көк-Жар", slug="kok")
    speak(client, editor_a, "ru")

    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 404


def actions(html):
    """(main button, the buttons in its menu) of the editor's action menu: names and labels."""
    footer = html[html.index("<footer") : html.index("</footer>")]
    main, rest = footer[footer.index("<button") :].split("</button>", 1)
    dropdown = ""
    if "w-dropdown__content" in rest:  # a menu is drawn when there is more than one action
        dropdown = rest[rest.index("w-dropdown__content") : rest.index("</div>")]

    def describe(fragment):
        name = re.search(r'name="([\w-]+)"', fragment)
        label = re.search(r'data-w-progress-target="label">([^<]+)<', fragment)
        return (name[1] if name else "", label[1] if label else "")

    return describe(main), [describe(b) for b in dropdown.split("</button>")[:-1]]


def test_publish_is_the_editors_main_button_and_save_draft_is_in_its_menu(
    client, body_a, body_b, editor_a
):
    page = f.news(body_a, "ky", title="Суу түтүгү", slug="suu")
    speak(client, editor_a, "ru")

    main, menu = actions(edit(client, page))

    assert main == ("action-publish", "Опубликовать")
    assert ("", "Сохранить черновик") in menu  # Wagtail's save button has no name


def test_publish_is_the_main_button_of_a_new_page_too(client, body_a, body_b, admin_a):
    home = body_a.site.root_page
    speak(client, admin_a, "ky")
    url = reverse("wagtailadmin_pages:add", args=["content", "standardpage", home.pk])
    response = client.get(url)
    assert response.status_code == 200

    main, _menu = actions(response.content.decode())

    assert main[0] == "action-publish"


def test_staff_who_may_not_publish_keep_save_draft_first(client, body_a, body_b, editor_a):
    GroupPagePermission.objects.filter(
        group__in=editor_a.groups.all(), permission__codename="publish_page"
    ).delete()
    page = f.news(body_a, "ky", title="Суу түтүгү", slug="suu")
    speak(client, editor_a, "ru")

    main, menu = actions(edit(client, page))

    assert main == ("", "Сохранить черновик")
    assert "action-publish" not in [name for name, _label in menu]


def test_publish_of_another_bodys_staff_is_first_on_their_own_pages(
    client, body_a, body_b, editor_b
):
    page = f.news(body_b, "ky", title="Көк-Жар", slug="kok")
    speak(client, editor_b, "ru")

    assert actions(edit(client, page))[0][0] == "action-publish"


TEXT = json.dumps({"entityMap": {}, "blocks": [{
    "key": "a1b2c", "type": "unstyled", "depth": 0, "text": "Айыл аймак жөнүндө",
    "inlineStyleRanges": [], "entityRanges": [], "data": {},
}]})  # fmt: skip


def error_summary(html):
    """The items of the editor's error summary, as text."""
    found = re.search(r"<section[^>]*data-editor-errors>(.*?)</section>", html, re.S)
    assert found, "no error summary"
    items = re.findall(r"<li>(.*?)</li>", found[1], re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def test_an_error_on_a_hidden_tab_is_named_above_the_form(client, body_a, body_b, editor_a):
    page = f.standard(body_a, "ky", title="Маалымат", slug="maalymat")
    speak(client, editor_a, "ru")
    assert "data-editor-errors" not in edit(client, page)  # nothing to correct yet
    data = nested_form_data({
        "title": "Маалымат", "slug": "жаман дарек!", "intro": "", "body": TEXT,
        "comments": inline_formset([]), "action-publish": "publish",
    })  # fmt: skip

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert error_summary(html) == [
        "Продвижение › Слаг: Значение должно состоять только из символов входящих в стандарт "
        "Юникод, цифр, символов подчёркивания или дефисов."
    ]  # the tab, the field and its error, in the admin's language
    assert html.index("data-editor-errors") < html.index('id="page-edit-form"')
