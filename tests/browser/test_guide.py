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
from achyk.budget.citizens.models import Section
from achyk.budget.tests import factories_citizens as citizens
from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.guide.chapters import CHAPTERS, Place, shot_name
from achyk.participation.tests import factories as participation
from achyk.plans.tests import factories as plans
from achyk.requests.tests import factories as requests_factories
from achyk.social_order.tests import factories as social_order
from achyk.transparency import flags

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("GUIDE_SHOTS", "")
#: The request the chapter on requests shows, written as a resident would (the factories'
#: hostile text belongs to the rendering tests, not to the guide's pictures).
REQUEST = {
    "ky": {"name": "Асан Үсөнов", "question": "Айылдык кеңештин 2026-жылдагы бюджети кандай?"},
    "ru": {"name": "Асан Усенов", "question": "Каков бюджет айылного кенеша на 2026 год?"},
}


def both(ky: str, ru: str, name: str = "title") -> dict[str, str]:
    return {f"{name}_ky": ky, f"{name}_ru": ru}


def demo(body, language: str) -> dict[str, int]:
    """A little of what a body keeps, so that the list screens the guide shows are not empty:
    written as staff would (the factories' hostile text belongs to the rendering tests). Returns
    the objects whose own screens the steps open."""
    plan = plans.plan(
        body,
        **both(
            "Бурана айыл аймагынын 2025–2029-жылдарга социалдык-экономикалык өнүгүү программасы",
            "Программа социально-экономического развития Бураны на 2025–2029 годы",
        ),
    )
    goal = plans.goal(plan, **both("Таза суу менен камсыз кылуу", "Обеспечение чистой водой"))
    objective = plans.objective(goal, **both("Суу түтүгүн оңдоо", "Ремонт водопровода"))
    plans.action(
        objective,
        code="1.1.1",
        **both("Чым-Коргондогу суу түтүгүн алмаштыруу", "Замена водопровода в Чым-Коргоне"),
    )
    study = participation.study(
        body, **both("Муктаждыктарды биргелешип изилдөө 2026", "Совместное изучение нужд 2026")
    )
    participation.focus_group(study)
    priority = {"ky": "Ичүүчү суу", "ru": "Питьевая вода"}[language]
    participation.priority(study, title=priority)
    programme = social_order.programme(
        body, **both("Социалдык заказ 2026", "Социальный заказ 2026")
    )
    social_order.call(
        body, programme=programme, criteria=(),
        commission=social_order.commission(body, name="Конкурстук комиссия"),
        **both("Карыларга үйдөн кызмат көрсөтүү", "Услуги пожилым на дому"),
    )  # fmt: skip
    citizens.citizens_budget(body, **{
        f"{section}_{code}": text for section in Section.values for code, text in (
            ("ky", "Айыл өкмөтүнүн бюджети элге түшүнүктүү тил менен."),
            ("ru", "Бюджет айыл окмоту простым языком."))
    })  # fmt: skip
    hearing = citizens.hearing(
        body,
        **both(
            "2027-жылдын бюджетинин долбоорун талкуулайбыз.",
            "Обсуждаем проект бюджета на 2027 год.",
            "announcement",
        ),
    )
    citizens.proposal(
        hearing, text={"ky": "Көчө жарыгын көбөйтүү", "ru": "Больше уличного освещения"}[language]
    )
    f.gallery(
        body,
        language,
        images=2,
        slug="nooruz-2026",
        caption="",
        title={"ky": "Нооруз майрамы 2026", "ru": "Праздник Нооруз 2026"}[language],
        alt_text={"ky": "Айыл аянтындагы майрам", "ru": "Праздник на площади"}[language],
    )
    member = plans.jmeg_member(body)
    flag = flags.flag_evidence(
        member=member, duty_code="news", language=language, evidence_url=f"/{body.slug}/",
        evidence_title={"ky": "Жаңылыктар", "ru": "Новости"}[language], kind="incomplete",
        comment={"ky": "Акыркы жаңылык эки ай мурун жарыяланган.",
                 "ru": "Последняя новость опубликована два месяца назад."}[language],
    )  # fmt: skip
    return {"hearing": hearing.pk, "flag": flag.pk}


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
    place = Place(body=body_a, home=home, items={"request": request.pk, **demo(body_a, language)})
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
