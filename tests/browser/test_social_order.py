"""The social order's main path in the browser: an NGO applies and sees its number; the
commission scores, a member with a conflict of interest is refused; the body decides, signs a
contract and schedules a tranche in the admin; the NGO reports, the report is returned, then
accepted, and the tranche is paid; a resident reads it in the register from the body's home.
The monitoring group files a report from the register's page, the NGO and the body answer it,
and a resident reads it with both answers. axe-core finds no serious or critical violation
on the register's pages, in ky and ru."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect
from steps import sign_in

from achyk.social_order.models import Application, Call, CallState, Contract, Tranche
from achyk.social_order.tests import factories as f

pytestmark = pytest.mark.browser
NGO_PASSWORD = "pw-Бурана-42"  # the social order's factories give it to their accounts
BLOCKING = {"serious", "critical"}


def sign_in_public(page, username, password, next_path):
    page.goto(f"/ky/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{next_path}")


def fill_date(page, selector, value):
    """Type a date into the admin's date field; Escape closes its picker, which covered the
    form's next fields and buttons."""
    page.fill(selector, value)
    page.keyboard.press("Escape")
    expect(page.locator(".xdsoft_datetimepicker >> visible=true")).to_have_count(0)


def blocking(page) -> list[str]:
    page.wait_for_load_state("load")
    results = Axe().run(page).response
    return [f"{page.url}: {v['id']}" for v in results["violations"] if v["impact"] in BLOCKING]


def test_ngo_applies_commission_scores_and_a_tranche_is_paid(chromium, live_site, body_a, admin_a):
    call = f.call(body_a)
    f.application(f.ngo(body_a), call, submit=True)  # a rival application
    member = f.ngo(body_a, name="БӨУ «Мээрим»")
    ngo = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    page = ngo.new_page()

    # The NGO applies: the budget refused with text in an amount, then submitted.
    sign_in_public(page, member.user.username, NGO_PASSWORD, "/burana/ky/social-order/mine/")
    page.click("#main form.inline button[type=submit]")
    page.fill("#id_title", "Карыларга үйдө кам көрүү")
    page.fill("#id_problem", "Жалгыз карылар")
    page.fill("#id_lines-0-item", "Айлык")
    page.fill("#id_lines-0-amount", "жүз миң")
    page.click("button[value=submit]")
    expect(page.locator("[role=alert]").first).to_be_visible()
    assert page.locator("#id_problem").input_value() == "Жалгыз карылар"
    page.fill("#id_lines-0-amount", "300000")
    page.click("button[value=submit]")
    number = page.locator("#ack-number").inner_text()
    application = Application.objects.get(organisation=member.organisation)
    assert number == application.number

    # The commission: the call closes; one member scores, one declares a conflict.
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=9),
        deadline=timezone.now() - datetime.timedelta(minutes=1), state=CallState.REVIEW,
    )  # fmt: skip
    scorer, conflicted = call.commission.seats.order_by("pk")
    for seat, conflict in ((scorer, False), (conflicted, True)):
        context = chromium.new_context(base_url=live_site.url, locale="ky-KG")
        member_page = context.new_page()
        sign_in_public(member_page, seat.user.username, NGO_PASSWORD,
                       "/burana/ky/social-order/commission/")  # fmt: skip
        member_page.click(f"text={number}")
        member_page.check(f"input[name=conflicted][value='{1 if conflict else 0}']")
        if conflict:
            member_page.fill("#id_note", "Уюмдун мүчөсүмүн")
        member_page.click("button[name=declare]")
        if conflict:
            expect(member_page.locator("#conflicted")).to_be_visible()
            assert member_page.locator("input[name^=score_]").count() == 0
        else:
            expect(member_page.locator("input[name^=score_]").first).to_be_visible()
            for field in member_page.locator("input[name^=score_]").all():
                field.fill("9")
            with member_page.expect_navigation():
                member_page.click("button[name=score]")
        context.close()
    assert application.scores.count() == 2 and not application.scores.filter(seat=conflicted)

    # The body decides, signs the contract and schedules the tranche in the admin.
    staff = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    admin = staff.new_page()
    sign_in(admin, admin_a.username)
    admin.goto(f"/admin/social-order/calls/{call.pk}/")
    assert (
        admin.locator(f"#ranking tr[data-application='{application.pk}'] .total").inner_text()
        == "90.00"
    )
    admin.check(f"input[name=winners][value='{application.pk}']")
    admin.click("button[name=decide]")
    expect(admin.locator("#call-state")).to_have_attribute("data-state", "decided")
    admin.goto("/admin/social-order/contracts/new/")
    admin.select_option("#id_application", str(application.pk))
    admin.fill("#id_number", "МСТ-9")
    for name in ("signed_on", "starts_on", "ends_on"):
        fill_date(admin, f"#id_{name}", "2026-03-01")
    admin.fill("#id_amount", "300000")
    admin.click("#w-editor-form footer button[type=submit]")
    admin.wait_for_url("**/social-order/contracts/")
    contract = Contract.objects.get(application=application)
    admin.goto("/admin/social-order/tranches/new/")
    admin.select_option("#id_contract", str(contract.pk))
    admin.fill("#id_number", "1")
    admin.fill("#id_amount", "300000")
    fill_date(admin, "#id_due_on", "2026-06-01")
    admin.fill("#id_report_expected", "Жыйынтык отчет")
    admin.click("#w-editor-form footer button[type=submit]")
    admin.wait_for_url("**/social-order/tranches/")
    tranche = Tranche.objects.get(contract=contract)

    # The NGO reports; the body returns the report, then accepts the new version and pays.
    for version in (1, 2):
        page.goto(f"/burana/ky/social-order/tranches/{tranche.pk}/report/")
        page.fill("#id_narrative", f"Аткарылган иш, {version}-версия")
        page.fill("input[name^=spent_]", "250000")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/social-order/mine/")
        admin.goto(f"/admin/social-order/contracts/{contract.pk}/tranches/")
        report = admin.locator("article.report[data-state=submitted]")
        report.locator("textarea").fill("Эсеп-фактуралар жок" if version == 1 else "")
        report.locator(f"button[value={'return' if version == 1 else 'accept'}]").click()
        expected = "returned" if version == 1 else "accepted"
        expect(admin.locator("#tranche-1")).to_have_attribute("data-state", expected)
    page.goto(f"/burana/ky/social-order/tranches/{tranche.pk}/report/")
    expect(page.locator("#comment-1")).to_be_visible()
    payment = admin.locator("#tranche-1 form.payment")
    payment.locator("input[name=paid_on]").fill("2026-06-10")
    payment.locator("input[name=amount]").fill("300000")
    payment.locator("input[name=document]").fill("ТТ-17")
    payment.locator("button[name=pay]").click()
    expect(admin.locator("#tranche-1")).to_have_attribute("data-state", "paid")
    staff.close()

    # A resident finds it from the body's home: the register, the call, the contract.
    resident = chromium.new_context(base_url=live_site.url, locale="ru-RU")
    reader = resident.new_page()
    violations = []
    for language in ("ky", "ru"):
        reader.goto(f"/burana/{language}/")
        reader.click(f"nav.menu a[href='/burana/{language}/social-order/']")
        reader.wait_for_url(f"**/burana/{language}/social-order/")
        violations += blocking(reader)
        reader.click(f"#contracts a[href$='/contracts/{contract.pk}/']")
        expect(reader.locator("#tranches tr[data-state=paid]")).to_have_count(1)
        violations += blocking(reader)
        reader.goto(f"/burana/{language}/social-order/calls/{call.pk}/")
        violations += blocking(reader)
    reader.goto("/burana/ky/social-order/signup/")
    violations += blocking(reader)
    assert violations == []
    resident.close()
    ngo.close()


def test_the_monitoring_group_reports_on_a_project_and_the_ngo_and_the_body_answer(
    chromium, live_site, body_a, admin_a
):
    from achyk.social_order.models import MonitoringReport
    from achyk.social_order.tests.test_public import _decided_with_contract

    _, contract = _decided_with_contract(body_a)
    jmeg = f.jmeg_member(body_a, username="browser_jmeg")
    ngo_member = contract.application.organisation.members.get()

    # A member finds the group's page from the register, signs in and files a draft.
    group = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    page = group.new_page()
    page.goto("/burana/ky/social-order/")
    page.click("a[href$='/social-order/monitoring/']")
    page.wait_for_url("**/login/**")
    page.fill("input[name=username]", jmeg.user.username)
    page.fill("input[name=password]", NGO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/burana/ky/social-order/monitoring/")
    page.select_option("select[name=contract]", str(contract.pk))
    page.fill("input[name=visited_on]", "2026-04-02")
    page.fill("input[name=members]", "Айгүл, Бакыт")
    page.fill("textarea[name=checked]", "Кам көрүү журналы")
    page.fill("textarea[name=findings]", "Дарылар кечигет")
    page.select_option("select[name=rating]", "4")
    page.click("#h-new ~ form button[type=submit]")
    report = page.locator("article.monitoring").first
    expect(report).to_contain_text("Дарылар кечигет")
    report.locator("button[type=submit]").click()  # the group approves it
    page.wait_for_url(f"**/social-order/contracts/{contract.pk}/#monitoring-*")
    filed = MonitoringReport.objects.get(contract=contract)
    group.close()

    # The NGO answers on its page.
    ngo = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    page = ngo.new_page()
    sign_in_public(page, ngo_member.user.username, NGO_PASSWORD, "/burana/ky/social-order/mine/")
    page.fill(f"textarea[name='answer-{filed.pk}-answer']", "Дарыкана менен келишим түзүлдү")
    page.click(f"#monitoring-{filed.pk} button[type=submit]")
    page.wait_for_url(f"**/social-order/contracts/{contract.pk}/#monitoring-{filed.pk}")
    ngo.close()

    # The body answers in the admin, where the group's text cannot be changed.
    staff = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    admin = staff.new_page()
    sign_in(admin, admin_a.username)
    admin.goto(f"/admin/social-order/monitoring/edit/{filed.pk}/")
    expect(admin.locator("#id_findings")).to_be_disabled()
    admin.fill("#id_body_answer", "Айыл өкмөтү кийинки айда текшерет")
    admin.click("#w-editor-form footer button[type=submit]")
    admin.wait_for_url("**/social-order/monitoring/")
    staff.close()

    # A resident reads the report with both answers under the contract.
    reader = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    page = reader.new_page()
    page.goto(f"/burana/ky/social-order/contracts/{contract.pk}/")
    article = page.locator(f"#monitoring-{filed.pk}")
    expect(article.locator(".ngo-answer")).to_contain_text("Дарыкана менен келишим түзүлдү")
    expect(article.locator(".body-answer")).to_contain_text("Айыл өкмөтү кийинки айда текшерет")
    assert blocking(page) == []
    reader.close()
