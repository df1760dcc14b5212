"""What a resident reads: the needs study from the body's home, the calendar with the budget's
hearings in it, an event with "add to my calendar", and the iCal feeds."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from achyk.budget.tests.factories_citizens import hearing
from achyk.participation import services

from . import factories as f

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def _ranked_study(body):
    study = f.study(body)
    women = f.focus_group(study, category="women", women=(0, 6, 9, 4), men=(0, 0, 0, 0))
    youth = f.focus_group(study, category="youth", women=(3, 4, 0, 0), men=(5, 6, 0, 0))
    f.problem(women, text="Суу түтүгү эскирген")
    water, road = f.priority(study, title="Таза суу"), f.priority(study, title="Жол оңдоо")
    for priority, points in ((water, (9, 4)), (road, (2, 8))):
        for group, value in zip((women, youth), points, strict=True):
            services.set_tally(
                priority=priority, focus_group=group, points=value, version=0, by=None
            )
    return study, water, road


def test_a_resident_finds_the_needs_study_from_the_home_page(client, body_a):
    study, water, road = _ranked_study(body_a)
    home = client.get("/burana/ru/").content.decode()
    assert 'href="/burana/ru/participation/needs/"' in home
    listing = client.get("/burana/ru/participation/needs/").content.decode()
    assert f'href="/burana/ru/participation/needs/{study.pk}/"' in listing
    response = client.get(f"/burana/ru/participation/needs/{study.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<section class="category" id="category-women"' in html
    assert 'data-women="19" data-men="0"' in html  # women's group
    assert 'data-women="7" data-men="11"' in html  # youth
    rows = re.findall(r'id="priority-(\d+)" data-rank="(\d+)" data-points="(\d+)"', html)
    assert rows == [(str(water.pk), "1", "13"), (str(road.pk), "2", "10")]
    assert "Суу түтүгү эскирген" in text_of(response)
    assert "<script>alert" not in html
    assert "<svg" in html and "<table" in html  # the chart and its data


def test_unpublished_and_other_bodies_studies_are_hidden(client, body_a, body_b):
    draft = f.study(body_a, published=False)
    theirs = f.study(body_b, title_ru="Исследование Көк-Жар")
    assert client.get(f"/burana/ru/participation/needs/{draft.pk}/").status_code == 404
    assert client.get(f"/burana/ru/participation/needs/{theirs.pk}/").status_code == 404
    assert "Көк-Жар" not in text_of(client.get("/burana/ru/participation/needs/"))


def test_the_calendar_shows_hearings_focus_groups_and_events_once(client, body_a, body_b):
    study = f.study(body_a)
    group = f.focus_group(study, days=5)
    gathering = f.event(body_a, days=3)
    past = f.event(body_a, kind="council", days=-30, minutes_ru="Решили")
    item = hearing(body_a)
    f.event(body_b, title_ru="Чужое событие")
    html = client.get("/burana/ru/participation/calendar/").content.decode()
    keys = re.findall(r'data-key="([\w-]+)"', html)
    assert sorted(keys) == sorted(
        [
            f"focusgroup-{group.pk}",
            f"event-{gathering.pk}",
            f"event-{past.pk}",
            f"hearing-{item.pk}",
        ]
    )
    assert html.index(f'data-key="event-{gathering.pk}"') < html.index('id="h-past"')
    assert html.index('id="h-past"') < html.index(f'data-key="event-{past.pk}"')
    assert f'href="/burana/ru/budget/hearings/{item.pk}/"' in html
    assert "Чужое событие" not in html
    only = client.get("/burana/ru/participation/calendar/?kind=hearing").content.decode()
    assert re.findall(r'data-key="([\w-]+)"', only) == [f"hearing-{item.pk}"]
    assert client.get("/burana/ru/participation/calendar/?kind=<x>").status_code == 200


def test_the_home_shows_the_earliest_coming_event_of_every_source(client, body_a, body_b):
    """The home asks each source for its first coming event only; what it shows is the same
    as the first of the whole calendar."""
    from achyk.bodies import calendar

    study = f.study(body_a)
    for days in (12, 4, 30):
        f.focus_group(study, days=days)
    f.event(body_a, days=-2, title_ru="Прошедший сход")
    for days in (9, 3, 25):
        f.event(body_a, days=days, title_ru=f"Сход через {days} дней")
    hearing(body_a)  # in 10 days
    f.event(body_b, days=1, title_ru="Чужое событие")
    now = timezone.now()
    coming = calendar.events(body=body_a, language="ru", start=now)
    assert [event.title for event in coming[:2]] == ["Сход через 3 дней", coming[1].title]
    assert coming[1].kind == "focus_group"
    for first in (1, 2, 5):
        assert (
            calendar.events(body=body_a, language="ru", start=now, first=first) == (coming[:first])
        )
    html = client.get("/burana/ru/").content.decode()
    section = html[
        html.index('id="h-next-event"') : html.index("</section>", html.index('id="h-next-event"'))
    ]
    assert "Сход через 3 дней" in section
    assert "Чужое событие" not in section and "Прошедший сход" not in section


def test_the_event_page_offers_add_to_my_calendar(client, body_a):
    event = f.event(body_a)
    response = client.get(f"/burana/ru/participation/calendar/{event.pk}/")
    assert response.status_code == 200
    assert f'href="/burana/ru/participation/calendar/event/event-{event.pk}.ics"' in (
        response.content.decode()
    )
    single = client.get(f"/burana/ru/participation/calendar/event/event-{event.pk}.ics")
    parsed = Calendar.from_ical(single.content)
    assert [str(e["UID"]) for e in parsed.walk("VEVENT")] == [f"event-{event.pk}.{body_a.pk}@achyk"]
    assert client.get("/burana/ru/participation/calendar/event/event-999999.ics").status_code == 404


def _zone_of(value) -> str:
    return value.dt.tzinfo.key if hasattr(value.dt.tzinfo, "key") else str(value.dt.tzinfo)


@pytest.mark.parametrize("zone", ["Asia/Bishkek", "Asia/Almaty"])
def test_the_ical_feed_parses_with_every_event_in_the_body_s_zone(client, body_a, zone):
    body_a.time_zone = zone
    body_a.save()
    f.focus_group(f.study(body_a), days=2)
    f.event(body_a, days=9)
    f.event(body_a, kind="training", days=-20)
    hearing(body_a)
    response = client.get("/burana/ky/participation/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = list(feed.walk("VEVENT"))
    assert len(events) == 4
    for event in events:
        assert _zone_of(event["DTSTART"]) == zone
        assert _zone_of(event["DTEND"]) == zone
        assert event["URL"].startswith("http://")
    assert [str(tz["TZID"]) for tz in feed.walk("VTIMEZONE")] == [zone]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 4
    again = Calendar.from_ical(client.get("/burana/ky/participation/calendar.ics").content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == uids  # stable
    offset = zoneinfo.ZoneInfo(zone).utcoffset(datetime.datetime(2026, 1, 1))
    first = events[0]["DTSTART"].dt
    assert first.utcoffset() == offset


def test_the_feed_of_one_kind_has_only_that_kind(client, body_a):
    f.event(body_a, days=9)
    item = hearing(body_a)
    feed = Calendar.from_ical(client.get("/burana/ru/participation/calendar/hearing.ics").content)
    assert [str(e["UID"]) for e in feed.walk("VEVENT")] == [f"hearing-{item.pk}.{body_a.pk}@achyk"]
    assert client.get("/burana/ru/participation/calendar/nothing.ics").status_code == 404


def test_groups_show_names_only_with_consent(client, body_a):
    f.group(body_a)
    text = text_of(client.get("/burana/ru/participation/groups/"))
    assert "Айгүл Токтосунова" in text
    assert "Жашыруун Адам" not in text


def test_the_schedule_is_one_printable_table(client, body_a):
    study = f.study(body_a)
    f.focus_group(study, facilitator="Нургүл Асанова", days=3)
    response = client.get(f"/burana/ru/participation/needs/{study.pk}/schedule/")
    assert response.status_code == 200
    assert "Нургүл Асанова" in text_of(response)
    assert 'id="schedule"' in response.content.decode()


def test_list_pages_keep_their_query_counts(
    client, body_a, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    study, _water, _road = _ranked_study(body_a)
    for days in range(6):
        f.focus_group(study, category="elderly", days=days)
        f.event(body_a, days=days)
    f.group(body_a)
    hearing(body_a)
    client.get("/burana/ru/")  # warm the site's caches
    for url, most in (
        (f"/burana/ru/participation/needs/{study.pk}/", 20),
        ("/burana/ru/participation/needs/", 12),
        ("/burana/ru/participation/calendar/", 14),
        ("/burana/ru/participation/groups/", 12),
        ("/burana/ru/participation/calendar.ics", 12),
    ):
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200, url
    assert timezone.now()
