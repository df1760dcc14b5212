"""The version for the visually impaired: a plain form, a cookie, classes on <html>, no JS."""

import re

import pytest

from achyk.ui.accessibility import COOKIE_NAME


@pytest.fixture
def news_with_photo(body_a):
    from achyk.content.tests import factories as f

    return f.news(body_a, "ky", slug="suroot", image=f.image(body_a), image_alt="Мектептин сүрөтү")


def test_toggle_turns_the_version_on_remembers_it_and_returns_to_the_page(client, body_a):
    page = client.get("/burana/ky/news/").content.decode()
    assert 'action="/burana/accessibility/"' in page and 'name="toggle"' in page
    assert "csrfmiddlewaretoken" not in page  # public pages stay cookie-free and cacheable

    response = client.post("/burana/accessibility/", {"toggle": "1", "next": "/burana/ky/news/"})

    assert response.status_code == 302 and response["Location"] == "/burana/ky/news/"
    assert response.cookies[COOKIE_NAME]["max-age"] >= 365 * 24 * 3600
    html = client.get("/burana/ky/documents/").content.decode()
    assert '<html lang="ky" class="a11y a11y-size-l a11y-contrast-high a11y-spacing-wide"' in html


def test_toggle_again_returns_to_the_standard_version(client, body_a):
    client.post("/burana/accessibility/", {"toggle": "1", "next": "/burana/ky/"})
    response = client.post("/burana/accessibility/", {"toggle": "1", "next": "/burana/ky/"})
    assert response.cookies[COOKIE_NAME].value == ""
    assert '<html lang="ky" class="">' in client.get("/burana/ky/").content.decode()


def test_settings_choose_size_colours_spacing_and_hide_images(client, body_a, news_with_photo):
    form = client.get("/burana/accessibility/?next=/burana/ky/news/suroot/").content.decode()
    assert 'name="size"' in form and 'name="contrast"' in form and 'name="images"' in form

    client.post("/burana/accessibility/", {
        "size": "xl", "contrast": "inverse", "spacing": "wide", "next": "/burana/ky/news/suroot/",
    })  # fmt: skip
    html = client.get("/burana/ky/news/suroot/").content.decode()

    assert (
        'class="a11y a11y-size-xl a11y-contrast-inverse a11y-spacing-wide a11y-no-images"' in html
    )
    assert "<img" not in html and "Мектептин сүрөтү" in html  # the description stays


def test_images_are_shown_by_default(client, body_a, news_with_photo):
    html = client.get("/burana/ky/news/suroot/").content.decode()
    assert '<img alt="Мектептин сүрөтү"' in html


def test_toggle_never_redirects_to_another_site(client, body_a):
    response = client.post("/accessibility/", {"toggle": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_invalid_settings_are_answered_with_the_form(client, body_a):
    response = client.post("/accessibility/", {"size": "huge", "contrast": "x", "spacing": "y"})
    assert response.status_code == 400


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_page_has_a_skip_link_to_main_content(client, body_a, language):
    html = client.get(f"/burana/{language}/contacts/").content.decode()
    body = re.split(r"<body[^>]*>", html, maxsplit=1)[1].lstrip()
    assert body.startswith('<a class="skip-link" href="#main">')
    assert '<main id="main"' in html
