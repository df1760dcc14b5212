"""A clerk's admin in a real browser: "Pages" in the sidebar opens the body's home page (its
sections), not Wagtail's root; the avatar is the clerk's initials drawn in the page; and the
dashboard asks no outside host for anything."""

import base64

import pytest
from steps import sign_in

from achyk.bodies.tests import factories as body_factories
from achyk.content import models as content
from achyk.content.tests import factories as f

pytestmark = pytest.mark.browser


def test_pages_opens_the_body_s_home_and_the_avatar_is_drawn_here(browser_page, body_a):
    clerk = body_factories.staff(body_a, username="aigul")
    clerk.first_name, clerk.last_name, clerk.email = "Айгүл", "Өмүрова", "aigul@example.org"
    clerk.save()
    page = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(page, "aigul")
    origin = page.url.split("/admin/")[0]

    home = body_a.site.root_page
    with page.expect_request(lambda request: f"child_of={home.pk}" in request.url):
        page.click(".sidebar-page-explorer-item button")
    news = f.section(body_a, "ky", content.NewsIndexPage)
    page.wait_for_selector(f".c-page-explorer__item__title >> text={news.title}")

    avatar = page.get_attribute(".sidebar-footer__account img", "src")
    assert avatar.startswith("data:image/svg+xml;base64,")
    assert "АӨ" in base64.b64decode(avatar.split(",", 1)[1]).decode()
    outside = [url for url in requested if not url.startswith((origin, "data:"))]
    assert outside == []


def test_a_clerk_leaves_a_half_filled_news_item_and_starts_it_again(browser_page, body_a, settings):
    """A half-filled news item kept as a draft (by "Save draft", as autosave keeps one) holds
    the address made from its title; starting the same item again with that address is not
    refused for it, and the add screen offers the draft to continue."""
    from playwright.sync_api import expect
    from steps import publish

    # No background saves: the test database (SQLite in memory) refuses requests that overlap
    # a write, which autosave would make at random times.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    body_factories.staff(body_a, username="aigul")
    news = f.section(body_a, "ky", content.NewsIndexPage)
    add = f"/admin/pages/add/content/newspage/{news.pk}/"
    page = browser_page
    sign_in(page, "aigul")

    page.goto(add)
    page.fill("#id_title", "Суу түтүгү")
    page.fill("#id_intro", "Жарым-жартылай")
    page.click("footer [data-w-dropdown-target='toggle']")
    page.click("footer button:has-text('Долбоорду сактоо')")
    page.wait_for_url("**/admin/pages/*/edit/")
    left = content.NewsPage.objects.get(title="Суу түтүгү")
    assert not left.live and left.slug

    page.goto(add)
    expect(page.locator("[data-unfinished-pages]")).to_contain_text("Суу түтүгү")
    page.fill("#id_title", "Суу түтүгү")
    page.fill("#id_intro", "Суу түтүгү оңдолду")
    promote = page.evaluate("document.getElementById('id_slug').closest('[role=tabpanel]').id")
    page.click(f'a[href="#{promote}"]')
    # The title writes the address into the slug field a moment after the title field is left
    # (Wagtail waits 100 ms for more typing); typing into the field while that write lands
    # would append to it, so the test waits for the written address first, as a clerk would
    # see it before changing it.
    expect(page.locator("#id_slug")).to_have_value(left.slug)
    page.fill("#id_slug", left.slug)  # the address the title makes, which the draft holds
    publish(page)

    published = content.NewsPage.objects.live().get(title="Суу түтүгү")
    assert published.pk != left.pk and published.slug == f"{left.slug}-2"
