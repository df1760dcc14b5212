"""The address of a body's documents section, which every link to one of its acts starts with,
is kept with the body's pages (`pagecache.parts`) when parts are kept: looked up on the first
link, read by the next ones, looked up again once the body's pages change."""

from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext

from achyk.content.models import DocumentIndexPage
from achyk.content.tests.factories import section
from achyk.documents.models import Act
from achyk.documents.tests import factories


def address(act_pk: int, language: str = "ky") -> tuple[str | None, int]:
    """(the act's address, the queries of pages its lookup read), from a fresh read of the act
    and its body, as a new request has them."""
    act = Act.objects.select_related("body").get(pk=act_pk)
    with CaptureQueriesContext(connection) as queries:
        url = act.get_absolute_url(language)
    return url, sum('"wagtailcore_page"' in query["sql"] for query in queries.captured_queries)


def test_the_section_is_looked_up_once_and_again_after_the_body_s_pages_change(body_a, parts_kept):
    act = factories.act(body_a, title="Токтом")
    documents = section(body_a, "ky", DocumentIndexPage)
    expected = urlsplit(documents.get_url()).path + f"acts/{act.pk}-{act.slug}/"

    url, looked_up = address(act.pk)
    assert urlsplit(url).path == expected and looked_up > 0
    url, looked_up = address(act.pk)
    assert urlsplit(url).path == expected and looked_up == 0  # kept

    documents.unpublish()  # the body's pages are forgotten

    url, looked_up = address(act.pk)
    assert url is None and looked_up > 0  # looked up again: no live section any more
    url, looked_up = address(act.pk)
    assert url is None and looked_up == 0  # kept again, as it is now


def test_each_language_keeps_its_own_section(body_a, parts_kept):
    act = factories.act(body_a, title="Токтом")
    for language in ("ky", "ru"):
        expected = urlsplit(section(body_a, language, DocumentIndexPage).get_url()).path
        assert urlsplit(address(act.pk, language)[0]).path.startswith(expected)
        assert address(act.pk, language)[1] == 0
