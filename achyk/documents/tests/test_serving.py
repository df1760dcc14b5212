"""The public download of documents (/documents/<id>/<name>) serves only what readers may see:
ids are sequential, so an archived document or one of a body taken off the platform must be
answered like a missing one, not merely left off the lists."""

from django.urls import reverse

from achyk.content.tests import factories
from achyk.documents.models import Document


def downloaded(client, document) -> int:
    response = client.get(document.url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    return response.status_code


def test_a_public_document_is_served(client, body_a):
    assert downloaded(client, factories.document(body_a)) == 200


def test_an_archived_document_answers_404_like_a_missing_one(client, body_a):
    document = factories.document(body_a, archived=True)
    response = client.get(document.url)
    assert response.status_code == 404
    missing = client.get(f"/documents/{document.pk + 1000}/{document.filename}")
    assert missing.status_code == 404


def test_archiving_in_the_bin_stops_the_download_and_restoring_brings_it_back(
    client, editor_a, body_a
):
    document = factories.document(body_a)
    url = document.url
    staff = client.__class__()
    staff.force_login(editor_a)
    staff.post(reverse("bin:archive_document", args=[document.pk]))
    assert client.get(url).status_code == 404
    assert staff.get(url).status_code == 404  # staff too: the bin restores it
    staff.post(reverse("bin:restore_document", args=[document.pk]))
    assert downloaded(client, Document.objects.get(pk=document.pk)) == 200


def test_documents_of_a_body_taken_off_the_platform_answer_404(client, body_a, body_b):
    document = factories.document(body_a)
    other = factories.document(body_b)
    body_a.is_active = False
    body_a.save()
    assert client.get(document.url).status_code == 404
    assert downloaded(client, other) == 200
