"""Breadcrumbs on the inner pages of a body's site: home › section › item, a navigation
landmark with a translated name, the current page marked and not a link."""

import re

import pytest
from django.utils import translation

from achyk.content.tests import factories as f
from achyk.plans.tests import factories as plans


def crumbs(client, url) -> tuple[list[tuple[str, str]], str]:
    """([(href, text)] of the links, the current item's text or "") of the page's breadcrumbs."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    match = re.search(r'<nav class="breadcrumbs" aria-label="([^"]+)"><ol>(.*?)</ol></nav>', html)
    assert match, url
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', match.group(2))
    current = re.search(r'<li aria-current="page">([^<]+)</li>', match.group(2))
    return links, current.group(1) if current else ""


def has_breadcrumbs(client, url) -> bool:
    return 'class="breadcrumbs"' in client.get(url).content.decode()


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_news_item_has_home_section_and_item(client, body_a, body_b, language):
    item = f.news(body_a, language, title="Курултай өттү")
    links, current = crumbs(client, f"/burana/{language}/news/{item.slug}/")
    home = client.get(f"/burana/{language}/").content.decode()
    home_title = re.search(r'<span class="site-title">([^<]+)</span>', home).group(1)
    assert [href for href, _text in links] == [f"/burana/{language}/", f"/burana/{language}/news/"]
    assert links[0][1] == home_title
    assert current == "Курултай өттү"
    other = f.news(body_b, language, title="Башка жаңылык")
    links, current = crumbs(client, f"/kok-jar/{language}/news/{other.slug}/")
    assert [href for href, _text in links] == [
        f"/kok-jar/{language}/",
        f"/kok-jar/{language}/news/",
    ]
    assert current == "Башка жаңылык"


def test_breadcrumbs_are_a_navigation_named_in_the_page_language(client, body_a):
    for language in ("ky", "ru"):
        html = client.get(f"/burana/{language}/contacts/").content.decode()
        with translation.override(language):
            label = translation.gettext("Breadcrumbs")  # ky/ru from the catalogues
        assert f'<nav class="breadcrumbs" aria-label="{label}">' in html


def test_section_page_has_home_and_the_section(client, body_a):
    links, current = crumbs(client, "/burana/ru/contacts/")
    assert [href for href, _text in links] == ["/burana/ru/"]
    assert current and "contacts" not in current  # its title, not its slug


def test_views_of_other_apps_lead_back_through_their_section(client, body_a, body_b):
    plan = plans.plan(body_a)
    links, current = crumbs(client, "/burana/ru/plans/")
    assert [href for href, _text in links] == ["/burana/ru/"]
    assert current == "Планы развития"
    links, current = crumbs(client, f"/burana/ru/plans/{plan.pk}/")
    assert [href for href, _text in links] == ["/burana/ru/", "/burana/ru/plans/"]
    assert links[1][1] == "Планы развития"
    links, current = crumbs(client, "/kok-jar/ky/transparency/")
    assert [href for href, _text in links] == ["/kok-jar/ky/"]


def test_no_breadcrumbs_on_the_homes(client, body_a):
    assert not has_breadcrumbs(client, "/burana/ky/")
    assert not has_breadcrumbs(client, "/ky/")


def test_breadcrumbs_keep_page_queries_pinned(
    client, body_a, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0
    item = f.news(body_a, "ky")
    client.get(f"/burana/ky/news/{item.slug}/")
    client.get("/burana/ky/contacts/")
    with django_assert_max_num_queries(15):  # a section's trail is the home: no query
        assert client.get("/burana/ky/contacts/").status_code == 200
    with django_assert_max_num_queries(18):  # an item's: the pages above it, one query
        assert client.get(f"/burana/ky/news/{item.slug}/").status_code == 200
