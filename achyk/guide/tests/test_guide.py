"""The staff guide in the panel: its chapters in the admin's language, each main screen's
link to its chapter, and every step's screen opening for a body's administrator."""

import re

import pytest
from django.utils import translation

from achyk.bodies.models import Membership
from achyk.bodies.services import body_home_pages
from achyk.bodies.tests import factories as body_factories
from achyk.budget.tests import factories_citizens as citizens
from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.content.tests.test_page_editor import speak
from achyk.guide.chapters import BY_KEY, CHAPTERS, Place, chapter_for_path
from achyk.plans.tests import factories as plans
from achyk.requests.tests import factories as requests_factories
from achyk.transparency import flags


def help_link(html) -> str:
    found = re.search(r'href="([^"]+)" data-screen-help', html)
    return found[1] if found else ""


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_guide_lists_its_chapters_in_the_admins_language(client, body_a, editor_a, language):
    speak(client, editor_a, language)

    html = client.get("/admin/guide/").content.decode()

    with translation.override(language):
        for chapter in CHAPTERS:
            assert str(chapter.title) in html
        assert translation.gettext("Guide") in html
    assert "Budget and its import" not in html


def test_a_chapter_shows_its_steps_in_the_admins_language(client, body_a, editor_a):
    speak(client, editor_a, "ky")

    html = client.get("/admin/guide/budget/").content.decode()

    steps = re.findall(r"<li class=\"w-mb-8\">\s*<p>(.*?)</p>", html, re.S)
    with translation.override("ky"):
        assert steps == [str(step.text) for step in BY_KEY["budget"].steps]
    assert "Open “Budget”" not in html
    assert client.get("/admin/guide/nothing/").status_code == 404


@pytest.mark.parametrize(
    ("address", "chapter"),
    [("/admin/budget/import/", "budget"), ("/admin/documents/add/", "documents"),
     ("/admin/acts/", "documents"), ("/admin/bin/", "bin"), ("/admin/transparency/todo/", "todo"),
     ("/admin/plans/plans/", "plans"), ("/admin/plans/actions/", "plans"),
     ("/admin/plans/import/", "plans"), ("/admin/plans/flags/", "plans"),
     ("/admin/plans/reports/", "plans"), ("/admin/participation_studies/", "participation"),
     ("/admin/participation_focus_groups/", "participation"),
     ("/admin/participation_priorities/", "participation"),
     ("/admin/participation/import/", "participation"),
     ("/admin/social-order/programmes/", "social-order"),
     ("/admin/social-order/calls/", "social-order"),
     ("/admin/social-order/applications/", "social-order"),
     ("/admin/social-order/contracts/", "social-order"),
     ("/admin/social-order/tranches/", "social-order"), ("/admin/requests/", "requests"),
     ("/admin/requests/new/", "requests"), ("/admin/subscription-bounces/", "subscriptions"),
     ("/admin/citizens-budgets/", "citizens-budget"),
     ("/admin/citizens-budgets/new/", "citizens-budget"),
     ("/admin/budget-hearings/", "hearings"), ("/admin/budget-hearings/new/", "hearings"),
     ("/admin/transparency/jmeg/", "jmeg"), ("/admin/transparency/flags/", "jmeg")],
)  # fmt: skip
def test_each_main_screen_links_to_its_chapter(client, body_a, editor_a, address, chapter):
    speak(client, editor_a, "ky")

    html = client.get(address).content.decode()

    assert help_link(html) == f"/admin/guide/{chapter}/"


def test_a_screen_without_a_chapter_has_no_help_link(client, body_a, editor_a):
    speak(client, editor_a, "ky")
    assert help_link(client.get("/admin/guide/").content.decode()) == ""
    assert chapter_for_path("/admin/account/") is None


def test_every_step_opens_for_a_body_administrator(client, body_a, body_b):
    manager = body_factories.staff(body_a, role=Membership.Role.ADMIN)
    speak(client, manager, "ru")
    f.section(body_a, "ru", content.NewsIndexPage)
    request = requests_factories.registered(body_a)
    hearing = citizens.hearing(body_a)
    flag = flags.flag_evidence(
        member=plans.jmeg_member(body_a), duty_code="news", language="ru", evidence_url="/",
        evidence_title="Новости", kind="wrong", comment="Дата неверна",
    )  # fmt: skip
    home = body_home_pages(body_a).get(locale__language_code="ru")
    items = {"request": request.pk, "hearing": hearing.pk, "flag": flag.pk}
    place = Place(body=body_a, home=home, items=items)

    for chapter in CHAPTERS:
        for number, step in enumerate(chapter.steps, start=1):
            response = client.get(step.where(place))
            assert response.status_code == 200, f"{chapter.key} step {number}"


def test_the_add_screen_of_a_gallery_links_to_the_chapter_on_galleries():
    assert chapter_for_path("/admin/pages/add/content/gallerypage/7/").key == "galleries"
    assert chapter_for_path("/admin/pages/add/content/newspage/7/").key == "pages"
