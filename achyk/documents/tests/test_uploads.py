"""The admin's document uploads (single and multiple) refuse disguised files, keep good ones,
and the public serves every document so that a browser cannot run it."""

import pytest
from django.utils import translation

from achyk.documents.models import Document
from achyk.ui.tests import samples


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    return client


def add_document(client, body, name, data, **extra):
    return client.post(
        "/admin/documents/add/",
        {"title": "Токтом №1 <b>", "collection": body.collection_id,
         "file": samples.upload(name, data), **extra},
    )  # fmt: skip


def test_html_named_pdf_is_refused_with_a_clear_message_and_nothing_saved(editor, body_a):
    response = add_document(editor, body_a, "report.pdf", samples.HTML)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This file is not a PDF: its content is HTML." in html or "HTML" in html
    assert not Document.objects.exists()


def test_refusal_is_in_the_editors_language(editor, body_a):
    editor.cookies["django_language"] = "en"
    with translation.override("en"):
        response = add_document(editor, body_a, "report.pdf", samples.HTML)
    html = response.content.decode()
    assert "This file is not a PDF: its content is HTML." in html
    assert html.count("its content is HTML") == 1  # one message, not a pile of them


def test_a_real_pdf_is_saved_in_the_body(editor, body_a):
    response = add_document(editor, body_a, "решение.pdf", samples.pdf())
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.body == body_a


def test_multiple_upload_refuses_a_disguised_file(editor, body_a):
    response = editor.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": samples.upload("budget.xlsx", samples.HTML),
            "collection": body_a.collection_id,
        },
    )
    data = response.json()
    assert data["success"] is False
    assert "its content is HTML" in data["error_message"] or "HTML" in data["error_message"]
    assert not Document.objects.exists()


def test_multiple_upload_keeps_a_good_file(editor, body_a):
    response = editor.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": samples.upload("budget.xlsx", samples.xlsx()),
            "collection": body_a.collection_id,
        },
    )
    assert response.json()["success"] is True
    assert Document.objects.get().body == body_a


def test_file_over_the_limit_is_refused(editor, body_a, settings):
    settings.ACHYK_MAX_UPLOAD_BYTES = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(editor, body_a, "big.txt", b"a" * 2048)
    assert response.status_code == 200
    assert not Document.objects.exists()


def saved(body, name, data) -> Document:
    from django.core.files.base import ContentFile

    document = Document(title=name, collection_id=body.collection_id)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def test_documents_other_than_pdf_are_downloads_not_pages(client, body_a):
    document = saved(body_a, "notes.txt", b"<html><script>alert(1)</script>")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_pdf_opens_inline_but_cannot_run_scripts(client, body_a):
    document = saved(body_a, "act.pdf", samples.pdf())
    response = client.get(document.url)
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_missing_document_is_404(client, db):
    assert client.get("/documents/99999/missing.pdf").status_code == 404


def test_pdf_hiding_javascript_in_an_escaped_object_stream_is_refused_at_upload(editor, body_a):
    from achyk.ui.tests import hostile_files

    attack = hostile_files.pdf_with_object_stream(
        {5: hostile_files.JS_ACTION}, b"/OpenAction 5 0 R"
    )
    editor.cookies["django_language"] = "en"
    response = add_document(editor, body_a, "act.pdf", attack)
    assert response.status_code == 200
    assert "This PDF contains JavaScript, which we do not accept." in response.content.decode()
    assert not Document.objects.exists()


def test_docx_zip_bomb_is_refused_at_upload_and_nothing_is_saved(editor, body_a):
    from achyk.ui.tests import hostile_files

    editor.cookies["django_language"] = "en"
    response = add_document(editor, body_a, "act.docx", hostile_files.zip_bomb_docx(300))
    assert response.status_code == 200
    assert "more than the 100.0" in response.content.decode()
    assert not Document.objects.exists()
