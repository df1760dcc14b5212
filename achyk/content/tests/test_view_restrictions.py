"""A page under a view restriction is refused to readers who have not signed in, whether the
restriction is on the page, on a page above it, or on the source of an alias; the pages of a
body find their restrictions in one query (`BasePage.get_view_restrictions`), the same ones
Wagtail's own two queries find, and a page served to a reader asks none when the request's
restricted paths (`content.visibility`) hold none of its tree path."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from achyk.content.models import NewsIndexPage, StandardPage

from .factories import home, news, section, standard

RESTRICTIONS = '"wagtailcore_pageviewrestriction"'


def restrictions(page) -> tuple[set[int], int]:
    """The ids of `page`'s restrictions, and how many queries found them."""
    with CaptureQueriesContext(connection) as queries:
        found = {restriction.pk for restriction in page.get_view_restrictions()}
    return found, len(queries.captured_queries)


def wagtails(page) -> set[int]:
    return {restriction.pk for restriction in Page.get_view_restrictions(page)}


@pytest.fixture
def restricted(body_a):
    """A news section under a sign-in restriction, an item in it, and a page outside it."""
    index = section(body_a, "ky", NewsIndexPage)
    rule = PageViewRestriction.objects.create(page=index, restriction_type="login")
    return rule, news(body_a, "ky", title="Жабык жаңылык"), standard(body_a, "ky", title="Ачык")


def test_a_page_below_a_restricted_section_is_refused_to_a_reader_who_has_not_signed_in(
    client, restricted
):
    rule, item, open_page = restricted
    assert restrictions(item) == ({rule.pk}, 1) and wagtails(item) == {rule.pk}
    answer = client.get(item.get_url())
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert "Жабык жаңылык" not in answer.content.decode()
    assert restrictions(open_page) == (set(), 1) and wagtails(open_page) == set()
    assert client.get(open_page.get_url()).status_code == 200


def test_an_alias_stands_for_its_restricted_source(client, body_a, restricted):
    """As in Wagtail, an alias has the restrictions of its source page, not those above the
    source: an alias of the restricted section's item is open, one of a restricted page not."""
    rule, item, open_page = restricted
    alias = item.create_alias(parent=home(body_a, "ky"), update_slug="jabyk-alias")
    assert restrictions(alias) == (set(), 1) and wagtails(alias) == set()

    own = PageViewRestriction.objects.create(page=open_page, restriction_type="login")
    alias = open_page.create_alias(parent=home(body_a, "ky"), update_slug="achyk-alias")
    assert alias.alias_of_id == open_page.pk
    assert restrictions(alias) == ({own.pk}, 1) and wagtails(alias) == {own.pk}
    answer = client.get(alias.get_url())
    assert answer.status_code == 302 and "/login/" in answer["Location"]

    below = StandardPage(title="Астында", slug="astynda")
    open_page.add_child(instance=below)
    assert restrictions(below) == ({own.pk}, 1) and wagtails(below) == {own.pk}


def test_a_page_served_outside_the_restricted_paths_asks_for_no_restriction_of_its_own(
    client, restricted
):
    """The request's restricted paths, which the page's lists read anyway, say the open page
    has no restriction; the item below the restricted section is still refused."""
    rule, item, open_page = restricted
    with CaptureQueriesContext(connection) as queries:
        assert client.get(open_page.get_url()).status_code == 200
    asked = [q["sql"] for q in queries.captured_queries if RESTRICTIONS in q["sql"]]
    # One query: the restricted paths with their aliases, not the page's own (COALESCE).
    assert len(asked) == 1 and '"alias_of_id" IN' in asked[0], asked
    assert "COALESCE" not in asked[0].upper()
    answer = client.get(item.get_url())
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_the_lists_of_a_page_leave_out_an_alias_of_a_restricted_page(client, body_a):
    """An alias has its source's restrictions: the home's latest news, which list what a
    reader may open, show neither the restricted item nor its alias, and the alias refuses
    a reader as its source does."""
    shut = news(body_a, "ky", title="Жабык кабар")
    alias = shut.create_alias(update_slug="jabyk-kabar-alias")  # before the restriction,
    PageViewRestriction.objects.create(page=shut, restriction_type="login")  # so not copied
    assert not alias.view_restrictions.exists()
    news(body_a, "ky", title="Ачык кабар")
    html = client.get(home(body_a, "ky").get_url()).content.decode()
    assert "Ачык кабар" in html
    assert "Жабык кабар" not in html
    answer = client.get(alias.get_url())
    assert answer.status_code == 302 and "/login/" in answer["Location"]
