"""Every page of a body shows its home link and its menu of sections, and gives its links
their addresses through the root paths of its site: with parts kept (`pagecache.parts`),
each is read on the first render of any of the body's pages, by no query on the next ones,
and read again once the body's pages or sites change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from achyk.content.models import AnnouncementIndexPage, NewsIndexPage

from .factories import home, news, publish, section, translate

#: What the menu's query asks for (pages shown in menus), and what the root paths' query says
#: (each home of the site with its root), and no other query of a section page.
MENU = '"wagtailcore_page"."show_in_menus"'
ROOT_PATHS = '"root_id"'
#: What the query of a page's versions in the site's languages (the language links) says.
TRANSLATIONS = ('"wagtailcore_page"."translation_key" = ', 'JOIN "wagtailcore_locale"')


def render(client, url: str) -> tuple[str, int, int]:
    """The page's HTML, and how many queries of its render read the menu and the root paths."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    return (
        response.content.decode(),
        sum(MENU in statement.partition(" WHERE ")[2] for statement in sql),
        sum(ROOT_PATHS in statement for statement in sql),
    )


def test_the_menu_and_root_paths_are_read_once_and_again_after_the_body_s_pages_change(
    client, body_a, parts_kept
):
    news = section(body_a, "ky", NewsIndexPage)
    announcements = section(body_a, "ky", AnnouncementIndexPage)
    url = news.get_url()
    html, menu, paths = render(client, url)
    assert announcements.title in html and menu == 1 and paths == 1
    html, menu, paths = render(client, url)
    assert announcements.title in html and (menu, paths) == (0, 0)  # kept
    assert render(client, announcements.get_url())[1:] == (0, 0)  # for every page of the body

    added = home(body_a, "ky").add_child(
        instance=NewsIndexPage(title="Жаңы бөлүм ңөү", slug="jany-bolum", show_in_menus=True)
    )
    publish(added)  # the body's pages are forgotten
    html, menu, paths = render(client, url)
    assert "Жаңы бөлүм ңөү" in html and menu == 1 and paths == 1
    assert render(client, url)[1:] == (0, 0)

    added.unpublish()
    html, menu, _paths = render(client, url)
    assert "Жаңы бөлүм ңөү" not in html and menu == 1


def test_the_home_lists_the_kept_menu_as_its_sections(client, body_a, parts_kept):
    """The home shows its sections (the menu, and the blocks of its leadership and council)
    from the menu kept for every page of the body: no query of its own on the next render,
    and the section published since on the one after the change."""
    section(body_a, "ky", AnnouncementIndexPage)
    url = home(body_a, "ky").get_url()
    html, menu, _paths = render(client, url)
    assert menu == 1
    html, menu, paths = render(client, url)
    assert (menu, paths) == (0, 0)
    added = home(body_a, "ky").add_child(
        instance=NewsIndexPage(title="Жаңы бөлүм ңөү", slug="jany-bolum", show_in_menus=True)
    )
    publish(added)
    html, menu, _paths = render(client, url)
    assert "Жаңы бөлүм ңөү" in html and menu == 1


def test_each_language_keeps_its_own_menu(client, body_a, parts_kept):
    for language in ("ky", "ru"):
        url = section(body_a, language, NewsIndexPage).get_url()
        announcements = section(body_a, language, AnnouncementIndexPage).title
        assert announcements in render(client, url)[0]
        html, menu, _paths = render(client, url)
        assert announcements in html and menu == 0


def test_a_change_of_the_site_gives_the_links_their_new_addresses(client, body_a, parts_kept):
    url = section(body_a, "ky", NewsIndexPage).get_url()
    render(client, url)
    site = Site.objects.get(pk=body_a.site_id)
    site.port = 8081
    site.save()  # every page is forgotten: the root paths hold the site's address
    html, _menu, paths = render(client, url)
    assert paths == 1


def test_without_kept_parts_every_render_reads_them(client, body_a, settings):
    settings.CACHE_PART_SECONDS = 0
    settings.CACHE_PAGE_SECONDS = 0
    url = section(body_a, "ky", NewsIndexPage).get_url()
    render(client, url)
    assert render(client, url)[1:] == (1, 1)


def translations_read(client, url: str) -> tuple[str, int]:
    """The page's HTML, and how many queries of its render read its versions in other
    languages."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    return response.content.decode(), sum(all(s in q for s in TRANSLATIONS) for q in sql)


def test_a_page_s_language_links_are_kept_and_follow_a_new_translation(client, body_a, parts_kept):
    item = news(body_a, "ky", title="Көпүрө салынды")
    url = item.get_url()
    html, read = translations_read(client, url)
    assert read == 1 and f'/ru/untranslated/{item.pk}/"' in html  # not translated yet
    html, read = translations_read(client, url)
    assert read == 0  # kept
    translated = translate(item, "ru", title="Мост построен", slug="most-postroen")
    html, read = translations_read(client, url)
    assert read == 1 and f'href="{translated.get_url_parts()[2]}"' in html
    assert translations_read(client, url)[1] == 0
    PageViewRestriction.objects.create(page=translated, restriction_type="login")
    html, read = translations_read(client, url)  # a restriction forgets every body's parts
    assert read == 1 and f'href="{translated.get_url_parts()[2]}"' not in html
    assert f'/ru/untranslated/{item.pk}/"' in html
