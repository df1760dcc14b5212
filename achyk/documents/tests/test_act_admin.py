"""The registry in the admin: staff manage their own body's acts, the history names them, a
missing language version is pointed out, and document types are the platform admin's."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.text import capfirst

from achyk.documents.models import Act, ActStatus, DocumentType
from achyk.documents.tests import factories, files


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    return client


@pytest.fixture
def superuser(client, platform):
    user = get_user_model().objects.create_superuser("root", "root@example.kg", "x")
    client.force_login(user)
    return client


def act_data(**extra):
    return {"type": DocumentType.objects.get(code="head-order").pk, "title_ky": "Буйрук «ң»",
            "number": "5-б", "adopted_on": "2026-11-02", "adopted_by": "head",
            "signatory": "А. Асанов", "status": "in_force", "tags": "", **extra}  # fmt: skip


def test_editor_adds_an_act_to_their_body_and_the_history_names_them(editor, body_a, editor_a):
    response = editor.post("/admin/acts/new/", act_data())
    assert response.status_code == 302
    act = Act.objects.get()
    assert (act.body, act.number, act.adopted_by) == (body_a, "5-б", "head")
    change = act.changes.get()
    assert (change.action, change.user) == ("created", editor_a)


def test_the_list_of_acts_opens_each_act_from_its_title(editor, body_a):
    act = factories.act(body_a, title="Жер салыгы жөнүндө")

    html = editor.get("/admin/acts/").content.decode()

    assert re.search(rf'<a [^>]*href="/admin/acts/edit/{act.pk}/"[^>]*>\s*Жер салыгы жөнүндө', html)


def test_add_form_defaults_to_today_and_in_force(editor, body_a):
    html = editor.get("/admin/acts/new/").content.decode()
    assert timezone.localdate().isoformat() in html
    assert '<option value="in_force" selected>' in html


def test_edit_records_which_fields_changed(editor, body_a, editor_a):
    act = factories.act(body_a, number="1")
    response = editor.post(f"/admin/acts/edit/{act.pk}/", act_data(status="expired"))
    assert response.status_code == 302
    change = act.changes.first()
    assert change.action == "changed" and change.user == editor_a
    assert set(change.details["fields"]) >= {"status", "number", "type", "signatory"}


def test_links_set_in_the_admin_are_shown_both_ways(editor, body_a):
    old = factories.act(body_a, title="Эски")
    new = factories.act(body_a, title="Жаңы")
    editor.post(f"/admin/acts/edit/{new.pk}/", act_data(title_ky="Жаңы", amends=[old.pk]))
    old.refresh_from_db()
    assert old.status == ActStatus.AMENDED
    assert list(old.incoming.values_list("from_act", flat=True)) == [new.pk]
    html = editor.get(f"/admin/acts/edit/{old.pk}/").content.decode()
    assert f"/admin/acts/edit/{new.pk}/" in html


def test_missing_language_version_is_pointed_out(editor, body_a):
    act = factories.act(body_a)
    factories.version(act, "ky", "ky.pdf", files.text_pdf([["Текст"]]))
    editor.cookies["django_language"] = "en"
    with translation.override("en"):
        html = editor.get(f"/admin/acts/edit/{act.pk}/").content.decode()
    assert "This act has no file in: Russian." in html


def test_act_list_shows_only_the_users_body(editor, body_a, body_b):
    factories.act(body_a, title="Биздин токтом")
    factories.act(body_b, title="Башкалардын токтому")
    html = editor.get("/admin/acts/").content.decode()
    assert "Биздин токтом" in html and "Башкалардын токтому" not in html


def test_editor_of_another_body_gets_404_on_act_edit(client, body_a, editor_b):
    act = factories.act(body_a)
    client.force_login(editor_b)
    assert client.get(f"/admin/acts/edit/{act.pk}/").status_code == 404
    assert client.post(f"/admin/acts/delete/{act.pk}/").status_code == 404
    assert Act.objects.filter(pk=act.pk).exists()


def test_another_bodys_act_cannot_be_linked(editor, body_a, body_b):
    act = factories.act(body_a)
    foreign = factories.act(body_b)
    response = editor.post(f"/admin/acts/edit/{act.pk}/", act_data(repeals=[foreign.pk]))
    assert response.status_code == 200
    assert not act.outgoing.exists()


def test_document_types_are_not_for_body_staff(editor, body_a):
    assert editor.get("/admin/document_types/").status_code in (302, 403)
    response = editor.get("/admin/document_types/edit/1/")
    assert response.status_code in (403, 404)


def test_platform_admin_extends_the_type_list(superuser, body_a):
    before = DocumentType.objects.count()
    response = superuser.post(
        "/admin/document_types/new/",
        {"code": "protocol-hearing", "name_ky": "Угуунун протоколу",
         "name_ru": "Протокол слушаний", "name_kk": "", "name_en": "", "order": 95},
    )  # fmt: skip
    assert response.status_code == 302
    assert DocumentType.objects.count() == before + 1
    assert DocumentType.objects.filter(code="protocol-hearing").exists()
    html = superuser.get("/admin/acts/new/").content.decode()
    assert "Угуунун протоколу" in html or "Протокол слушаний" in html


def test_saving_an_act_with_a_missing_version_warns_after_the_save(editor, body_a):
    act = factories.act(body_a, number="1")
    factories.version(act, "ru", "ru.pdf", files.text_pdf([["Текст"]]))
    editor.cookies["django_language"] = "en"
    with translation.override("en"):
        response = editor.post(f"/admin/acts/edit/{act.pk}/", act_data(), follow=True)
    html = response.content.decode()
    assert "has no file in: Kyrgyz. Upload the missing versions." in html
    act.refresh_from_db()
    assert act.number == "5-б"  # saved all the same


def test_body_admin_deletes_an_act_after_confirming_it_and_an_editor_may_not(
    client, body_a, admin_a, editor_a
):
    act = factories.act(body_a, title="Өчүрүлчү буйрук")
    client.force_login(editor_a)
    assert client.get(f"/admin/acts/delete/{act.pk}/").status_code == 403
    client.force_login(admin_a)
    confirmation = client.get(f"/admin/acts/delete/{act.pk}/")
    assert confirmation.status_code == 200
    assert "Өчүрүлчү буйрук" in confirmation.content.decode()
    assert client.post(f"/admin/acts/delete/{act.pk}/").status_code == 302
    assert not Act.objects.filter(pk=act.pk).exists()


def test_editor_opens_the_history_and_the_usage_of_an_act(editor, body_a):
    act = factories.act(body_a, title="Тарыхы бар буйрук")
    for url in (f"/admin/acts/history/{act.pk}/", f"/admin/acts/history-results/{act.pk}/",
                f"/admin/acts/usage/{act.pk}/"):  # fmt: skip
        response = editor.get(url)
        assert response.status_code == 200, url


def test_an_act_has_a_title_in_each_language_of_its_body(client, body_a, body_b, editor_a):
    from achyk.content.tests.test_page_editor import speak

    speak(client, editor_a, "ru")
    html = client.get("/admin/acts/new/").content.decode()
    assert 'name="title_ky"' in html and 'name="title_ru"' in html
    assert 'name="title_kk"' not in html  # Burana writes in Kyrgyz and Russian
    with translation.override("ru"):
        assert capfirst(translation.gettext("title (Kyrgyz)")) in html

    response = client.post("/admin/acts/new/", act_data(title_ru="Приказ «ң»"))

    assert response.status_code == 302
    act = Act.objects.get()
    assert (act.title, act.title_ky, act.title_ru) == ("Буйрук «ң»", "Буйрук «ң»", "Приказ «ң»")
    assert (act.title_in("ru"), act.title_in("ky"), act.title_in("kk")) == (
        "Приказ «ң»", "Буйрук «ң»", "Буйрук «ң»",
    )  # fmt: skip


def test_the_title_in_the_bodys_language_is_required(client, body_a, editor_a):
    from achyk.content.tests.test_page_editor import speak

    speak(client, editor_a, "ky")
    response = client.post("/admin/acts/new/", act_data(title_ky="", title_ru="Приказ"))

    assert response.status_code == 200 and not Act.objects.exists()
    with translation.override("ky"):
        assert translation.gettext("This field is required.") in response.content.decode()
