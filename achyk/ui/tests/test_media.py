"""Uploaded files served by the application (embedded default): pictures only."""

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
