"""A resident finds the body's development programme from its home page and reads goals,
actions with costs, indicators, the working group, the approving act and the monitoring
group's assessments; a member of the group files a monitoring report and approves it; staff
answer it in the admin, and the answer is public."""

import re

import pytest
from playwright.sync_api import expect

from achyk.bodies.tests import factories as body_factories
from achyk.documents.tests import factories as docs
from achyk.plans import services
from achyk.plans.monitoring import MonitoringReport
from achyk.plans.tests import factories

pytestmark = pytest.mark.browser

MEMBER_PASSWORD = "Монитор-2026-ң"


@pytest.fixture
def programme(live_site, body_a):
    act = docs.act(body_a, title="Программаны бекитүү жөнүндө", number="31/2")
    plan = factories.full_plan(body_a, approved_by=act, title_ky="Өнүгүү программасы")
    member = factories.jmeg_member(body_a, username="aigul")
    services.assess_action(
        member=member,
        action=plan.actions.first(),
        status="delayed",
        rating=2,
        comment="Иш токтоп турат",
    )
    return plan


def test_a_resident_finds_the_programme_from_the_home_page(browser_page, programme):
    page = browser_page
    page.goto("/burana/ky/")
    page.click("nav.menu a[href='/burana/ky/plans/']")
    page.click(f"a[href='/burana/ky/plans/{programme.pk}/']")
    page.wait_for_url(f"**/burana/ky/plans/{programme.pk}/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Өнүгүү программасы"))
    assert "31/2" in page.locator("#approving-act").inner_text()
    action = programme.actions.first()
    row = page.locator(f"#action-{action.pk}")
    assert "Иш-чара 1.1.1" in row.inner_text()
    expect(page.locator("#disagreements li")).to_have_count(1)
    assert page.locator("#h-indicators ~ div table tbody tr").count() >= 1
    expect(page.locator("#gender-balance")).to_be_visible()
    assert page.locator("figure.chart svg[role=img]").count() >= 3
    row.locator("a").click()
    expect(page.locator("#costs tbody tr")).to_have_count(2)
    expect(page.locator("#group")).to_contain_text("Иш токтоп турат")


def test_a_member_files_a_report_and_staff_answer_it(browser_page, programme, body_a):
    page = browser_page
    page.goto("/burana/ru/plans/monitoring/")
    assert "/ru/login/" in page.url
    page.fill("input[name=username]", "aigul")
    page.fill("input[name=password]", MEMBER_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/burana/ru/plans/monitoring/")
    page.select_option("#id_plan", str(programme.pk))
    page.fill("#id_period", "2025")
    page.fill("#id_checked", "Суу түтүгү, мектептин чатыры")
    page.fill("#id_findings", "Суу түтүгү бүтө элек")
    page.fill("#id_recommendations", "Суу түтүгүн августка чейин бүтүрүү\nОтчёт жарыялоо")
    page.click("form[action$='/plans/monitoring/report/'] button[type=submit]")
    page.wait_for_url("**/burana/ru/plans/reports/*/")
    expect(page.locator("#draft")).to_be_visible()
    page.click("form[action$='/publish/'] button[type=submit]")
    expect(page.locator("#draft")).to_have_count(0)
    report = MonitoringReport.objects.get()
    assert report.published_at is not None

    staff = page.context.browser.new_context(base_url=page.url.split("/burana/")[0])
    admin = staff.new_page()
    editor = body_factories.staff(body_a, username="clerk")
    admin.goto("/admin/login/")
    admin.fill("input[name=username]", editor.username)
    admin.fill("input[name=password]", body_factories.PASSWORD)
    admin.click("form button[type=submit]")
    admin.wait_for_url("**/admin/")
    admin.goto("/admin/plans/reports/")
    admin.click(f"a[href='/admin/plans/reports/{report.pk}/']")
    first = report.recommendations.get(number=1)
    admin.fill(f"#id_{first.pk}-answer", "Макул: август айында бүтөт")
    with admin.expect_navigation(url=f"**/admin/plans/reports/{report.pk}/"):
        admin.locator(f"#recommendation-{first.pk} button[type=submit]").click()
    staff.close()

    page.goto(f"/burana/ru/plans/reports/{report.pk}/")
    assert "Макул: август айында бүтөт" in page.locator(f"#recommendation-{first.pk}").inner_text()
