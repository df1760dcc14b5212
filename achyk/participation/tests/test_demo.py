"""The demo's needs studies: Burana's and Ak-Bashat's, as a visitor finds them."""

import re

import pytest
from icalendar import Calendar

from achyk.demo import participation as demo
from achyk.participation import selectors
from achyk.participation.models import Event, FocusGroup, NeedsStudy, TallyChange

pytestmark = pytest.mark.django_db


def test_the_demo_study_has_groups_priorities_a_gathering_and_a_year_of_events(client, body_a):
    study = demo.ensure(body=body_a)
    assert demo.ensure(body=body_a) is None  # loaded once, staff's work kept
    groups = FocusGroup.objects.filter(study=study)
    assert groups.count() >= 6 and len({g.category for g in groups}) >= 6
    ranked = selectors.ranked_priorities(study)
    assert len(ranked) == 5 and ranked[0].points >= ranked[-1].points
    assert sum(r.points for r in ranked) == 20 * groups.count()
    assert TallyChange.objects.filter(priority__study=study).exists()
    assert study.adopted_by.kind == "gathering" and study.adopted_by.has_minutes
    events = Event.objects.filter(body=body_a)
    days = sorted(e.starts_at for e in events)
    assert (days[-1] - days[0]).days >= 365 and events.count() >= 10
    html = client.get(f"/burana/ru/participation/needs/{study.pk}/").content.decode()
    assert len(re.findall(r'<section class="category"', html)) == groups.count()
    feed = Calendar.from_ical(client.get("/burana/ru/participation/calendar.ics").content)
    assert len(list(feed.walk("VEVENT"))) >= 10
    assert not NeedsStudy.objects.exclude(body=body_a).exists()
