"""One language a page: list filters offer the body's own languages only, the home lists the
files of the page's language, and announcements follow the dates of their events."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from achyk.bodies.tests import factories as body_factories
from achyk.content.tests import factories as f


def language_options(html: str) -> list[str]:
    select = re.search(r'<select name="language"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no language filter"
    return [code for code in re.findall(r'<option value="([^"]*)"', select.group(1)) if code]


def test_documents_filter_offers_only_the_bodys_languages(client, body_a, body_b):
    body_factories.body(slug="ak-kol-kz", country="KZ", name="Ақкөл")  # Kazakh and Russian
    assert language_options(client.get("/burana/ky/documents/").content.decode()) == ["ky", "ru"]
    assert language_options(client.get("/kok-jar/ru/documents/").content.decode()) == ["ky", "ru"]
    kazakh = language_options(client.get("/ak-kol-kz/kk/documents/").content.decode())
    assert kazakh == ["ru", "kk"]  # in the platform's order of languages


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_body_home_lists_files_of_its_language_and_of_none(client, body_a, body_b, language):
    for code, title in (("ky", "Кыргызча токтом"), ("ru", "Русское постановление"),
                        ("", "Картасы")):  # fmt: skip
        document = f.document(body_a, title=title)
        document.language = code
        document.save()
    other = "ru" if language == "ky" else "ky"
    html = client.get(f"/burana/{language}/").content.decode()
    recent = html[html.index('id="h-docs"') :].split("</section>", 1)[0]
    own = {"ky": "Кыргызча токтом", "ru": "Русское постановление"}
    assert own[language] in recent and "Картасы" in recent
    assert own[other] not in recent
    assert "Картасы" not in client.get("/kok-jar/ky/").content.decode()


def test_announcements_follow_the_dates_of_their_events(client, body_a, body_b):
    now = timezone.now()
    for title, days in (("Кийинки жума", 7), ("Эртең", 1), ("Өткөн ай", -30), ("Кечээ", -1),
                        ("Датасыз", None)):  # fmt: skip
        f.announcement(
            body_a, "ky", title=title, event_start=None if days is None else now + timedelta(days)
        )
    html = client.get("/burana/ky/announcements/").content.decode()
    main = html[html.index('<main id="main"') :]
    shown = re.findall(r'<a href="/burana/ky/announcements/[^"]+/">([^<]+)</a>', main)
    assert shown == ["Эртең", "Кийинки жума", "Кечээ", "Өткөн ай", "Датасыз"]
    home = client.get("/burana/ky/").content.decode()
    upcoming = home[home.index('id="h-ann"') :].split("</section>", 1)[0]
    assert re.findall(r'<a href="/burana/ky/announcements/[^"]+/">([^<]+)</a>', upcoming) == [
        "Эртең",
        "Кийинки жума",
        "Датасыз",
    ]
    assert "Эртең" not in client.get("/kok-jar/ky/announcements/").content.decode()
