"""Reads of requests: the staff's inbox, the public register and the answer-time figures."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import QuerySet

from achyk.bodies.models import Body
from achyk.workdays.selectors import work_calendars

from .models import CLOSED, Request


def inbox(user) -> QuerySet:
    """The registered requests the user's body holds (every body's for platform admins)."""
    return Request.objects.for_user(user).select_related("body", "assigned_to")


def by_clock(queryset: QuerySet, clock: str, today: datetime.date) -> QuerySet:
    """Open requests overdue, due within a week, or all open ("open")."""
    running = queryset.open()
    if clock == "overdue":
        return running.filter(due_on__lt=today)
    if clock == "week":
        return running.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))
    return running if clock == "open" else queryset


def register(body: Body | None) -> QuerySet:
    """The public register: what staff made public, of one body or of every body on the
    platform, newest first."""
    public = Request.objects.public().select_related("body")
    return public.filter(body=body) if body is not None else public


def public_request(body: Body | None, reference: str) -> Request | None:
    return register(body).filter(reference=reference).prefetch_related("files").first()


@dataclass(frozen=True)
class Figures:
    """Answer times of a body's (or the platform's) closed requests, in working days."""

    answered: int
    on_time: int
    median_days: float | None

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def percent_on_time(self) -> float | None:
        """The share on time in percent (0..100), as readers see it."""
        share = self.share_on_time
        return None if share is None else share * 100


def figures(body: Body | None = None, *, since: datetime.date | None = None) -> Figures:
    """How many requests were answered, how many by their due date, and the median answer
    time in working days (from the day the term started to the answer)."""
    body_ids = None if body is None else [body.pk]
    rows = _closed(body_ids, since)
    return _count(rows, work_calendars({country for _b, country, *_rest in rows}))


def figures_by_body(body_ids, *, since: datetime.date | None = None) -> dict[int, Figures]:
    """`figures` of each of many bodies that answered anything, in two queries (the closed
    requests and the calendars of their countries): {body_id: Figures}."""
    rows = _closed(list(body_ids), since)
    calendars = work_calendars({country for _b, country, *_rest in rows})
    by_body: dict[int, list] = {}
    for row in rows:
        by_body.setdefault(row[0], []).append(row)
    return {body_id: _count(answered, calendars) for body_id, answered in by_body.items()}


def _closed(body_ids: list[int] | None, since: datetime.date | None) -> list[tuple]:
    closed = Request.objects.filter(status__in=CLOSED)
    if body_ids is not None:
        closed = closed.filter(body_id__in=body_ids)
    if since is not None:
        closed = closed.filter(closed_on__gte=since)
    return list(
        closed.values_list("body_id", "body__country", "received_on", "closed_on", "due_on")
    )


def _count(rows, calendars) -> Figures:
    days = [calendars[country].working_days_between(start, end)
            for _b, country, start, end, _d in rows]  # fmt: skip
    on_time = sum(1 for *_rest, end, due in rows if end <= due)
    return Figures(len(rows), on_time, statistics.median(days) if days else None)
