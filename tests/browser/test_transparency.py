"""A resident reads a body's transparency page in Kyrgyz and Russian, a member of the
monitoring group flags a piece of evidence, and a supervisor sorts, filters and exports the
rating; axe-core finds no violation of any impact on these pages."""

import csv
import datetime
import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from achyk.bodies.models import Body
from achyk.bodies.tests import factories as body_factories
from achyk.bodies.tests.factories import PASSWORD
from achyk.transparency import flags, services
from achyk.transparency.followup import EvidenceFlag
from achyk.transparency.models import Duty, Score
from achyk.transparency.tests import factories, scored
from achyk.ui.accessibility import COOKIE_NAME

pytestmark = pytest.mark.browser


@pytest.fixture
def world(monkeypatch, live_site, body_a, body_b):
    provider = factories.hand_provider(monkeypatch, ("test:page", "test:act", "page:contact"))
    Score.objects.all().delete()  # the test's own register instead of the seeded one
    Duty.objects.all().delete()
    town = body_factories.body(slug="kara-balta", name="Кара-Балта")
    Body.objects.filter(pk=town.pk).update(kind=Body.Kind.TOWN)
    scored.register()
    scored.publish(provider, body_a, body_b)
    for language in ("ky", "ru"):
        provider.add(town, key="test:page", language=language, title="Шаар жаңылыгы")
        provider.add(town, key="test:act", language=language, title="Шаардын токтому")
    now = datetime.datetime.now(tz=datetime.UTC)
    services.recompute(at=now)
    scored.history(body_a, [("40", "50", "30"), ("45", "55", "36"), ("50", "60", "40")])
    return {"a": body_a, "b": body_b, "town": town}


def axe_violations(page) -> list[str]:
    page.wait_for_load_state("load")
    results = Axe().run(page).response
    assert results["passes"]
    impacts = Counter(v["impact"] for v in results["violations"])
    print(page.url, dict(impacts), sorted({v["id"] for v in results["violations"]}))
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
    ]


def test_resident_reads_the_checklist_and_a_member_flags_evidence(browser_page, world):
    page = browser_page
    page.goto("/burana/ky/transparency/")
    assert page.get_attribute("html", "lang") == "ky"
    assert page.locator("ol.checklist > li").count() == 3
    news = page.locator("#duty-news")
    assert news.locator('a[href="/burana/ky/news/jangylyk/"]').inner_text() == "Жаңылык <b>ө</b>"
    history = page.locator("main figure.chart")  # the score's history: an image and a table
    assert history.locator("svg[role=img]").count() == 1
    assert history.locator("table tbody tr").count() == 3
    assert page.locator("form[action$='/transparency/flag/']").count() == 0

    page.goto("/burana/ru/transparency/")
    assert page.get_attribute("html", "lang") == "ru"
    assert "Русский" in page.locator("#duty-news").inner_text()

    flags.register_jmeg_member(
        body=world["a"], username="nurlan", first_name="Нурлан", last_name="Үсөнов", email="",
        password=PASSWORD, by=None,
    )  # fmt: skip
    page.click("text=" + page.locator("p.meta a[href*='/login/']").inner_text())
    page.fill("input[name=username]", "nurlan")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/burana/ru/transparency/")
    news = page.locator("#duty-news")
    news.locator("details.flag-form summary").click()
    news.locator("select[name=evidence_url]").select_option("/burana/ru/news/novost/")
    news.locator("select[name=kind]").select_option("incomplete")
    news.locator("textarea[name=comment]").fill("Сүрөт жок, дата туура эмес")
    news.locator("details.flag-form button[type=submit]").click()

    page.wait_for_url("**/burana/ru/transparency/#flag-*")
    flag = EvidenceFlag.objects.get()
    assert (flag.evidence_title, flag.language) == ("Новость", "ru")
    assert page.url.endswith(f"/burana/ru/transparency/#flag-{flag.pk}")
    expect(page.locator(f"#flag-{flag.pk}")).to_contain_text("Сүрөт жок, дата туура эмес")


def test_supervisor_sorts_filters_and_exports_the_rating(browser_page, world):
    supervisor = get_user_model().objects.create_user("inspector", password=PASSWORD)
    supervisor.groups.add(Group.objects.get(name="Supervisors"))
    page = browser_page
    page.goto("/ru/transparency/rating/")
    names = page.locator("table.rating tbody th a")
    assert names.count() == 3 and names.first.inner_text().startswith("Кара-Балта")
    assert page.locator("a[href*='export.csv']").count() == 0  # exports: supervisors only

    page.click("table.rating thead a[href*='sort=-fill']")
    page.wait_for_url("**sort=-fill*")
    page.click("table.rating thead a[href*='sort=fill']")  # the same column again: ascending
    page.wait_for_url(re.compile(r"[?&]sort=fill\b"))
    expect(names.first).to_contain_text(re.compile(r"^Көк-Жар"))
    page.select_option("select[name=kind]", "town")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"kind=town"))
    expect(names).to_have_count(1)
    assert "sort=fill" in page.url

    page.goto("/ru/transparency/rating/hearing/?threshold=99")
    assert "/ru/login/" in page.url
    page.fill("input[name=username]", "inspector")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/ru/transparency/rating/hearing/**")
    rows = page.locator("tbody th a")
    assert rows.first.inner_text().startswith("Көк-Жар")
    with page.expect_download() as download:
        page.click("a[href*='export.csv']")
    shown = [rows.nth(n).get_attribute("href").split("/")[1] for n in range(rows.count())]
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        exported_rows = list(csv.reader(exported))
    assert [row[2] for row in exported_rows[1:]] == shown  # the same bodies, same order


def test_transparency_pages_have_no_accessibility_violations(chromium, live_site, world):
    blocking = []
    for mode in ("standard", "visually impaired"):
        context = chromium.new_context(base_url=live_site.url)
        if mode == "visually impaired":
            context.add_cookies(
                [{"name": COOKIE_NAME, "value": "s=l.c=high.p=wide.i=1", "url": live_site.url}]
            )
        page = context.new_page()
        for path in ("/burana/ky/transparency/", "/burana/ru/transparency/",
                     "/ky/transparency/rating/", "/ru/transparency/rating/duties/"):  # fmt: skip
            assert page.goto(path).status == 200
            blocking += axe_violations(page)
        context.close()
    assert not blocking, "\n".join(blocking)
