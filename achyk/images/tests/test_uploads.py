"""The admin's image uploads (single and multiple) take real images only."""

import pytest

from achyk.images.models import Image
from achyk.ui.tests import samples


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    return client


def test_svg_named_png_is_refused(editor, body_a):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = editor.post(
        "/admin/images/add/",
        {
            "title": "Лого",
            "collection": body_a.collection_id,
            "file": samples.upload("logo.png", svg),
        },
    )
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_real_image_is_saved_in_the_body(editor, body_a):
    response = editor.post(
        "/admin/images/add/",
        {"title": "Айыл", "collection": body_a.collection_id,
         "file": samples.upload("village.jpg", samples.image("JPEG", (40, 30)))},
    )  # fmt: skip
    assert response.status_code == 302
    assert Image.objects.get().body == body_a


def test_multiple_upload_refuses_a_polyglot(editor, body_a):
    response = editor.post(
        "/admin/images/multiple/add/",
        {"files[]": samples.upload("photo.png", samples.image() + b"<script>alert(1)</script>"),
         "collection": body_a.collection_id},
    )  # fmt: skip
    data = response.json()
    assert data["success"] is False
    assert data["error_message"]
    assert not Image.objects.exists()


def test_multiple_upload_refuses_a_decompression_bomb(editor, body_a):
    response = editor.post(
        "/admin/images/multiple/add/",
        {"files[]": samples.upload("bomb.png", samples.png_header_only(100_000, 100_000)),
         "collection": body_a.collection_id},
    )  # fmt: skip
    assert response.json()["success"] is False
    assert not Image.objects.exists()
