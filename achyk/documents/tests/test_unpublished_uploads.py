"""An upload stays unpublished until its title and language are given: a bulk upload saves
each file with its name as title and no language, and readers see it only once the uploader
has given them (the download answers 404, the lists and search leave it out); its body's
staff open it meanwhile, another body's staff do not."""

import pytest
from django.utils import translation

from achyk.content.tests.test_page_editor import speak
from achyk.documents.models import Document
from achyk.documents.tests import files
from achyk.ui.tests import samples


def bulk_upload(client, body, name="токтом.pdf"):
    upload = samples.upload(name, files.text_pdf([["ң"]]))
    response = client.post(
        "/admin/documents/multiple/add/", {"collection": body.collection_id, "files[]": upload}
    )
    assert response.status_code == 200, response.content.decode()[:1000]
    return Document.objects.get(title=name)


def update(client, document, **fields):
    data = {"title": document.title, "collection": document.collection_id, "description": "",
            "tags": "", "act": "", "language": "", **fields}  # fmt: skip
    prefixed = {f"doc-{document.pk}-{key}": value for key, value in data.items()}
    return client.post(f"/admin/documents/multiple/{document.pk}/", prefixed)


def test_a_bulk_upload_waits_for_its_title_and_language(client, body_a, body_b, editor_a):
    speak(client, editor_a, "ky")
    document = bulk_upload(client, body_a)

    assert not document.is_published
    assert not Document.objects.public_for_body(body_a).filter(pk=document.pk).exists()
    assert client.get(document.url).status_code == 200  # its body's staff open it
    client.logout()
    assert client.get(document.url).status_code == 404  # readers do not

    speak(client, editor_a, "ky")
    response = update(client, document, title="Бюджет жөнүндө токтом", language="ky")

    assert response.status_code == 200 and response.json()["success"], response.content[:1000]
    document.refresh_from_db()
    assert document.is_published and document.title == "Бюджет жөнүндө токтом"
    client.logout()
    assert client.get(document.url).status_code == 200


def test_another_bodys_staff_cannot_open_an_unpublished_upload(
    client, body_a, body_b, editor_a, editor_b
):
    speak(client, editor_a, "ky")
    document = bulk_upload(client, body_a)
    speak(client, editor_b, "ky")

    assert client.get(document.url).status_code == 404


def test_the_bulk_upload_screen_says_files_wait_for_title_and_language(client, body_a, editor_a):
    speak(client, editor_a, "ky")
    html = client.get("/admin/documents/multiple/add/").content.decode()
    with translation.override("ky"):
        expected = translation.gettext(
            "Readers do not see an uploaded file until you give its title and language below "
            "it and press “Update”."
        )
    assert "data-unpublished-uploads" in html and expected in html
    assert "Readers do not see" not in html  # in Kyrgyz


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_edit_form_of_an_unpublished_upload_says_readers_do_not_see_it(
    client, body_a, editor_a, language
):
    speak(client, editor_a, "ky")
    document = bulk_upload(client, body_a)
    speak(client, editor_a, language)

    html = client.get(f"/admin/documents/edit/{document.pk}/").content.decode()

    with translation.override(language):
        expected = translation.gettext(
            "Readers do not see this document yet: give its title and its language, then save."
        )
    assert expected in html and "Readers do not see" not in html


def test_a_single_upload_without_a_language_is_kept_unpublished_with_a_warning(
    client, body_a, editor_a
):
    speak(client, editor_a, "ru")
    response = client.post(
        "/admin/documents/add/",
        {"title": "Эскертүү", "collection": body_a.collection_id, "language": "",
         "file": samples.upload("note.txt", "Эскертүү".encode())},
        follow=True,
    )  # fmt: skip

    document = Document.objects.get(title="Эскертүү")
    assert not document.is_published
    with translation.override("ru"):
        expected = translation.gettext(
            "Readers do not see this document until it has a title and a language."
        )
    assert expected in response.content.decode()
