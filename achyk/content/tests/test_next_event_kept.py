"""The home's next event is kept with the body's pages when parts are kept (`pagecache.parts`):
read from every app's calendar on the first render, by no query on the next ones; read again
once an event of the body changes, and once the kept event has begun."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from achyk.participation.tests import factories

HOME = "/burana/ky/"
#: What the calendar's query of a body's events says, and no other query of the home.
CALENDAR = '"participation_event"."starts_at" >='


def render(client) -> tuple[str, int]:
    """The home's HTML, and how many queries of its render looked for the body's coming
    events (the calendar's, from a moment on; the menu asks only whether the body has any)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    assert response.status_code == 200
    read = sum(CALENDAR in query["sql"] for query in queries.captured_queries)
    return response.content.decode(), read


def test_the_next_event_is_read_once_and_again_when_an_event_changes(client, body_a, parts_kept):
    gathering = factories.event(body_a, days=10, title_ky="Айылдык чогулуш")
    html, read = render(client)
    assert "Айылдык чогулуш" in html and read == 1
    html, read = render(client)
    assert "Айылдык чогулуш" in html and read == 0  # kept

    factories.event(body_a, days=3, title_ky="Жаштар менен жолугушуу")  # sooner

    html, read = render(client)
    assert "Жаштар менен жолугушуу" in html and read == 1
    gathering.delete()
    html, read = render(client)
    assert "Жаштар менен жолугушуу" in html and read == 1  # any change reads it again


def test_a_kept_event_that_has_begun_gives_way_to_the_next(
    client, body_a, parts_kept, time_machine
):
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC), tick=False)
    factories.event(body_a, days=2 / (24 * 60), title_ky="Эки мүнөттөн кийин")
    factories.event(body_a, days=5, title_ky="Беш күндөн кийин")
    html, _read = render(client)
    assert "Эки мүнөттөн кийин" in html

    time_machine.shift(datetime.timedelta(minutes=3))  # begun; the kept part has not expired

    html, read = render(client)
    assert "Эки мүнөттөн кийин" not in html and "Беш күндөн кийин" in html and read == 1


def test_without_kept_parts_every_render_reads_the_events(client, body_a, settings):
    settings.CACHE_PART_SECONDS = 0
    settings.CACHE_PAGE_SECONDS = 0
    factories.event(body_a, days=10, title_ky="Айылдык чогулуш")
    assert render(client)[1] == 1
    assert render(client)[1] == 1
