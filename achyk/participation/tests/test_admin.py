"""The clerk's screens: a focus group scheduled and its results typed, priorities ranked on
the tally sheet, a stale tally refused; staff of another body get 404."""

import re

import pytest

from achyk.bodies.tests import factories as body_factories
from achyk.participation.models import Checklist, FocusGroup, Problem, Tally, TallyChange

from . import factories as f

pytestmark = pytest.mark.django_db


def _focus_group_form(study, **overrides):
    data = {
        "study": str(study.pk),
        "category": "youth",
        "settlement": "",
        "starts_at": "2026-03-12 10:00",
        "ends_at": "2026-03-12 12:00",
        "place_ky": "Мектеп",
        "place_ru": "Школа",
        "facilitator": "Нургүл",
        "checklist": "",
        "held": "on",
        "notes_ky": "",
        "notes_ru": "",
        "women_u18": "4",
        "women_18_29": "6",
        "women_30_59": "0",
        "women_60": "0",
        "men_u18": "5",
        "men_18_29": "7",
        "men_30_59": "0",
        "men_60": "0",
        "problems-TOTAL_FORMS": "1",
        "problems-INITIAL_FORMS": "0",
        "problems-MIN_NUM_FORMS": "0",
        "problems-MAX_NUM_FORMS": "60",
        "problems-0-text_ky": "Спорт аянтчасы жок",
        "problems-0-text_ru": "Нет спортплощадки",
        "problems-0-sector": "culture",
        "problems-0-settlement": "",
        "problems-0-raised_by": "",
        "problems-0-priority": "",
        "problems-0-ORDER": "1",
        "problems-0-id": "",
    }
    data.update(overrides)
    return data


def test_a_clerk_schedules_a_focus_group_and_types_its_results(client, body_a, editor_a):
    study = f.study(body_a)
    client.force_login(editor_a)
    form = client.get("/admin/participation_focus_groups/new/").content.decode()
    assert 'value="youth"' in form and 'name="women_18_29"' in form
    refused = client.post(
        "/admin/participation_focus_groups/new/", _focus_group_form(study, men_u18="пять")
    )
    assert refused.status_code == 200
    assert 'value="пять"' in refused.content.decode()  # what was typed is kept
    assert not FocusGroup.objects.exists()
    response = client.post("/admin/participation_focus_groups/new/", _focus_group_form(study))
    assert response.status_code == 302, response.content.decode()[:3000]
    group = FocusGroup.objects.get()
    assert (group.body, group.category, group.women, group.men) == (body_a, "youth", 10, 12)
    assert Problem.objects.get().text_ru == "Нет спортплощадки"


def test_a_headcount_above_the_population_is_refused_in_the_form(client, body_a, editor_a):
    study = f.study(body_a)
    village = f.settlement(body_a, population=15)
    client.force_login(editor_a)
    response = client.post(
        "/admin/participation_focus_groups/new/",
        _focus_group_form(study, settlement=str(village.pk)),
    )
    assert response.status_code == 200
    assert "22" in response.content.decode() and not FocusGroup.objects.exists()


def test_a_negative_headcount_is_refused_in_the_form(client, body_a, editor_a):
    study = f.study(body_a)
    client.force_login(editor_a)
    response = client.post(
        "/admin/participation_focus_groups/new/", _focus_group_form(study, women_60="-3")
    )
    assert response.status_code == 200 and not FocusGroup.objects.exists()


def _sheet(client, study):
    html = client.get(f"/admin/participation_studies/tallies/{study.pk}/").content.decode()
    return dict(re.findall(r'name="(t-\d+-\d+-(?:points|version))" value="(\d+)"', html))


def test_a_clerk_ranks_priorities_on_the_tally_sheet(client, body_a, editor_a):
    study = f.study(body_a)
    women, youth = f.focus_group(study), f.focus_group(study, category="youth")
    water, road = f.priority(study, title="Суу"), f.priority(study, title="Жол")
    client.force_login(editor_a)
    data = _sheet(client, study)
    assert len(data) == 8
    data |= {
        f"t-{water.pk}-{women.pk}-points": "9",
        f"t-{water.pk}-{youth.pk}-points": "3",
        f"t-{road.pk}-{women.pk}-points": "2",
        f"t-{road.pk}-{youth.pk}-points": "11",
    }
    response = client.post(f"/admin/participation_studies/tallies/{study.pk}/", data)
    assert response.status_code == 302
    page = client.get(f"/admin/participation_studies/tallies/{study.pk}/").content.decode()
    assert re.findall(r'<li data-rank="(\d)">([^<:]+): (\d+)', page) == [
        ("1", "Жол", "13"),
        ("2", "Суу", "12"),
    ]
    assert TallyChange.objects.filter(by=editor_a).count() == 4


def test_a_tally_changed_meanwhile_is_refused_and_nothing_is_lost(client, body_a, editor_a):
    study = f.study(body_a)
    group, water = f.focus_group(study), f.priority(study)
    client.force_login(editor_a)
    stale = _sheet(client, study)
    other = body_factories.staff(body_a, username="second_clerk")
    second = client.__class__()
    second.force_login(other)
    second.post(
        f"/admin/participation_studies/tallies/{study.pk}/",
        _sheet(second, study) | {f"t-{water.pk}-{group.pk}-points": "7"},
    )
    stale[f"t-{water.pk}-{group.pk}-points"] = "5"
    response = client.post(f"/admin/participation_studies/tallies/{study.pk}/", stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert 'value="5"' in html and 'role="alert"' in html and "7" in html
    assert Tally.objects.get().points == 7


def test_text_in_a_tally_is_refused_and_kept(client, body_a, editor_a):
    study = f.study(body_a)
    group, water = f.focus_group(study), f.priority(study)
    client.force_login(editor_a)
    data = _sheet(client, study) | {f"t-{water.pk}-{group.pk}-points": "он"}
    response = client.post(f"/admin/participation_studies/tallies/{study.pk}/", data)
    assert response.status_code == 200 and 'value="он"' in response.content.decode()
    assert not TallyChange.objects.exists()


def test_staff_of_another_body_get_404(client, body_a, editor_b):
    study = f.study(body_a)
    group = f.focus_group(study)
    client.force_login(editor_b)
    assert client.get(f"/admin/participation_studies/tallies/{study.pk}/").status_code == 404
    assert client.get(f"/admin/participation_focus_groups/edit/{group.pk}/").status_code == 404
    assert client.get(f"/admin/participation_studies/edit/{study.pk}/").status_code == 404


def test_a_checklist_starts_from_a_platform_template(client, body_a, editor_a):
    client.force_login(editor_a)
    response = client.post(
        "/admin/participation_checklists/new/",
        {
            "template": "general",
            "previous": "",
            "title_ky": "",
            "title_ru": "",
            "questions_ky": "",
            "questions_ru": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    checklist = Checklist.objects.get()
    assert len(checklist.questions("ru")) == 5 and checklist.title_ky


def test_the_sheet_shows_changes_made_by_no_one_signed_in(client, body_a, editor_a):
    from achyk.participation import services

    study = f.study(body_a)
    group, priority = f.focus_group(study), f.priority(study)
    services.set_tally(priority=priority, focus_group=group, points=4, version=0, by=None)
    client.force_login(editor_a)
    response = client.get(f"/admin/participation_studies/tallies/{study.pk}/")
    assert response.status_code == 200
    assert "<td>—</td><td>" in response.content.decode()
