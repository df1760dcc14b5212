"""Participation statistics: how many people took part, by gender, age band and category of
residents, over focus groups, public events, budget hearings and citizens' groups, per year;
per body, and body against body for the platform. Counts of fewer than `SMALL` people are
suppressed (shown as "—"), so no one is recognisable in a small village's table."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from achyk.bodies import calendar

from ..common import AGE_BANDS, HEADCOUNT_FIELDS
from ..events.models import Event, Kind
from ..groups.models import Gender, Member
from ..needs.models import FocusGroup, category_label

#: Cells under this many people are suppressed.
SMALL = 5


def suppress(value: int | None) -> int | None:
    """`value`, or None (shown as "—") for 1 to SMALL - 1 people."""
    if value is None or value == 0 or value >= SMALL:
        return value
    return None


@dataclass
class Row:
    label: str
    women: int | None
    men: int | None
    total: int | None

    @classmethod
    def of(cls, label, women: int, men: int, total: int | None = None) -> Row:
        total = women + men if total is None else total
        return cls(str(label), suppress(women), suppress(men), suppress(total))


def _span(year: int, zone) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, start.replace(year=year + 1)


def _sums(queryset) -> dict[str, int]:
    found = queryset.aggregate(**{name: Sum(name) for name in HEADCOUNT_FIELDS})
    return {name: found[name] or 0 for name in HEADCOUNT_FIELDS}


def _gender(sums, gender) -> int:
    return sum(sums[f"{gender}_{band}"] for band, _label in AGE_BANDS)


def for_body(body, year: int) -> dict:
    """The body's tables for `year`: by activity, by age band, by category."""
    start, end = _span(year, zoneinfo.ZoneInfo(body.time_zone))
    groups = FocusGroup.objects.filter(
        body=body, held=True, study__is_published=True, starts_at__gte=start, starts_at__lt=end
    )
    events = Event.objects.published().filter(body=body, starts_at__gte=start, starts_at__lt=end)
    group_sums, event_sums = _sums(groups), _sums(events)
    activity = [Row.of(_("Focus groups"), _gender(group_sums, "women"), _gender(group_sums, "men"))]
    by_kind = events.values("kind").annotate(**{name: Sum(name) for name in HEADCOUNT_FIELDS})
    labels = dict(Kind.choices)
    for row in sorted(by_kind, key=lambda r: r["kind"]):
        sums = {name: row[name] or 0 for name in HEADCOUNT_FIELDS}
        activity.append(
            Row.of(
                labels.get(row["kind"], row["kind"]), _gender(sums, "women"), _gender(sums, "men")
            )
        )
    hearings = calendar.events(body=body, language="ru", start=start, end=end, kind="hearing")
    if hearings:
        present = sum(e.attendance or 0 for e in hearings)
        activity.append(Row(str(_("Budget hearings")), None, None, suppress(present)))
    members = Member.objects.filter(group__body=body, group__is_published=True).aggregate(
        women=Count("pk", filter=Q(gender=Gender.WOMAN)),
        men=Count("pk", filter=Q(gender=Gender.MAN)),
    )
    activity.append(Row.of(_("Initiative and monitoring groups"), members["women"], members["men"]))
    both = {name: group_sums[name] + event_sums[name] for name in HEADCOUNT_FIELDS}
    bands = [Row.of(label, both[f"women_{band}"], both[f"men_{band}"]) for band, label in AGE_BANDS]
    own = {c.code: str(c) for c in body.own_categories.all()}
    by_category = groups.values("category").annotate(
        **{name: Sum(name) for name in HEADCOUNT_FIELDS}
    )
    categories = []
    for row in by_category:
        sums = {name: row[name] or 0 for name in HEADCOUNT_FIELDS}
        categories.append(
            Row.of(
                category_label(row["category"], own), _gender(sums, "women"), _gender(sums, "men")
            )
        )
    categories.sort(key=lambda row: row.label)
    return {"activity": activity, "bands": bands, "categories": categories}


def years(body) -> list[int]:
    """Years with any focus group or event of the body, newest first (this year at least)."""
    found = {timezone.localdate().year}
    found |= {d.year for d in FocusGroup.objects.filter(body=body).dates("starts_at", "year")}
    found |= {d.year for d in Event.objects.filter(body=body).dates("starts_at", "year")}
    return sorted(found, reverse=True)


def compare(bodies, year: int) -> list[tuple[object, Row]]:
    """Each body's participants in focus groups and public events of `year` (two queries)."""
    women = [f"women_{band}" for band, _label in AGE_BANDS]
    men = [f"men_{band}" for band, _label in AGE_BANDS]
    totals: dict[int, list[int]] = {}
    for model, extra in (
        (FocusGroup, {"held": True, "study__is_published": True}),
        (Event, {"is_published": True}),
    ):
        rows = (
            model.objects.filter(starts_at__year=year, body__in=bodies, **extra)
            .values("body_id")
            .annotate(**{name: Sum(name) for name in women + men})
        )
        for row in rows:
            pair = totals.setdefault(row["body_id"], [0, 0])
            pair[0] += sum(row[name] or 0 for name in women)
            pair[1] += sum(row[name] or 0 for name in men)
    return [(body, Row.of(body.name, *totals.get(body.pk, (0, 0)))) for body in bodies]
