"""Public events of bodies: the one seam between the apps that hold events and the calendar.

A body has one calendar of public events (hearings, focus groups, gatherings, council
sessions, trainings, reporting meetings), but its events live in the apps that own them: the
budget keeps its hearings, participation its focus groups and gatherings. Each app registers
an `EventSource` in its `AppConfig.ready()` (as evidence providers are registered); the
calendar asks every source and never imports the apps, so an event is written once, where it
belongs, and shown everywhere it should be.

Sources answer in bulk: one or a few queries per source for a body and a span of time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class CalendarEvent:
    """One public event of a body, as the calendar shows it.

    - `key`: stable and unique on the platform, `<source>-<pk>` ("hearing-12"): the iCal UID
      is made of it, so a reader's calendar updates the event instead of adding it twice.
    - `kind`: a code of `KINDS` (the calendar's filter and its per-kind feeds).
    - `starts_at`, `ends_at`: aware datetimes; `ends_at` may be None (an hour is assumed).
    - `url`: the event's public page in the language asked for.
    - `has_minutes`: minutes (or results) are published; `attendance`: people present, or None.
    """

    body_id: int
    key: str
    kind: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    place: str
    description: str
    url: str
    updated_at: datetime.datetime
    has_minutes: bool = False
    attendance: int | None = None


class EventSource(Protocol):
    """What an app gives the calendar."""

    def kinds(self) -> Iterable[str]:
        """The kinds of `KINDS` its events are."""

    def events(
        self, *, body, language: str, start: datetime.datetime | None,
        end: datetime.datetime | None, first: int | None = None,
    ) -> Iterable[CalendarEvent]:  # fmt: skip
        """The body's public events starting in [start, end) (None: unbounded); with `first`,
        only the `first` earliest of them (by start, then primary key)."""


#: The kinds of public events, the same for every source (labels: the calendar's app).
KINDS = ("hearing", "focus_group", "gathering", "council", "training", "report", "meeting")

_sources: list[EventSource] = []


def register_source(source: EventSource) -> None:
    """Called from an app's `ready()`; registering the same source twice is harmless."""
    if source not in _sources:
        _sources.append(source)


def sources() -> list[EventSource]:
    return list(_sources)


def events(
    *, body, language: str, start: datetime.datetime | None = None,
    end: datetime.datetime | None = None, kind: str | None = None, first: int | None = None,
) -> list[CalendarEvent]:  # fmt: skip
    """Every public event of `body` from every source, in order of start; with `first`, the
    `first` earliest only (each source then builds no more than that many: the home's next
    event is one of the year's). Events starting at the same moment come in an order of
    their own, so with `first` a tie at the last place may be decided otherwise than in the
    whole list."""
    found = []
    for source in _sources:
        if kind is not None and kind not in source.kinds():
            continue
        # A source of several kinds may give `first` events of other kinds than `kind`.
        limit = first if kind is None else None
        for event in source.events(body=body, language=language, start=start, end=end, first=limit):
            if kind is None or event.kind == kind:
                found.append(event)
    found.sort(key=lambda event: (event.starts_at, event.key))
    return found if first is None else found[:first]
