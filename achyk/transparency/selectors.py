"""Reads of the transparency monitor: the register, the calendar, scores and their history.

Public figures (summaries, scores, snapshots) are readable by anyone: transparency ratings
are published. Admin screens narrow them with the models' `for_user(user)`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from achyk.bodies.models import Body
from achyk.workdays import selectors as workdays

from .models import BodySummary, Confirmation, Duty, Score, Snapshot, Status


def register(*, country: str | None = None, at: datetime.datetime | None = None) -> QuerySet:
    """The duty versions in force at `at` (now by default), of one country or all."""
    duties = Duty.objects.in_force(at)
    return duties.filter(country=country) if country else duties


def duties_for_body(body: Body, *, at: datetime.datetime | None = None) -> list[Duty]:
    """The duties in force at `at` that apply to `body` (its country and kind)."""
    return [duty for duty in register(country=body.country, at=at) if duty.applies_to(body)]


def duty_versions(*, country: str, code: str) -> QuerySet:
    """Every version of a duty, oldest first: its history in the register."""
    return Duty.objects.filter(country=country, code=code).order_by("valid_from")


def current_duty(*, country: str, code: str) -> Duty | None:
    return Duty.objects.current().filter(country=country, code=code).first()


def holidays(*, country: str, start: datetime.date, end: datetime.date) -> QuerySet:
    """The unusual days of `country` in the platform's calendar (achyk.workdays)."""
    return workdays.days(country=country, start=start, end=end)


def calendar(countries) -> dict[str, dict[datetime.date, str]]:
    """{country: {date: kind}} of every holiday, moved day off and worked weekend day, from
    the platform's one calendar of working days (achyk.workdays)."""
    return workdays.calendar(countries)


def scores_for_body(body: Body) -> QuerySet:
    """Every score row of `body`, with its duty, in register order then language."""
    return (
        Score.objects.filter(body=body)
        .select_related("duty")
        .order_by("duty__order", "duty__code", "language")
    )


@dataclass
class DutyState:
    """One duty of a body with its score in each required language."""

    duty: Duty
    scores: list[Score]

    @property
    def status(self) -> str:
        """fresh when every language is fresh, missing when every language is missing,
        stale when every language has complete evidence but some is out of date, else
        partial."""
        statuses = {score.status for score in self.scores}
        if len(statuses) == 1:
            return statuses.pop()
        if statuses <= {Status.FRESH, Status.STALE}:
            return Status.STALE
        return Status.PARTIAL

    @property
    def due_on(self) -> datetime.date | None:
        dates = [score.due_on for score in self.scores if score.due_on]
        return min(dates) if dates else None


def duty_states(body: Body) -> list[DutyState]:
    """The body's scores grouped by duty (one query)."""
    states: dict[int, DutyState] = {}
    for score in scores_for_body(body):
        states.setdefault(score.duty_id, DutyState(score.duty, [])).scores.append(score)
    return list(states.values())


def score_for(body: Body, *, code: str, language: str) -> Score | None:
    """The score of duty `code` in `language` for `body`, with its duty."""
    return (
        Score.objects.filter(body=body, duty__code=code, language=language)
        .select_related("duty")
        .first()
    )


def summary_for(body: Body) -> BodySummary | None:
    return BodySummary.objects.filter(body=body).first()


def summaries(*, country: str | None = None) -> QuerySet:
    """Current figures of every active body, best index first: the rating."""
    rows = BodySummary.objects.filter(body__is_active=True).select_related("body__territory")
    return rows.filter(body__country=country) if country else rows


def indexes(body_ids=None) -> dict[int, Decimal]:
    """{body_id: index} of active bodies (the given ones, or all): the scores the public pages
    of other apps show (registered as `bodies.scores`' reader; one query)."""
    rows = BodySummary.objects.filter(body__is_active=True)
    if body_ids is not None:
        rows = rows.filter(body_id__in=list(body_ids))
    return dict(rows.values_list("body_id", "index"))


def snapshots_for(body: Body) -> QuerySet:
    """Monthly figures of `body`, oldest month first: its trend."""
    return Snapshot.objects.filter(body=body).order_by("month")


def confirmations(body: Body, *, code: str) -> QuerySet:
    """When staff confirmed that the information of duty `code` is still current."""
    return Confirmation.objects.filter(body=body, duty_code=code).select_related("confirmed_by")
