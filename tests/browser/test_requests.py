"""A resident asks Burana for information, confirms by the link in the letter, sees the
reference number and the due date (10 working days, holidays counted), and later reads the
answer a clerk gave in the public register; a subscriber confirms, gets a digest and leaves
with one click. The new pages pass axe-core in Kyrgyz and Russian, in both versions."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect
from steps import sign_in

from achyk.bodies.tests import factories as body_factories
from achyk.content.tests import factories as pages
from achyk.requests import services as requests_services
from achyk.requests.models import Request
from achyk.requests.tests import factories as request_factories
from achyk.subscriptions import digest
from achyk.subscriptions.models import Subscriber
from achyk.ui.accessibility import COOKIE_NAME
from achyk.workdays.calendar import local_date
from achyk.workdays.selectors import work_calendar

pytestmark = pytest.mark.browser
LARGE_PRINT = "s=l.c=high.p=wide.i=1"


def path_in(text: str, word: str) -> str:
    return re.search(rf"https?://[^/\s]+(/\S+/{word}/\S+/)", text).group(1)


def test_a_resident_asks_confirms_and_reads_the_answer(chromium, live_site, body_a, smtp):
    body_factories.staff(body_a, username="burana-clerk")
    resident = chromium.new_context(base_url=live_site.url)
    page = resident.new_page()
    page.set_default_timeout(15_000)
    page.goto("/burana/ru/")
    page.click('nav.menu a[href="/burana/ru/requests/"]')
    page.click("#ask-link")
    page.fill("#id_name", "Асан Үсөнов")
    page.fill("#id_email", "asan@example.kg")
    page.fill("#id_question", "Сколько стоит ремонт водопровода в 2026 году?")
    page.click("#request-form button[type=submit]")
    page.wait_for_url("**/burana/ru/requests/sent/")
    assert Request.objects.get().reference == ""  # nothing counts before the link

    page.goto(path_in(smtp.texts("asan@example.kg")[0], "confirm"))
    request = Request.objects.get()
    received = local_date(timezone.now(), body_a.time_zone)
    due = work_calendar("KG").add_days(received, 10, "working")
    assert request.due_on == due
    assert page.inner_text("#reference") == request.reference
    assert page.get_attribute("#due-on", "datetime") == due.isoformat()
    assert request.reference in smtp.texts("asan@example.kg")[1]

    clerk = chromium.new_context(base_url=live_site.url, locale="ru-RU")
    admin = clerk.new_page()
    admin.set_default_timeout(15_000)
    sign_in(admin, "burana-clerk")
    admin.goto("/admin/requests/?clock=open")
    admin.click(f'a[href="/admin/requests/edit/{request.pk}/"]')
    admin.select_option("#id_action", "answered")
    admin.fill("#id_text", "На ремонт водопровода в 2026 году предусмотрено 1 200 000 сомов.")
    admin.fill("#id_public_question", "Сколько стоит ремонт водопровода в 2026 году?")
    admin.check("#id_is_public")
    with admin.expect_navigation(url=f"**/admin/requests/edit/{request.pk}/"):
        admin.click("footer .actions--primary button[type=submit]")
    clerk.close()

    page.goto("/burana/ru/requests/")
    page.click(f'a[href="/burana/ru/requests/{request.reference}/"]')
    assert "1 200 000 сомов" in page.inner_text("#answer")
    assert "Асан" not in page.inner_text("main")
    resident.close()


def test_a_subscriber_confirms_gets_a_digest_and_leaves_with_one_click(
    chromium, live_site, body_a, smtp
):
    context = chromium.new_context(base_url=live_site.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/burana/ru/")
    page.click('footer a[href="/burana/ru/subscriptions/"]')
    page.fill("#id_email", "aigul@example.kg")
    page.click("#subscribe-form button[type=submit]")
    page.wait_for_url("**/burana/ru/subscriptions/sent/")
    page.goto(path_in(smtp.texts("aigul@example.kg")[0], "confirm"))
    expect(page.locator("#subscription-confirmed")).to_be_visible()

    item = pages.news(body_a, "ru", title="Новый водопровод в селе")
    report = digest.send("daily", timezone.now() + datetime.timedelta(minutes=5))
    assert report.letters == 1
    letter = smtp.texts("aigul@example.kg")[-1]
    assert item.title in letter
    page.goto(path_in(letter, "leave"))
    page.click("#leave-button")
    expect(page.locator("#left")).to_be_visible()
    assert Subscriber.objects.get().left_at is not None
    context.close()


def test_the_new_pages_pass_axe(chromium, live_site, body_a, smtp):
    request = request_factories.registered(body_a, received_on=timezone.localdate())
    requests_services.answer(request=request, status="answered", text="Ответ", by=None)
    requests_services.publish(request=request, public_question="Вопрос", is_public=True, by=None)
    found = []
    for mode in ("standard", "visually impaired"):
        context = chromium.new_context(base_url=live_site.url)
        if mode == "visually impaired":
            context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}])
        page = context.new_page()
        for language in ("ky", "ru"):
            prefix = f"/burana/{language}"
            paths = [
                "/requests/", "/requests/ask/", "/requests/sent/",
                f"/requests/{request.reference}/", "/subscriptions/", "/subscriptions/sent/",
            ]  # fmt: skip
            for path in paths:
                assert page.goto(prefix + path).status == 200, prefix + path
                found += _violations(page, mode, prefix + path)
            page.goto(prefix + "/subscriptions/")
            page.fill("#id_email", "not an address")
            page.click("#subscribe-form button[type=submit]")  # the form with its errors
            expect(page.locator("#subscribe-form .error")).to_be_visible()
            found += _violations(page, mode, prefix + "/subscriptions/ (errors)")
        page.goto("/ru/requests/")
        found += _violations(page, mode, "/ru/requests/")
        context.close()
    assert not found, "\n".join(found)


def _violations(page, mode, where):
    page.wait_for_load_state("load")
    violations = Axe().run(page).response["violations"]
    return [f"{mode} {where}: {v['id']} ({v['impact']}) {v['help']}" for v in violations]
