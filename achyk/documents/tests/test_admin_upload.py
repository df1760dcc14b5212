"""Uploading a file in the admin asks for its place in the registry, with defaults."""

import pytest
from django.utils import timezone, translation

from achyk.documents.models import Act, ActStatus, Document
from achyk.documents.tests import factories, files
from achyk.ui.tests import samples


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    return client


def upload(client, body, name, data, **extra):
    return client.post(
        "/admin/documents/add/",
        {"title": "Бюджет жөнүндө <токтом>", "collection": body.collection_id,
         "file": samples.upload(name, data), **extra},
    )  # fmt: skip


def test_upload_form_offers_act_metadata_with_defaults(editor, body_a):
    html = editor.get("/admin/documents/add/").content.decode()
    assert 'name="act_type"' in html and 'name="act_number"' in html
    assert f'value="{timezone.localdate().isoformat()}"' in html or "act_adopted_on" in html
    assert '<option value="in_force" selected>' in html
    assert f'<option value="{body_a.default_language}" selected>' in html


def test_upload_with_a_type_makes_a_new_act_and_reads_its_text(editor, body_a, editor_a):
    pdf = files.text_pdf([["Токтом № 7: ң ө ү"]])
    response = upload(editor, body_a, "токтом.pdf", pdf, act_type=_type("budget"),
                      act_number="7", act_adopted_on="2026-11-20", act_adopted_by="council",
                      act_status="in_force", language="ky")  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    act = document.act
    assert (act.body, act.number, act.status, act.type.code) == (body_a, "7", "in_force", "budget")
    assert act.title == "Бюджет жөнүндө <токтом>"
    assert document.language == "ky" and "ң ө ү" in document.text
    assert [c.action for c in act.changes.all()] == ["file", "created"]
    assert {c.user for c in act.changes.all()} == {editor_a}


def test_upload_as_the_russian_version_of_an_existing_act(editor, body_a):
    act = factories.act(body_a)
    response = upload(editor, body_a, "ru.docx", files.docx(["Текст"]), act=act.pk, language="ru")
    assert response.status_code == 302
    assert act.files.get().language == "ru"


def test_another_bodys_act_cannot_be_chosen(editor, body_a, body_b):
    foreign = factories.act(body_b)
    response = upload(editor, body_a, "a.pdf", files.text_pdf([["x"]]), act=foreign.pk,
                      language="ky")  # fmt: skip
    assert response.status_code == 200
    assert not Document.objects.exists()
    assert "Жер тилкелери" not in response.content.decode()  # the foreign act is not offered


def test_a_disguised_file_is_still_refused_with_metadata(editor, body_a):
    response = upload(editor, body_a, "act.pdf", samples.HTML, act_type=_type("other"),
                      language="ky")  # fmt: skip
    assert response.status_code == 200
    assert not Act.objects.exists() and not Document.objects.exists()


def test_plain_upload_without_metadata_still_works(editor, body_a):
    response = upload(editor, body_a, "note.txt", "Эскертүү".encode())
    assert response.status_code == 302
    assert Document.objects.get().act is None
    assert ActStatus.IN_FORCE  # defaults exist for the acts made later


def _type(code):
    from achyk.documents.models import DocumentType

    return DocumentType.objects.get(code=code).pk


def test_upload_form_names_the_languages_each_act_lacks_in_the_users_language(editor, body_a):
    act = factories.act(body_a, title="Жайыт жөнүндө", number="3")
    factories.version(act, "ky", "ky.pdf", files.text_pdf([["Текст"]]))
    complete = factories.act(body_a, title="Толук", number="4")
    factories.version(complete, "ky", "ky2.pdf", files.text_pdf([["Текст"]]))
    factories.version(complete, "ru", "ru2.pdf", files.text_pdf([["Текст"]]))
    editor.cookies["django_language"] = "en"
    with translation.override("en"):
        html = editor.get("/admin/documents/add/").content.decode()
    assert "Жайыт жөнүндө № 3 (no file in: Russian)</option>" in html
    assert "Толук № 4</option>" in html


def test_saving_a_version_warns_of_the_others_still_missing_without_blocking(editor, body_a):
    act = factories.act(body_a, title="Жайыт жөнүндө", number="3")
    editor.cookies["django_language"] = "en"
    with translation.override("en"):
        response = upload(editor, body_a, "ky.pdf", files.text_pdf([["Текст"]]), act=act.pk,
                          language="ky")  # fmt: skip
        assert response.status_code == 302
        page = editor.get(response["Location"]).content.decode()
    assert act.files.get().language == "ky"
    assert "The act “Жайыт жөнүндө № 3” has no file in: Russian." in page

    with translation.override("en"):
        response = upload(editor, body_a, "ru.pdf", files.text_pdf([["Текст"]]), act=act.pk,
                          language="ru")  # fmt: skip
        page = editor.get(response["Location"]).content.decode()
    assert act.files.count() == 2 and "has no file in" not in page


def test_edit_form_of_a_version_warns_above_the_fields(editor, body_a):
    act = factories.act(body_a, title="Жайыт", number="3")
    document = factories.version(act, "ru", "ru.pdf", files.text_pdf([["Текст"]]))
    editor.cookies["django_language"] = "en"
    with translation.override("en"):
        html = editor.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    warning = '<div class="help-block help-warning" role="status"><p>This act has no file in:'
    assert f"{warning} Kyrgyz." in html
    factories.version(act, "ky", "ky.pdf", files.text_pdf([["Текст"]]))
    with translation.override("en"):
        html = editor.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert "help-warning" not in html


def test_kazakh_body_is_warned_of_kazakh_and_russian(client, platform):
    from achyk.bodies.tests import factories as body_factories

    body = body_factories.body(slug="zhanakorgan", name="Жаңақорған", country="KZ")
    user = body_factories.staff(body, username="kk_editor")
    act = factories.act(body, title="Шешім", number="1")
    factories.version(act, "ru", "ru.pdf", files.text_pdf([["Текст"]]))
    client.force_login(user)
    client.cookies["django_language"] = "ru"
    with translation.override("ru"):
        html = client.get("/admin/documents/add/").content.decode()
    option = html.split('">Шешім № 1 (', 1)[1].split("</option>", 1)[0]
    assert "Казахский" in option and "Русский" not in option  # kk and ru required; ru is there
