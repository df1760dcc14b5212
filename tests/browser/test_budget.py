"""An editor imports a budget from a spreadsheet and publishes a Citizens' Budget; a resident
reads its figures and downloads the print; the public budget pages pass axe-core."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader
from steps import sign_in

from achyk.bodies.tests import factories as body_factories
from achyk.budget.tests import sheets
from achyk.ui.accessibility import COOKIE_NAME

pytestmark = pytest.mark.browser

LARGE_PRINT = "s=l.c=high.p=wide.i=1"
ROWS = [
    ["1111", "", "Жеке адамдардын киреше салыгы", "", "1200000"],
    ["1132", "", "Жер салыгы", "", "345678.90"],
    ["1311", "", "Теңдештирүүчү грант", "", "2500000"],
    ["2111", "7011", "Эмгек акы", "", "1800000"],
    ["3111", "7092", "Мектептин чатырын оңдоо", "", "900000"],
]
# revenue 1 200 000 + 345 678,90 + 2 500 000 = 4 045 678,90 → shown as 4 045 679 (whole som)
REVENUE = "4 045 679"


def import_budget(page, path):
    page.goto("/admin/budget/import/")
    page.fill("#id_year", "2026")
    page.select_option("#id_stage", "approved")
    page.set_input_files("#id_file", str(path))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/budget/import/*/")
    page.click('button[name="confirm"]')
    page.wait_for_url(re.compile(r".*/admin/budget/\d+/$"))


def fill_in_tab(page, field_id, text):
    """Open the admin tab that holds the field, then type into it."""
    panel = page.evaluate(f"document.getElementById('{field_id}').closest('[role=tabpanel]').id")
    page.click(f'a[href="#{panel}"]')
    page.fill(f"#{field_id}", text)


def publish_citizens_budget(page):
    page.goto("/admin/citizens-budgets/new/")
    page.fill("#id_year", "2026")
    page.select_option("#id_stage", "approved")
    page.check("#id_is_published")
    fill_in_tab(page, "id_general_ky", "Бюджет айылдын ар бир тургуну үчүн ачык.")
    fill_in_tab(page, "id_general_ru", "Бюджет открыт для каждого жителя села.")
    page.click("footer .actions--primary button[type=submit]")
    page.wait_for_url("**/admin/citizens-budgets/")


def test_editor_imports_a_budget_and_a_resident_reads_the_citizens_budget(
    chromium, live_site, body_a, tmp_path
):
    body_factories.staff(body_a, username="burana-editor")
    spreadsheet = tmp_path / "budget-2026.xlsx"
    spreadsheet.write_bytes(sheets.xlsx(ROWS))

    editor = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    page = editor.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "burana-editor")
    import_budget(page, spreadsheet)
    publish_citizens_budget(page)
    editor.close()

    resident = chromium.new_context(base_url=live_site.url)
    page = resident.new_page()
    page.set_default_timeout(15_000)
    page.goto("/burana/ru/")
    page.click('nav.menu a[href="/burana/ru/budget/"]')
    page.click('a[href="/burana/ru/budget/2026/citizens/approved/"]')
    page.wait_for_url("**/burana/ru/budget/2026/citizens/approved/")
    main = page.inner_text("main").replace("\u00a0", " ")
    assert "Бюджет открыт для каждого жителя села." in main
    assert REVENUE in main
    pdf_url = page.get_attribute('a[href$="/citizens/approved/pdf/"]', "href")
    printed = page.request.get(pdf_url)
    assert printed.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(printed.body()))
    assert len(reader.pages) <= 2
    assert REVENUE in " ".join(p.extract_text() for p in reader.pages).replace("\u00a0", " ")
    resident.close()


def test_public_budget_pages_have_no_accessibility_violations(chromium, live_site, body_a):
    from achyk.budget.tests.factories import small_budget
    from achyk.budget.tests.factories_citizens import citizens_budget, hearing, proposal

    body_a.population = 12000
    body_a.save()
    small_budget(body_a, year=2026)
    citizens_budget(body_a)
    proposal(hearing(body_a), decision="rejected", reason="Акча жок")
    paths = ["/budget/", "/budget/2026/", "/budget/2026/citizens/approved/", "/budget/hearings/"]
    found = []
    for mode in ("standard", "visually impaired"):
        context = chromium.new_context(base_url=live_site.url)
        if mode == "visually impaired":
            context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}])
        page = context.new_page()
        for language in ("ky", "ru"):
            for path in paths:
                url = f"/burana/{language}{path}"
                assert page.goto(url).status == 200, url
                violations = Axe().run(page).response["violations"]
                found += [
                    f"{mode} {url}: {v['id']} ({v['impact']}) {v['help']}" for v in violations
                ]
        context.close()
    assert not found, "\n".join(found)
