"""Reads of the calendar: the unusual days of countries and their working-day calendars."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import QuerySet

from .calendar import WorkCalendar
from .models import Day


def days(*, country: str, start: datetime.date, end: datetime.date) -> QuerySet:
    """The holidays, moved days off and worked weekend days of `country` in [start, end]."""
    return Day.objects.filter(country=country, date__gte=start, date__lte=end)


def calendar(countries) -> dict[str, dict[datetime.date, str]]:
    """{country: {date: kind}} of every holiday, moved day off and worked weekend day."""
    found: dict[str, dict[datetime.date, str]] = defaultdict(dict)
    for country, date, kind in Day.objects.filter(country__in=list(countries)).values_list(
        "country", "date", "kind"
    ):
        found[country][date] = kind
    return found


def work_calendars(countries) -> dict[str, WorkCalendar]:
    """{country: WorkCalendar} for each of `countries` (one query)."""
    known = calendar(countries)
    return {country: WorkCalendar(known.get(country, {})) for country in countries}


def work_calendar(country: str) -> WorkCalendar:
    return work_calendars([country])[country]
