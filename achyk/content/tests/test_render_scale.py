"""A body's page costs the same to render with 2 bodies on the platform or 52: the body looked
up once per process (and again after a body or a site changes, `bodies.routing`), the view
restrictions read once, and links resolved against the body's own root paths, never every
site's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from achyk.bodies import routing
from achyk.bodies.models import Body

pytestmark = pytest.mark.django_db

HOME = "/burana/ky/"
#: The page served and its locale (the body is known since the first request), the view
#: restrictions (one query for the page served, `BasePage.get_view_restrictions`, then one
#: read for every list), the home's news, announcements, sections (the menu's too: the home is
#: the header's home, not asked again) and documents, its score and next event (3 calendar
#: sources), the sections other apps hold, the language switch and the body's root paths (2
#: before), the head (the first person of the leadership page) and the council's deputies.
HOME_QUERIES = 17


def more_bodies(count: int) -> None:
    """`count` bodies, each with a site whose home is in Kyrgyz and Russian: what makes the
    platform larger for a render of another body (its root paths, its row, its site)."""
    root = Page.get_first_root_node()
    ky, ru = Locale.objects.get(language_code="ky"), Locale.objects.get(language_code="ru")
    territory = Body.objects.get(slug="burana").territory
    for n in range(count):
        home = root.add_child(instance=Page(title=f"Айыл {n}", slug=f"more-{n}-ky", locale=ky))
        root.add_child(instance=Page(title=f"Айыл {n}", slug=f"more-{n}-ru", locale=ru,
                                     translation_key=home.translation_key))  # fmt: skip
        site = Site.objects.create(hostname=f"more-{n}.example.kg", port=80, root_page=home)
        Body.objects.create(
            territory=territory, kind="ayil_okmotu", country="KG", slug=f"more-{n}",
            languages="ky,ru", default_language="ky", name_ky=f"Айыл {n}", site=site,
        )  # fmt: skip


def render(client) -> tuple[str, list[dict]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode(), queries.captured_queries


@pytest.fixture
def rendered(settings, client, body_a):
    settings.CACHE_PAGE_SECONDS = 0  # count a render, not a cached copy
    settings.CACHE_PART_SECONDS = 0  # and the whole of it, the menu's sections asked too
    client.get(HOME)  # the locale and the site's caches, as on a running server


def test_the_body_home_reads_as_many_queries_with_50_more_bodies(client, rendered, body_b):
    html, before = render(client)
    assert len(before) == HOME_QUERIES, "\n".join(q["sql"][:120] for q in before)
    more_bodies(50)
    client.get(HOME)  # the first request after bodies changed finds the body again
    again, after = render(client)
    assert len(after) == HOME_QUERIES
    assert again == html


def body_lookups(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('SELECT "bodies_body"')]


def test_the_body_is_looked_up_once_and_the_view_restrictions_read_once_for_the_page(
    client, rendered
):
    _html, queries = render(client)
    restrictions = [q for q in queries if 'FROM "wagtailcore_pageviewrestriction"' in q["sql"]]
    assert body_lookups(queries) == []  # known since the first request
    # The restricted paths, read once for the check of the page served and every list of it.
    assert len(restrictions) == 1
    routing.changed()  # a body or a site was saved: every process finds its bodies again
    _html, queries = render(client)
    assert len(body_lookups(queries)) == 2  # by the host (none here), then by the slug


def test_links_examine_the_same_number_of_root_paths_with_50_more_bodies(
    client, rendered, monkeypatch
):
    examined = []
    every_site = []
    read_root_paths = Page._get_site_root_paths
    read_every_site = Site.get_site_root_paths

    def counting_root_paths(page, cache_object=None):
        paths = read_root_paths(page, cache_object)
        examined.append(len(paths))
        return paths

    def counting_every_site():
        every_site.append(1)
        return read_every_site()

    monkeypatch.setattr(Page, "_get_site_root_paths", counting_root_paths)
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counting_every_site))
    html, _queries = render(client)
    links, per_link = len(examined), set(examined)
    assert links > 10 and per_link == {2}  # the body's home in Kyrgyz and in Russian
    more_bodies(50)
    examined.clear()
    assert render(client)[0] == html
    assert len(examined) == links and set(examined) == per_link
    assert every_site == []  # no render reads the root paths of every site


def test_links_of_a_body_s_page_lead_to_its_own_pages(client, rendered):
    html, _queries = render(client)
    assert 'href="/burana/ky/news/"' in html and 'href="/burana/ru/"' in html
