"""iCalendar (RFC 5545) of a body's public events, written by the `icalendar` library.

Every event is written in the body's time zone (Asia/Bishkek, Asia/Almaty) with the zone's
VTIMEZONE; its UID is made of the event's stable key and the body's id, so a subscribed
calendar updates an event instead of adding it twice."""

import datetime
import zoneinfo

from icalendar import Calendar
from icalendar import Event as ICalEvent

from achyk.bodies.calendar import CalendarEvent

HOUR = datetime.timedelta(hours=1)


def uid(body, event: CalendarEvent) -> str:
    return f"{event.key}.{body.pk}@achyk"


def calendar(body, events: list[CalendarEvent], *, name: str, absolute) -> bytes:
    """The feed of `events`; `absolute(path)` makes a full address of a public path."""
    zone = zoneinfo.ZoneInfo(body.time_zone)
    feed = Calendar()
    feed.add("prodid", "-//Achyk//Public events//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", body.time_zone)
    for event in events:
        item = ICalEvent()
        starts = event.starts_at.astimezone(zone)
        item.add("uid", uid(body, event))
        item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
        item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
        item.add("dtstart", starts)
        item.add("dtend", (event.ends_at or event.starts_at + HOUR).astimezone(zone))
        item.add("summary", event.title)
        if event.place:
            item.add("location", event.place)
        if event.description:
            item.add("description", event.description)
        item.add("url", absolute(event.url))
        item.add("categories", [event.kind])
        feed.add_component(item)
    feed.add_missing_timezones()
    return feed.to_ical()
