"""Working-day arithmetic: pure functions, no database and no clock.

A `WorkCalendar` holds the days of one country that are not ordinary ({date: kind of
`models.Day`}); every other Monday to Friday is a working day. Legal terms count either
working days or calendar days (`add_days`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

#: Kinds of day (`models.Day.Kind`) that are not working days, and the one that is.
DAYS_OFF = frozenset({"holiday", "day_off"})
WORKED = "working"
WORKING, CALENDAR = "working", "calendar"


class WorkCalendar:
    """Working days of one country: Monday to Friday, except holidays and moved days off,
    plus the weekend days worked instead (`days`: {date: kind of Day})."""

    def __init__(self, days: Mapping[datetime.date, str] | None = None):
        self.days = dict(days or {})

    def is_working(self, day: datetime.date) -> bool:
        kind = self.days.get(day)
        if kind == WORKED:
            return True
        return kind not in DAYS_OFF and day.weekday() < 5

    def add_working_days(self, start: datetime.date, count: int) -> datetime.date:
        """The `count`-th working day after `start` (`start` itself is never counted)."""
        day = start
        while count > 0:
            day += datetime.timedelta(days=1)
            if self.is_working(day):
                count -= 1
        return day

    def add_days(self, start: datetime.date, count: int, unit: str) -> datetime.date:
        """The last day of a term of `count` days of `unit` (working or calendar) that starts
        the day after `start`. A term in calendar days that ends on a day off ends on the
        next working day (as the civil codes of both countries count terms)."""
        if unit == WORKING:
            return self.add_working_days(start, count)
        day = start + datetime.timedelta(days=count)
        while not self.is_working(day):
            day += datetime.timedelta(days=1)
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 when `end` <= `start`)."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working(day)
        return count


def local_date(moment: datetime.datetime, zone: str) -> datetime.date:
    """The date of an aware moment on the wall calendar of `zone` (e.g. "Asia/Almaty")."""
    import zoneinfo

    return moment.astimezone(zoneinfo.ZoneInfo(zone)).date()
