"""Uploading a file in the admin asks for its place in the registry, with defaults."""

import pytest
from django.utils import timezone

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
