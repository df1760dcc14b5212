"""Freshness rules as small pure functions: no database, no clock.

Every function takes the rule, the evidence as dates in the body's time zone and "today" in
that zone, and answers whether the rule is met and the date by which the next update is due
(inclusive: on the due date itself the evidence is still fresh). Converting aware datetimes
to the body's local dates is the caller's job (`local_date`), so that a report published at
00:30 in Bishkek on 1 April belongs to April there, while the same instant is 31 March in
Almaty.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import functools
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

# The platform's one calendar of working days (achyk.workdays): the rules count with it.
from achyk.workdays.calendar import DAYS_OFF, WORKED, WorkCalendar  # noqa: F401

ONCE = "once"
ON_CHANGE = "on_change"
EVERY_N_DAYS = "every_n_days"
QUARTERLY = "quarterly"
YEARLY_BY_DATE = "yearly_by_date"
AFTER_EVENT = "after_event"


@dataclass(frozen=True)
class RuleSpec:
    """A duty's rule: its kind and parameters (N days, a yearly month and day, and whether N
    counts working days)."""

    kind: str
    days: int | None = None
    month: int | None = None
    day: int | None = None
    working_days: bool = False


@dataclass(frozen=True)
class Point:
    """One item of evidence as the rules see it, in the body's local dates: when it was
    published, when it was last updated, the date of the event it reports (e.g. adoption of
    an act) and the period it covers ("2026-Q3", "2026", or "")."""

    published: datetime.date
    updated: datetime.date
    event: datetime.date | None = None
    period: str = ""


@dataclass(frozen=True)
class Verdict:
    meets_rule: bool
    due_on: datetime.date | None


def local_date(moment: datetime.datetime, zone: str) -> datetime.date:
    """The date of an aware moment on the wall calendar of `zone` (e.g. "Asia/Almaty")."""
    return moment.astimezone(_zone(zone)).date()


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def evaluate(
    rule: RuleSpec,
    points: Iterable[Point],
    today: datetime.date,
    work: WorkCalendar | None = None,
    confirmed: Iterable[datetime.date] = (),
) -> Verdict:
    """Whether `points` meet `rule` on `today`, and when the next update is due.

    `confirmed` are dates on which staff confirmed the information is still current: they
    count as updates for the rule "on change".
    """
    points = list(points)
    work = work or WorkCalendar()
    if rule.kind == ONCE:
        return Verdict(bool(points), None)
    if rule.kind == ON_CHANGE:
        return _on_change(points, today, list(confirmed))
    if rule.kind == EVERY_N_DAYS:
        return _every_n_days(rule, points, today, work)
    if rule.kind == QUARTERLY:
        return _quarterly(rule, points, today)
    if rule.kind == YEARLY_BY_DATE:
        return _yearly_by_date(rule, points, today)
    if rule.kind == AFTER_EVENT:
        return _after_event(rule, points, work)
    raise ValueError(f"unknown freshness rule {rule.kind!r}")


def _on_change(points: list[Point], today: datetime.date, confirmed: list) -> Verdict:
    """Fresh while the newest update or confirmation is less than a year old."""
    if not points:
        return Verdict(False, None)
    last = max([point.updated for point in points] + confirmed)
    due = add_years(last, 1)
    return Verdict(today <= due, due)


def _every_n_days(rule: RuleSpec, points: list[Point], today, work: WorkCalendar) -> Verdict:
    """Fresh while the newest update is at most N (working) days old."""
    if not points:
        return Verdict(False, None)
    due = _add_days(rule, max(point.updated for point in points), work)
    return Verdict(today <= due, due)


# Quarters are counted as integers: year * 4 + (quarter - 1).


def quarter_of(day: datetime.date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def quarter_end(quarter: int) -> datetime.date:
    year, index = divmod(quarter, 4)
    month = index * 3 + 3
    return datetime.date(year, month, _calendar.monthrange(year, month)[1])


def _covered_quarter(point: Point) -> int:
    """The quarter a report covers: its period ("2026-Q3") when given, else the quarter
    finished last before it was adopted (or published)."""
    period = point.period.upper()
    if len(period) == 7 and period[4:6] == "-Q" and period[:4].isdigit() and period[6] in "1234":
        return int(period[:4]) * 4 + int(period[6]) - 1
    return quarter_of(point.event or point.published) - 1


def _quarterly(rule: RuleSpec, points: list[Point], today: datetime.date) -> Verdict:
    """The report on the last finished quarter is due N days after the quarter ends."""
    days = datetime.timedelta(days=rule.days or 0)
    previous = quarter_of(today) - 1
    required = previous if today > quarter_end(previous) + days else previous - 1
    covered = max((_covered_quarter(point) for point in points), default=None)
    if covered is None or covered < required:
        return Verdict(False, quarter_end(required) + days)
    return Verdict(True, quarter_end(covered + 1) + days)


def yearly_deadline(rule: RuleSpec, year: int) -> datetime.date:
    """The rule's date in `year`; a day past the month's end (29 February) is its last day."""
    last = _calendar.monthrange(year, rule.month)[1]
    return datetime.date(year, rule.month, min(rule.day, last))


def _cycle(rule: RuleSpec, day: datetime.date) -> int:
    """The year of the first deadline on or after `day`: the cycle an item published then
    serves."""
    return day.year if day <= yearly_deadline(rule, day.year) else day.year + 1


def _yearly_by_date(rule: RuleSpec, points: list[Point], today: datetime.date) -> Verdict:
    """Something new must be published by the date every year: fresh while the cycle whose
    deadline passed last is served (or a later one)."""
    required = _cycle(rule, today) - 1  # the last deadline strictly before today
    served = max((_cycle(rule, point.published) for point in points), default=None)
    if served is None or served < required:
        return Verdict(False, yearly_deadline(rule, required))
    return Verdict(True, yearly_deadline(rule, max(served + 1, required + 1)))


def _after_event(rule: RuleSpec, points: list[Point], work: WorkCalendar) -> Verdict:
    """The newest event (e.g. adoption of an act) was published within N days of it (working
    days when the rule says so). Nothing is due until the next event; an item without its
    event date can not be late."""
    if not points:
        return Verdict(False, None)
    newest = max(points, key=lambda point: (point.event or point.published, point.published))
    if newest.event is None:
        return Verdict(True, None)
    return Verdict(newest.published <= _add_days(rule, newest.event, work), None)


def _add_days(rule: RuleSpec, start: datetime.date, work: WorkCalendar) -> datetime.date:
    if rule.working_days:
        return work.add_working_days(start, rule.days or 0)
    return start + datetime.timedelta(days=rule.days or 0)


def clock(
    rule: RuleSpec,
    *,
    due_on: datetime.date | None,
    updated: datetime.date | None,
    event: datetime.date | None,
    work: WorkCalendar,
) -> tuple[datetime.date | None, datetime.date | None]:
    """The date a duty's clock counts from and the date it runs out, as staff are told:
    `due_on` as `evaluate` gave it, and the newest evidence's update and event dates.

    "Once" has no clock; "within N days of an event" counts from the newest event (its
    `evaluate` names no due date, since nothing is due before the next event); the other
    rules count from the update, the confirmation, the quarter's end or the last yearly date.
    """
    if rule.kind == AFTER_EVENT:
        return (event, _add_days(rule, event, work)) if event else (None, None)
    if due_on is None or rule.kind == ONCE:
        return None, None
    if rule.kind == EVERY_N_DAYS:
        return updated, due_on
    if rule.kind == ON_CHANGE:
        return add_years(due_on, -1), due_on
    if rule.kind == QUARTERLY:
        return due_on - datetime.timedelta(days=rule.days or 0), due_on
    if rule.kind == YEARLY_BY_DATE:
        return yearly_deadline(rule, due_on.year - 1) + datetime.timedelta(days=1), due_on
    return None, due_on
