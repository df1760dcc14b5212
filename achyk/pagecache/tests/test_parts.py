"""What every page of a body shows of the body's data beyond the page itself (the sections of
its menu) is kept while the body's pages are (`pagecache.parts`): computed on the first render,
read by the next ones, and computed again once a write forgets the body's pages; another
body's write leaves it kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from achyk.plans.tests import factories as plans

pytestmark = pytest.mark.django_db


def render(client, body) -> tuple[str, bool]:
    """(the body's home in Kyrgyz, whether the render asked the database for its menu)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{body.slug}/ky/")
    assert response.status_code == 200
    asked = any("holds_0" in query["sql"] for query in queries.captured_queries)
    return response.content.decode(), asked


def plans_link(body) -> str:
    return f'href="/{body.slug}/ky/plans/"'


def test_the_menu_is_read_once_and_again_after_the_body_publishes_a_plan(
    client, body_a, parts_kept
):
    html, asked = render(client, body_a)
    assert asked and plans_link(body_a) not in html
    html, asked = render(client, body_a)
    assert not asked and plans_link(body_a) not in html  # kept: the same menu, no query

    plans.plan(body_a)  # published: the body's pages are forgotten (plans watch their rows)

    html, asked = render(client, body_a)
    assert asked and plans_link(body_a) in html
    html, asked = render(client, body_a)
    assert not asked and plans_link(body_a) in html


def test_another_body_s_plan_leaves_the_menu_kept(client, body_a, body_b, parts_kept):
    render(client, body_b)
    plans.plan(body_a)
    html, asked = render(client, body_b)
    assert not asked and plans_link(body_b) not in html


def test_with_no_seconds_the_menu_is_read_on_every_render(client, body_a, settings):
    settings.CACHE_PAGE_SECONDS = 0
    settings.CACHE_PART_SECONDS = 0
    assert render(client, body_a)[1]
    assert render(client, body_a)[1]
    plans.plan(body_a, published=False)  # a draft: no section
    html, asked = render(client, body_a)
    assert asked and plans_link(body_a) not in html
