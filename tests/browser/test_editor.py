"""An editor signs in, posts a news item with a photo and a document in Kyrgyz and Russian,
sees it on the public site, and is refused another body's pages."""

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect
from steps import choose_by_upload, photo_loads, publish, sign_in

from achyk.bodies.tests import factories as body_factories
from achyk.content import models as content
from achyk.content.tests import factories as f

pytestmark = pytest.mark.browser


def test_editor_posts_news_with_photo_and_document_in_both_languages(browser_page, body_a, files):
    editor = body_factories.staff(body_a, username="aigul")
    assert editor.membership.body == body_a
    photo, act = files
    news_ky = f.section(body_a, "ky", content.NewsIndexPage)
    page = browser_page

    sign_in(page, "aigul")
    page.goto(f"/admin/pages/add/content/newspage/{news_ky.pk}/")
    page.fill("#id_title", "Мектеп оңдолду")
    page.fill("#id_intro", "Айылдагы мектеп жаңыланды")
    choose_by_upload(page, "image", "image", "Мектеп", photo)
    page.fill("#id_image_alt", "Жаңы мектептин имараты")
    choose_by_upload(page, "document", "document", "Токтом №7", act)
    publish(page)

    # One page, live: a quick Publish that overtook the form's first autosave publishes the
    # page the autosave made (content.page_starts), never a second one.
    item = content.NewsPage.objects.get(title="Мектеп оңдолду")
    assert item.live and item.image.body == body_a and item.document.body == body_a
    page.goto(f"/admin/translation/submit/page/{item.pk}/")
    ru_locale = f.home(body_a, "ru").locale_id
    page.check(f'input[name="locales"][value="{ru_locale}"]')
    page.click("form[data-controller=w-bulk] input[type=submit]")
    page.wait_for_url("**/edit/")
    page.fill("#id_title", "Школа отремонтирована")
    page.fill("#id_image_alt", "Здание новой школы")
    publish(page)
    # The address is Wagtail's own (from the title or the original's slug, as its editor
    # syncs it); the reader must land on this very page.
    item_ru = content.NewsPage.objects.get(title="Школа отремонтирована")
    assert item_ru.live and item_ru.translation_key == item.translation_key

    page.goto("/burana/ky/news/")
    page.click("text=Мектеп оңдолду")
    photo_loads(page, "Жаңы мектептин имараты")
    assert page.locator("main a[download]", has_text="Токтом №7").count() == 1
    page.click('ul.langs a[hreflang="ru"]')
    expect(page.locator("h1")).to_have_text("Школа отремонтирована")
    page.wait_for_load_state("load")
    assert unquote(page.url).endswith(f"/burana/ru/news/{item_ru.slug}/")
    expect(page.locator('main figure img[alt="Здание новой школы"]')).to_have_count(1)
    download = page.locator("main a[download]", has_text="Токтом №7").get_attribute("href")
    assert page.request.get(download).body().startswith(b"%PDF")


def test_editor_is_refused_another_bodys_pages(browser_page, body_a, body_b):
    body_factories.staff(body_a, username="aigul")
    secret = f.news(body_b, "ky", title="Көк-Жардын долбоору", slug="draft")
    page = browser_page

    sign_in(page, "aigul")
    for url in [f"/admin/pages/{secret.pk}/edit/", f"/admin/pages/{secret.get_parent().pk}/",
                f"/admin/pages/add/content/newspage/{secret.get_parent().pk}/"]:  # fmt: skip
        response = page.goto(url)
        assert response.status in (403, 404), url
        assert "Көк-Жардын долбоору" not in page.content()
        assert "Көк-Жар" not in page.inner_text("body")
