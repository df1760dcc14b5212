"""No input reaches a server error: hostile addresses and query strings on the public pages,
hostile posts on the admin's forms and tally sheet."""

import pytest

from achyk.participation.models import FocusGroup, TallyChange
from achyk.ui.tests.hostile import server_errors

from . import factories as f

pytestmark = pytest.mark.django_db

QUERIES = [
    "kind=%ff",
    "kind=" + "x" * 5000,
    "year=-1",
    "year=" + "9" * 40,
    "year=%00",
    "page=abc",
    "kind=hearing&kind=focus_group",
    "year=²",
]
KEYS = ["event-0", "hearing-abc", "focusgroup-" + "9" * 30, "x", "-", "event-1-2"]


def test_public_pages_answer_hostile_addresses_without_a_server_error(client, body_a):
    study = f.study(body_a)
    f.focus_group(study)
    event = f.event(body_a)
    pages = [
        "needs/",
        f"needs/{study.pk}/",
        f"needs/{study.pk}/schedule/",
        "groups/",
        "calendar/",
        f"calendar/{event.pk}/",
        "calendar.ics",
        "calendar/hearing.ics",
        "statistics/",
    ]
    urls = [
        f"/burana/{lang}/participation/{page}?{query}"
        for lang in ("ky", "ru")
        for page in pages
        for query in QUERIES
    ]
    urls += [f"/burana/ru/participation/calendar/event/{key}.ics" for key in KEYS]
    urls += [
        "/burana/ru/participation/needs/99999999999999999999/",
        "/burana/ru/participation/calendar/0/",
        "/ru/participation/needs/",
        "/ru/participation/calendar.ics",
        "/ru/participation/statistics/?year=%ff",
    ]
    assert server_errors(client, urls) == []


@pytest.mark.parametrize("points", ["", "-1", "1e9", "9" * 40, "<script>", "1.5", "\x00"])
def test_hostile_tallies_are_refused_with_a_message(client, body_a, editor_a, points):
    study = f.study(body_a)
    group, priority = f.focus_group(study), f.priority(study)
    client.force_login(editor_a)
    prefix = f"t-{priority.pk}-{group.pk}"
    response = client.post(
        f"/admin/participation_studies/tallies/{study.pk}/",
        {f"{prefix}-points": points, f"{prefix}-version": "0"},
    )
    assert response.status_code == 200
    assert not TallyChange.objects.exists()


def test_hostile_versions_and_missing_cells_never_break_the_sheet(client, body_a, editor_a):
    study = f.study(body_a)
    group, priority = f.focus_group(study), f.priority(study)
    client.force_login(editor_a)
    prefix = f"t-{priority.pk}-{group.pk}"
    for data in (
        {},
        {f"{prefix}-points": "3", f"{prefix}-version": "-5"},
        {f"{prefix}-points": "3", f"{prefix}-version": "9" * 30},
    ):
        response = client.post(f"/admin/participation_studies/tallies/{study.pk}/", data)
        assert response.status_code in (200, 409)
    assert not TallyChange.objects.exists()


def test_a_huge_headcount_is_refused_in_the_form(client, body_a, editor_a):
    study = f.study(body_a)
    client.force_login(editor_a)
    response = client.post(
        "/admin/participation_focus_groups/new/",
        {
            "study": study.pk,
            "category": "women",
            "starts_at": "2026-03-12 10:00",
            "women_u18": "9" * 30,
            "problems-TOTAL_FORMS": "1000000",
            "problems-INITIAL_FORMS": "0",
            "problems-MIN_NUM_FORMS": "0",
            "problems-MAX_NUM_FORMS": "1000000",
        },
    )
    assert response.status_code == 200
    assert not FocusGroup.objects.exists()
