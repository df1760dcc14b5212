"""A clerk schedules a focus group, types its results and ranks the priorities; a resident
finds Burana's needs study from the home page and sees the groups by category with women and
men counted and the ranked priorities."""

import pytest
from steps import sign_in

from achyk.bodies.tests import factories as body_factories
from achyk.participation.models import FocusGroup
from achyk.participation.tests import factories as f

pytestmark = pytest.mark.browser


def fill_in_tab(page, field_id, text):
    """Open the admin tab that holds the field, then type into it."""
    panel = page.evaluate(f"document.getElementById('{field_id}').closest('[role=tabpanel]').id")
    page.click(f'a[href="#{panel}"]')
    page.fill(f"#{field_id}", text)


def schedule_focus_group(page, study):
    page.goto("/admin/participation_focus_groups/new/")
    page.select_option("#id_study", str(study.pk))
    page.select_option("#id_category", "youth")
    page.fill("#id_starts_at", "2026-03-12 10:00")
    page.fill("#id_ends_at", "2026-03-12 12:00")
    page.fill("#id_place_ky", "Мектептин залы")
    page.fill("#id_facilitator", "Нургүл Асанова")
    fill_in_tab(page, "id_women_u18", "4")
    page.fill("#id_women_18_29", "6")
    page.fill("#id_men_u18", "5")
    page.fill("#id_men_18_29", "7")
    page.check("#id_held")
    page.click("footer .actions--primary button[type=submit]")
    page.wait_for_url("**/admin/participation_focus_groups/")


def rank(page, study, points: dict):
    page.goto(f"/admin/participation_studies/tallies/{study.pk}/")
    for name, value in points.items():
        page.fill(f'input[name="{name}"]', value)
    with page.expect_navigation(url=f"**/admin/participation_studies/tallies/{study.pk}/"):
        page.click("main form[method=post] button[type=submit]")


def test_a_clerk_ranks_priorities_and_a_resident_reads_them(chromium, live_site, body_a):
    body_factories.staff(body_a, username="burana-clerk")
    study = f.study(body_a, title_ru="Изучение нужд Бураны 2026", title_ky="Бурана 2026")
    women = f.focus_group(study, category="women", women=(0, 6, 9, 4), men=(0, 0, 0, 0))
    water = f.priority(study, title="Таза суу")
    road = f.priority(study, title="Жол")

    clerk = chromium.new_context(base_url=live_site.url, locale="ky-KG")
    page = clerk.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, "burana-clerk")
    schedule_focus_group(page, study)
    youth = FocusGroup.objects.get(category="youth")
    assert (youth.women, youth.men, youth.body_id) == (10, 12, body_a.pk)
    rank(page, study, {
        f"t-{water.pk}-{women.pk}-points": "9", f"t-{water.pk}-{youth.pk}-points": "3",
        f"t-{road.pk}-{women.pk}-points": "2", f"t-{road.pk}-{youth.pk}-points": "11",
    })  # fmt: skip
    ranking = page.eval_on_selector_all("#ranking li", "items => items.map(i => i.innerText)")
    assert ranking == ["Жол: 13", "Таза суу: 12"]
    clerk.close()

    resident = chromium.new_context(base_url=live_site.url)
    page = resident.new_page()
    page.set_default_timeout(20_000)
    page.goto("/burana/ru/")
    page.click('nav.menu a[href="/burana/ru/participation/needs/"]')
    page.click(f'a[href="/burana/ru/participation/needs/{study.pk}/"]')
    page.wait_for_url(f"**/burana/ru/participation/needs/{study.pk}/")
    assert page.get_attribute("#category-women .headcount", "data-women") == "19"
    assert page.get_attribute("#category-youth .headcount", "data-women") == "10"
    assert page.get_attribute("#category-youth .headcount", "data-men") == "12"
    ranks = page.eval_on_selector_all(
        "#priorities tbody tr", "rows => rows.map(r => [r.id, r.dataset.rank, r.dataset.points])"
    )
    assert ranks == [[f"priority-{road.pk}", "1", "13"], [f"priority-{water.pk}", "2", "12"]]
    resident.close()
