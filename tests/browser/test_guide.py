"""The staff guide inside the panel: a clerk reaches it from the menu and from a screen's
"Help for this screen" button, in Kyrgyz and in Russian; and every step of every chapter is
walked on the real screens, as an administrator of the body, finding what the step speaks of,
so the guide cannot drift from the panel.

`make guide` runs this module with GUIDE_SHOTS set: each step's screen is then photographed
into achyk/guide/static/guide/shots/<language>/<chapter>-<n>.png, which the chapters show.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from steps import sign_in
from wagtail.users.models import UserProfile

from achyk.bodies.models import Membership
from achyk.bodies.services import body_home_pages
from achyk.bodies.tests import factories as body_factories
from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.guide.chapters import CHAPTERS, Place, shot_name
from achyk.requests.tests import factories as requests_factories

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("GUIDE_SHOTS", "")
#: The request the chapter on requests shows, written as a resident would (the factories'
#: hostile text belongs to the rendering tests, not to the guide's pictures).
REQUEST = {
    "ky": {"name": "Асан Үсөнов", "question": "Айылдык кеңештин 2026-жылдагы бюджети кандай?"},
    "ru": {"name": "Асан Усенов", "question": "Каков бюджет айылного кенеша на 2026 год?"},
}


def speak(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_a_clerk_reaches_the_guide_from_the_menu_and_from_a_screen(browser_page, body_a):
    clerk = body_factories.staff(body_a, username="burana-editor")
    speak(clerk, "ky")
    page = browser_page
    sign_in(page, "burana-editor")

    page.click(".sidebar-menu-item a[href='/admin/guide/']")
    expect(page.locator("[data-guide-chapters] li")).to_have_count(len(CHAPTERS))
    expect(page.locator("h1")).to_have_text("Колдонмо")
    page.click("[data-guide-chapters] a[href='/admin/guide/budget/']")
    expect(page.locator("h1")).to_have_text("Бюджет жана аны импорттоо")

    page.goto("/admin/budget/import/")
    page.click("[data-screen-help]")
    page.wait_for_url("**/admin/guide/budget/")
    assert page.locator("[data-guide-steps] li").count() == 3


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_step_of_the_guide_is_on_the_panel(chromium, live_site, body_a, language):
    manager = body_factories.staff(body_a, username="burana-admin", role=Membership.Role.ADMIN)
    speak(manager, language)
    home = body_home_pages(body_a).get(locale__language_code=language)
    f.section(body_a, language, content.NewsIndexPage)
    request = requests_factories.registered(body_a, language=language, **REQUEST[language])
    place = Place(body=body_a, home=home, items={"request": request.pk})
    context = chromium.new_context(
        base_url=live_site.url, locale=f"{language}-KG", viewport={"width": 1024, "height": 640}
    )
    page = context.new_page()
    sign_in(page, "burana-admin")

    for chapter in CHAPTERS:
        for number, step in enumerate(chapter.steps, start=1):
            page.goto(step.where(place))
            target = page.locator(step.selector).first
            expect(target, f"{chapter.key} step {number}").to_be_visible()
            if SHOTS:
                name = shot_name(chapter, number, language).removeprefix("guide/shots/")
                path = Path(SHOTS) / name
                path.parent.mkdir(parents=True, exist_ok=True)
                target.scroll_into_view_if_needed()
                page.screenshot(path=str(path))
    context.close()
