"""A visitor finds a council resolution by typing a Kyrgyz word form into the search box."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from achyk.content.tests import factories as f
from achyk.documents.models import Act, Document, DocumentType

pytestmark = pytest.mark.browser


def test_visitor_finds_a_council_resolution_by_a_kyrgyz_word_form(browser_page, body_a):
    act = Act.objects.create(
        body=body_a, type=DocumentType.objects.first(), number="14",
        title="Айылдык кеңештин 2026-жылдын бюджети жөнүндө токтому",
    )  # fmt: skip
    version = Document(
        title="Токтом № 14", collection=body_a.collection, language="ky",
        file=ContentFile("Айыл аймактын бюджетин бекитүү жөнүндө.".encode(), name="toktom-14.txt"),
    )  # fmt: skip
    version.save()
    version.act = act
    version.save(update_fields=["act"])
    f.news(body_a, "ky", title="Кеңеш бюджетти бекитти", slug="budget",
           body="<p>Депутаттар токтомду кабыл алышты.</p>")  # fmt: skip
    page = browser_page

    page.goto("/burana/ky/")
    page.fill("header input[name=q]", "бюджеттин")
    page.keyboard.press("Enter")
    page.wait_for_url("**/burana/ky/search/?q=*")
    results = page.locator("ol.search-results")
    assert "Айылдык кеңештин 2026-жылдын бюджети жөнүндө токтому № 14" in results.inner_text()
    assert results.locator("mark", has_text="бюджети").count() >= 1
    assert page.get_attribute("html", "lang") == "ky"
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []

    page.click("ol.search-results a:has-text('Кеңеш бюджетти бекитти')")
    page.wait_for_url("**/burana/ky/news/budget/")
    expect(page.locator("h1")).to_have_text("Кеңеш бюджетти бекитти")
