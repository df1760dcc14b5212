"""A visitor reads a body's news in Kyrgyz, switches to Russian and to the version for the
visually impaired, all by clicking and with the keyboard; from the platform's home, a visitor
reaches the transparency rating and a body's transparency page by clicking links."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from achyk.content.tests import factories as f

pytestmark = pytest.mark.browser


def test_visitor_reads_news_in_kyrgyz_switches_to_russian_and_to_large_print(browser_page, body_a):
    item = f.news(
        body_a, "ky", title="Суу түтүгү оңдолду", slug="suu", body="<p>Айылга суу келди</p>"
    )
    f.translate(item, "ru", title="Водопровод отремонтирован", slug="vodoprovod",
                body="<p>В село пришла вода</p>")  # fmt: skip
    page = browser_page

    page.goto("/burana/")
    assert page.url.endswith("/burana/ky/")
    assert page.get_attribute("html", "lang") == "ky"
    page.click('nav.menu a[href="/burana/ky/news/"]')
    page.click("text=Суу түтүгү оңдолду")
    expect(page.locator("h1")).to_have_text("Суу түтүгү оңдолду")
    expect(page.locator("main")).to_contain_text("Айылга суу келди")

    page.click('ul.langs a[hreflang="ru"]')
    page.wait_for_url("**/burana/ru/news/vodoprovod/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Водопровод отремонтирован")

    page.click(".a11y-toggle button[name=toggle]")
    expect(page.locator("html")).to_have_class(re.compile(r"\ba11y-contrast-high\b"))
    page.wait_for_url("**/burana/ru/news/vodoprovod/")
    page.click('nav.menu a[href="/burana/ru/contacts/"]')
    page.wait_for_url("**/burana/ru/contacts/")
    # remembered across pages
    expect(page.locator("html")).to_have_class(re.compile(r"\ba11y-size-l\b"))
    font_size = page.evaluate("getComputedStyle(document.body).fontSize")
    assert float(font_size.rstrip("px")) > 16


def test_keyboard_reaches_the_skip_link_first_and_it_moves_to_the_content(browser_page, body_a):
    page = browser_page
    page.goto("/burana/ky/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0
    page.keyboard.press("Enter")
    # following an in-page link is asynchronous: wait for the address to change
    expect(page).to_have_url(re.compile(r"/burana/ky/#main$"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_visually_impaired_version_can_hide_images_without_javascript(chromium, live_site, body_a):
    f.news(body_a, "ky", slug="suroot", image=f.image(body_a), image_alt="Мектептин сүрөтү")
    context = chromium.new_context(base_url=live_site.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/burana/ky/news/suroot/")
    expect(page.locator("main img")).to_have_count(1)
    page.click(".a11y-toggle button[name=toggle]")
    page.click("header .a11y-toggle a")  # display settings
    page.check('input[name="contrast"][value="inverse"]')
    page.uncheck('input[name="images"]')
    page.click("main button[type=submit]")
    page.wait_for_url("**/burana/ky/news/suroot/")
    expect(page.locator("main img")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Мектептин сүрөтү")
    expect(page.locator("html")).to_have_class(re.compile(r"\ba11y-contrast-inverse\b"))
    context.close()


def test_visitor_goes_from_the_platform_home_to_the_rating_and_a_bodys_transparency_page(
    browser_page, body_a, body_b
):
    from achyk.transparency.models import BodySummary

    now = timezone.now()
    for body, index in ((body_a, "81.5"), (body_b, "12.0")):
        BodySummary.objects.create(body=body, index=Decimal(index), as_of=now, computed_at=now)
    page = browser_page

    page.goto("/ru/")
    assert "81,5" in page.inner_text("#h-rating + .rating-ends")
    page.click('main nav a[href="/ru/transparency/rating/"]')
    page.wait_for_url("**/ru/transparency/rating/")
    page.click('main a[href="/burana/ru/transparency/"]')
    page.wait_for_url("**/burana/ru/transparency/")
    crumbs = page.locator('nav.breadcrumbs a[href="/burana/ru/"]')
    expect(crumbs).to_have_count(1)  # the way back to the body's home
    current = page.locator('nav.menu a[href="/burana/ru/transparency/"][aria-current="page"]')
    expect(current).to_have_count(1)
