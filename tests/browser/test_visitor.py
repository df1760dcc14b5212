"""A visitor reads a body's news in Kyrgyz, switches to Russian and to the version for the
visually impaired, all by clicking and with the keyboard."""

import pytest

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
    assert page.inner_text("h1") == "Суу түтүгү оңдолду"
    assert "Айылга суу келди" in page.inner_text("main")

    page.click('ul.langs a[hreflang="ru"]')
    assert page.url.endswith("/burana/ru/news/vodoprovod/")
    assert page.get_attribute("html", "lang") == "ru"
    assert page.inner_text("h1") == "Водопровод отремонтирован"

    page.click(".a11y-toggle button[name=toggle]")
    assert page.url.endswith("/burana/ru/news/vodoprovod/")
    assert "a11y-contrast-high" in page.get_attribute("html", "class")
    page.click('nav.menu a[href="/burana/ru/contacts/"]')
    assert "a11y-size-l" in page.get_attribute("html", "class")  # remembered across pages
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
    assert page.url.endswith("#main")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_visually_impaired_version_can_hide_images_without_javascript(chromium, live_site, body_a):
    f.news(body_a, "ky", slug="suroot", image=f.image(body_a), image_alt="Мектептин сүрөтү")
    context = chromium.new_context(base_url=live_site.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/burana/ky/news/suroot/")
    assert page.locator("main img").count() == 1
    page.click(".a11y-toggle button[name=toggle]")
    page.click("header .a11y-toggle a")  # display settings
    page.check('input[name="contrast"][value="inverse"]')
    page.uncheck('input[name="images"]')
    page.click("main button[type=submit]")
    assert page.url.endswith("/burana/ky/news/suroot/")
    assert page.locator("main img").count() == 0
    assert "Мектептин сүрөтү" in page.inner_text("main")
    assert "a11y-contrast-inverse" in page.get_attribute("html", "class")
    context.close()
