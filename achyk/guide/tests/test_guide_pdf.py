"""The printable guide: one PDF per language of the screenshots, with every chapter's title and
each step's screenshot, served from the panel to its staff only."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.utils import translation
from pypdf import PdfReader

from achyk.bodies.tests import factories as body_factories
from achyk.content.tests.test_page_editor import speak
from achyk.guide.chapters import CHAPTERS, shot_name


def read(response) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.replace("\u00a0", " ").split())


def drawn_images(reader: PdfReader) -> int:
    """How many times the pages draw an image (one screenshot may be drawn twice)."""
    return sum(
        1
        for page in reader.pages
        for _operands, operator in page.get_contents().operations
        if operator == b"Do"
    )


def shots(language: str) -> int:
    return sum(
        1
        for chapter in CHAPTERS
        for number in range(1, len(chapter.steps) + 1)
        if finders.find(shot_name(chapter, number, language))
    )


@pytest.mark.parametrize(("language", "word"), [("ky", "Колдонмо"), ("ru", "Руководство")])
def test_the_guide_prints_every_chapter_with_its_screenshots(
    client, body_a, editor_a, language, word
):
    speak(client, editor_a, "ky")

    response = client.get(f"/admin/guide/pdf/{language}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = read(response)
    assert word in text
    with translation.override(language):
        for chapter in CHAPTERS:
            assert " ".join(str(chapter.title).split()) in text, chapter.key
            assert " ".join(str(chapter.steps[0].text).split())[:40] in text, chapter.key
    assert drawn_images(reader) == shots(language) > 0
    assert len(reader.pages) > len(CHAPTERS)
    assert b"/ASCII85Decode" not in response.content  # pictures as bytes: a fifth smaller


def test_the_guides_index_links_to_each_printable_guide(client, body_a, editor_a):
    speak(client, editor_a, "ru")

    html = client.get("/admin/guide/").content.decode()

    assert 'href="/admin/guide/pdf/ky/" hreflang="ky"' in html
    assert 'href="/admin/guide/pdf/ru/" hreflang="ru"' in html


def test_only_the_languages_of_the_screenshots_print(client, body_a, editor_a):
    speak(client, editor_a, "ru")
    assert client.get("/admin/guide/pdf/kk/").status_code == 404
    assert client.get("/admin/guide/pdf/en/").status_code == 404


def test_only_staff_get_the_printable_guide(client, body_a):
    response = client.get("/admin/guide/pdf/ru/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    resident = get_user_model().objects.create_user(
        username="resident", password=body_factories.PASSWORD
    )
    client.force_login(resident)
    response = client.get("/admin/guide/pdf/ru/")
    assert response.status_code in (302, 403)
    assert response["Content-Type"] != "application/pdf"
