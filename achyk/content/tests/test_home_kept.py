"""What a body's pages show of the body beyond the page itself is kept with the body's pages
(`pagecache.parts`): the root page every page is routed from (the home, kept as its own page
type with its banner, so that serving the home itself asks no query for either), the home's
transparency index, and its head and council blocks, drawn from the leadership and council
pages. Each is read on the first render, by no query on the next ones, and read again once
what it comes from changes: the home pages, or the scores stored."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from achyk.content.models import CouncilPage, Deputy, LeadershipPage, NewsIndexPage, Person
from achyk.transparency import services as transparency
from achyk.transparency.models import BodySummary

from .factories import home, image, leadership, publish, section

#: The home's notice with the body's index (in any language; none before it is computed).
INDEX = re.compile(r'<p class="notice">[^<]*<strong>([^<]+)</strong>')


def render(client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def root_page_read(sql: list[str], root_id: int) -> bool:
    return any(
        statement.startswith('SELECT "wagtailcore_page"."id"')
        and statement.endswith(f'WHERE "wagtailcore_page"."id" = {root_id} LIMIT 21')
        for statement in sql
    )


def home_read(sql: list[str], root_id: int) -> bool:
    """Whether the home was read as its own page type (Wagtail's `specific`)."""
    return any(f'"content_bodyhomepage"."page_ptr_id" = {root_id} LIMIT 21' in s for s in sql)


def test_the_home_is_served_from_the_kept_root_page_by_no_query_for_itself(
    client, body_a, parts_kept
):
    root = home(body_a, "ky")
    url = root.get_url()
    html, sql = render(client, url)
    assert root_page_read(sql, root.pk) and home_read(sql, root.pk)
    html, sql = render(client, url)
    assert not root_page_read(sql, root.pk) and not home_read(sql, root.pk)
    assert root.title in html
    root.title = "Бурана айыл өкмөтү жаңы"
    publish(root)
    html, sql = render(client, url)
    assert home_read(sql, root.pk) and "Бурана айыл өкмөтү жаңы" in html
    html, sql = render(client, url)
    assert not home_read(sql, root.pk) and "Бурана айыл өкмөтү жаңы" in html


def test_a_page_is_routed_from_the_kept_root_page_and_from_the_new_one_after_a_change(
    client, body_a, parts_kept
):
    root = home(body_a, "ky")
    url = section(body_a, "ky", NewsIndexPage).get_url()
    html, sql = render(client, url)
    assert root_page_read(sql, root.pk)
    html, sql = render(client, url)
    assert not root_page_read(sql, root.pk) and root.title in html  # kept
    root.title = "Бурана айыл өкмөтү ңөү"
    publish(root)  # the body's pages are forgotten, the root page with them
    html, sql = render(client, url)
    assert root_page_read(sql, root.pk) and "Бурана айыл өкмөтү ңөү" in html
    assert not root_page_read(render(client, url)[1], root.pk)


def test_the_home_shows_the_index_kept_and_the_new_one_once_scores_are_stored(
    client, body_a, parts_kept
):
    url = home(body_a, "ky").get_url()
    BodySummary.objects.filter(body=body_a).delete()
    html, sql = render(client, url)
    assert '<p class="notice">' in html and INDEX.search(html) is None  # not computed yet
    summary_reads = [s for s in sql if 'FROM "transparency_bodysummary"' in s]
    assert len(summary_reads) == 1
    html, sql = render(client, url)
    assert not [s for s in sql if 'FROM "transparency_bodysummary"' in s]  # kept

    transparency.recompute(body_ids=[body_a.pk])  # stores the scores, forgets the pages
    stored = BodySummary.objects.get(body=body_a).index
    html, sql = render(client, url)
    assert [s for s in sql if 'FROM "transparency_bodysummary"' in s]
    shown = INDEX.search(html)
    assert shown is not None
    assert shown.group(1).replace(",", ".").rstrip("%").strip() == f"{stored:.1f}"


def read(sql: list[str], table: str) -> bool:
    return any(f'FROM "{table}"' in statement for statement in sql)


def banner_read(sql: list[str], root_id: int) -> bool:
    """Whether an image was read on its own, or joined to the home read as its own type."""
    joined = [s for s in sql if home_read([s], root_id) and 'JOIN "images_image"' in s]
    return read(sql, "images_image") or bool(joined)


def test_the_home_keeps_its_banner_head_and_council_and_shows_new_ones_once_published(
    client, body_a, parts_kept
):
    root = home(body_a, "ky")
    root.banner, root.banner_alt = image(body_a, title="Тоо"), "Тоолор"
    publish(root)
    leadership(body_a, "ky")
    council = section(body_a, "ky", CouncilPage)
    council.deputies.add(Deputy(name="Депутат Асанов", position="Төрага"))
    publish(council)
    url = root.get_url()
    html, sql = render(client, url)
    assert read(sql, "content_person") and read(sql, "content_deputy")
    assert banner_read(sql, root.pk) and 'alt="Тоолор"' in html
    html, sql = render(client, url)
    assert not read(sql, "content_person") and not read(sql, "content_deputy")
    assert not banner_read(sql, root.pk)  # the banner, kept with the root page
    assert "Асан Үсөнов" in html and "Депутат Асанов" in html and 'alt="Тоолор"' in html

    head = section(body_a, "ky", LeadershipPage)
    head.people = [Person(name="Айгүл Токтосунова", position="Башчы")]
    publish(head)
    html, sql = render(client, url)
    assert read(sql, "content_person") and "Айгүл Токтосунова" in html
    assert "Асан Үсөнов" not in html
    assert "<p>1 депутат; Төрага: Депутат Асанов</p>" in html
    council.deputies.add(Deputy(name="Депутат Бакыт"))
    publish(council)
    html, sql = render(client, url)
    assert read(sql, "content_deputy") and "<p>2 депутат; Төрага: Депутат Асанов</p>" in html


def test_with_nothing_kept_the_banner_costs_no_query_of_its_own(client, body_a, settings):
    """The root page is read as Wagtail reads it (the page, then its own type), the banner
    joined to the second query: neither a page that does not show the banner nor the home
    asks a query more for it."""
    settings.CACHE_PART_SECONDS = settings.CACHE_PAGE_SECONDS = 0
    root = home(body_a, "ky")
    root.banner, root.banner_alt = image(body_a, title="Тоо"), "Тоолор"
    publish(root)
    news_url = section(body_a, "ky", NewsIndexPage).get_url()
    _html, sql = render(client, news_url)
    assert not read(sql, "images_image")
    html, sql = render(client, root.get_url())
    assert not read(sql, "images_image") and banner_read(sql, root.pk)  # joined to the home
    assert 'alt="Тоолор"' in html
