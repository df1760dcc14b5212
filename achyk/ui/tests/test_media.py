"""Uploaded files served by the application (embedded default): pictures only."""

import pytest

from achyk.content.tests import factories


def test_pictures_are_served_from_media(client, body_a):
    image = factories.image(body_a)
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"  # a JPEG


def test_documents_are_never_served_from_media_only_through_their_download_view(client, body_a):
    document = factories.document(body_a)
    assert client.get(f"/media/{document.file.name}").status_code == 404
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_paths_outside_the_picture_folders_are_404(client, db):
    for path in ("/media/", "/media/../achyk.sqlite3", "/media/documents/x.pdf", "/media/x"):
        # A 404 may first be redirected to the default language, like any unknown address.
        assert client.get(path, follow=True).status_code == 404, path


@pytest.fixture
def stored_document(body_a):
    document = factories.document(body_a)
    assert document.file.name.startswith("documents/")
    return document


@pytest.mark.parametrize(
    "spelling",
    [
        "original_images/../{doc}",
        "original_images/%2e%2e/{doc}",
        "original_images/..%2f{doc}",
        "original_images/%2e%2e%2f{doc}",
        "original_images%2f%2e%2e%2f{doc}",
        "images/%2E%2E/{doc}",
        "original_images//..//{doc}",
        "original_images/x/../../{doc}",
        "original_images/./../{doc}",
        "original_images/..\\{doc}",
        "original_images\\..\\{doc}",
        "original_images/%5c..%5c{doc}",
        "/{doc}",
        "//{doc}",
        "images/../images/../{doc}",
    ],
)
def test_a_document_cannot_be_reached_through_a_picture_folder(client, stored_document, spelling):
    path = "/media/" + spelling.format(doc=stored_document.file.name)
    response = client.get(path, follow=True)
    assert response.status_code == 404, path


def test_a_path_that_stays_inside_a_picture_folder_is_served_once_normalised(client, body_a):
    image = factories.image(body_a)
    folder, name = image.file.name.split("/", 1)
    response = client.get(f"/media/{folder}/./x/..//{name}")
    assert response.status_code == 200
