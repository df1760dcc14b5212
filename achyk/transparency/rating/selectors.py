"""Reads of the platform-wide rating (рейтинг): every active body's current figures,
filtered by territory, kind and language, sorted by any indicator, with the change since
the previous month's snapshot, and the measures other apps compute for many bodies at once
(`bodies.evidence.figures_of`: requests answered on time, the median answer time), shown
and sortable but not scored; the hearing list (bodies under a threshold); how often each
duty is missing; the trend of the mean index by month.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone

from achyk.bodies import evidence
from achyk.bodies.models import Body, Territory

from .. import selectors
from ..models import Duty, Score, Snapshot, Status

PERCENT = DecimalField(max_digits=6, decimal_places=2)
#: Sort keys a reader may choose, and the expression each sorts by.
SORTS = {
    "index": "index", "fill": "fill", "relevance": "relevance", "language": "language_score",
    "change": "change", "name": "body__slug",
}  # fmt: skip
DEFAULT_SORT = "-index"
TERRITORY_DEPTH = 4  # country → oblast → rayon → ayil aymak


@dataclass(frozen=True)
class Filters:
    """What the reader chose: a territorial unit (with everything inside it), a kind of
    body, a language (bodies publishing in it; its completeness becomes a column)."""

    territory: Territory | None = None
    kind: str = ""
    language: str = ""
    sort: str = DEFAULT_SORT

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")


def this_month(at: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(at or timezone.now()).date().replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


def in_territory(territory: Territory, prefix: str = "body__territory") -> Q:
    """The unit itself and every unit inside it (a fixed depth: no recursive query)."""
    condition, path = Q(**{prefix: territory}), prefix
    for _level in range(TERRITORY_DEPTH - 1):
        path += "__parent"
        condition |= Q(**{path: territory})
    return condition


def _filtered(rows: QuerySet, filters: Filters, prefix: str = "body") -> QuerySet:
    if filters.territory is not None:
        rows = rows.filter(in_territory(filters.territory, f"{prefix}__territory"))
    if filters.kind:
        rows = rows.filter(**{f"{prefix}__kind": filters.kind})
    if filters.language:
        rows = rows.filter(
            Q(**{f"{prefix}__languages": filters.language})
            | Q(**{f"{prefix}__languages__startswith": f"{filters.language},"})
            | Q(**{f"{prefix}__languages__contains": f",{filters.language},"})
            | Q(**{f"{prefix}__languages__endswith": f",{filters.language}"})
        )
    return rows


def rating(filters: Filters, *, month: datetime.date | None = None) -> QuerySet:
    """Body summaries with `previous_index` (last month's snapshot), `change` and, when a
    language is chosen, `language_score`; sorted as asked, ties by name."""
    previous = previous_month(month or this_month())
    last = Snapshot.objects.filter(body=OuterRef("body"), month=previous).values("index")[:1]
    rows = _filtered(selectors.summaries(), filters).annotate(
        previous_index=Subquery(last, output_field=PERCENT),
        change=ExpressionWrapper(F("index") - F("previous_index"), output_field=PERCENT),
    )
    if filters.language:
        rows = rows.annotate(language_score=Cast(KT(f"languages__{filters.language}"), PERCENT))
    key = filters.sort_key if filters.sort_key in SORTS else "index"
    if key == "language" and not filters.language:
        key = "index"
    expression = F(SORTS[key])
    ordered = (
        expression.desc(nulls_last=True) if filters.descending else expression.asc(nulls_last=True)
    )
    return rows.order_by(ordered, "body__slug")


def measure_kinds() -> list[evidence.FigureKind]:
    """The measures of other apps, a column each after the scores."""
    return evidence.figure_kinds()


def measures(rows) -> dict[int, dict[str, evidence.Figure]]:
    """{body_id: {key: Figure}} of the rows' bodies (a fixed number of queries)."""
    return evidence.figures_of(bodies=[row.body for row in rows])


def by_measure(rows: QuerySet, filters: Filters) -> tuple[list, dict]:
    """The rows sorted by the measure `filters.sort_key` (bodies without it last, ties by
    address name), with the measures of all of them: measures are computed by other apps,
    not stored beside the scores, so this sort reads every row of the filter."""
    rows = list(rows)
    found = measures(rows)
    sign = -1 if filters.descending else 1

    def key(row):
        figure = found.get(row.body_id, {}).get(filters.sort_key)
        value = None if figure is None else figure.value
        return (value is None, sign * (value or 0), row.body.slug)

    return sorted(rows, key=key), found


def hearing_list(filters: Filters, threshold: Decimal) -> QuerySet:
    """The bodies whose index is under `threshold`, weakest first (the "hearing list")."""
    return rating(Filters(filters.territory, filters.kind, filters.language, "index")).filter(
        index__lt=threshold
    )


def trend(filters: Filters, *, months: int = 12) -> list[tuple[datetime.date, Decimal]]:
    """The mean index of the chosen bodies by month, over the last `months` months."""
    start = this_month()
    for _month in range(months - 1):
        start = previous_month(start)
    rows = _filtered(Snapshot.objects.filter(month__gte=start, body__is_active=True), filters)
    return list(
        rows.values("month")
        .order_by("month")
        .annotate(mean=Avg("index"))
        .values_list("month", "mean")
    )


@dataclass
class DutyStat:
    """How one duty stands across the chosen bodies, by (body, language) rows."""

    duty: Duty
    rows: int
    bodies: int
    by_status: dict[str, int]

    def share(self, status: str) -> Decimal:
        if not self.rows:
            return Decimal(0)
        return (Decimal(self.by_status.get(status, 0)) * 100 / self.rows).quantize(Decimal("0.1"))

    @property
    def missing_share(self) -> Decimal:
        return self.share(Status.MISSING)


def duty_statistics(filters: Filters) -> list[DutyStat]:
    """Every duty with scores, most often missing first (two queries)."""
    scores = _filtered(Score.objects.filter(body__is_active=True), filters)
    counts = scores.values("duty_id", "status").annotate(n=Count("id")).order_by()
    bodies = dict(
        scores.values("duty_id")
        .annotate(n=Count("body_id", distinct=True))
        .values_list("duty_id", "n")
        .order_by()
    )
    stats: dict[int, dict[str, int]] = {}
    for row in counts:
        stats.setdefault(row["duty_id"], {})[row["status"]] = row["n"]
    duties = Duty.objects.in_bulk(list(stats))
    result = [
        DutyStat(duties[pk], sum(by.values()), bodies.get(pk, 0), by)
        for pk, by in stats.items()
        if pk in duties
    ]
    return sorted(result, key=lambda s: (-s.missing_share, s.duty.order, s.duty.code))


def territories() -> QuerySet:
    """Units a reader may filter by: those above the bodies (oblasts, rayons, cities)."""
    return Territory.objects.filter(valid_until__isnull=True).exclude(
        level=Territory.Level.AYIL_AYMAK
    )


def kinds() -> list[tuple[str, str]]:
    return list(Body.Kind.choices)
