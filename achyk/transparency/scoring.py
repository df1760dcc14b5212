"""From evidence to figures, in plain Python: the methodology, published at
/<language>/transparency/methodology/.

Per body, per applicable duty, per required language, a status:
- missing: no evidence in that language (language-neutral evidence counts for every one);
- partial: the newest evidence is incomplete (an act without date, number or signatory);
- fresh: complete, and the newest evidence meets the duty's freshness rule;
- stale: complete, but the rule is not met.
Each duty then earns credits (1, 0.5 or 0):
- fill: 1 when every required language has complete evidence, 0 when none has any
  evidence, 0.5 otherwise (one language only, or incomplete evidence);
- relevance: 1 when the rule is met in every required language, 0 when in none, else 0.5;
- language completeness, per language: 1 complete, 0.5 partial, 0 missing.
Fill and relevance are the mean credits over applicable duties, language completeness the
mean over the duties that require that language, all in percent; the transparency index is
`INDEX_WEIGHTS` applied to fill, relevance and the mean language completeness.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from achyk.bodies.evidence import EvidenceItem

from . import rules
from .models import Status

#: Weights of the index: fill, relevance, mean language completeness (they sum to 1).
INDEX_WEIGHTS = {"fill": Decimal("0.4"), "relevance": Decimal("0.4"), "languages": Decimal("0.2")}
CREDIT = {Status.FRESH: 1.0, Status.STALE: 1.0, Status.PARTIAL: 0.5, Status.MISSING: 0.0}
EVIDENCE_KEPT = 10
HUNDREDTH = Decimal("0.01")


@dataclass
class LanguageResult:
    """What a `Score` row holds."""

    language: str
    status: str
    meets_rule: bool
    due_on: datetime.date | None
    newest_at: datetime.datetime | None
    evidence: list[dict]
    evidence_count: int
    missing: str


@dataclass
class DutyResult:
    duty: object  # a models.Duty (or anything with the same attributes)
    rows: list[LanguageResult]

    @property
    def fill(self) -> float:
        return _credit([CREDIT[row.status] for row in self.rows])

    @property
    def relevance(self) -> float:
        return _credit([1.0 if row.meets_rule else 0.0 for row in self.rows])


@dataclass
class BodyResult:
    body_id: int
    duties: list[DutyResult] = field(default_factory=list)

    # Computed once the duties are all in (recompute reads each figure more than once).
    @cached_property
    def fill(self) -> Decimal:
        return _percent([duty.fill for duty in self.duties])

    @cached_property
    def relevance(self) -> Decimal:
        return _percent([duty.relevance for duty in self.duties])

    @cached_property
    def languages(self) -> dict[str, Decimal]:
        credits: dict[str, list[float]] = {}
        for duty in self.duties:
            for row in duty.rows:
                credits.setdefault(row.language, []).append(CREDIT[row.status])
        return {code: _percent(values) for code, values in sorted(credits.items())}

    @cached_property
    def index(self) -> Decimal:
        languages = list(self.languages.values())
        mean = sum(languages, Decimal(0)) / len(languages) if languages else Decimal(0)
        total = (
            INDEX_WEIGHTS["fill"] * self.fill
            + INDEX_WEIGHTS["relevance"] * self.relevance
            + INDEX_WEIGHTS["languages"] * mean
        )
        return total.quantize(HUNDREDTH, ROUND_HALF_UP)

    @cached_property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Status.values, 0)
        for duty in self.duties:
            for row in duty.rows:
                counts[row.status] += 1
        return counts


def _credit(values: list[float]) -> float:
    if not values or not any(values):
        return 0.0
    return 1.0 if all(value == 1.0 for value in values) else 0.5


def _percent(values: list[float]) -> Decimal:
    if not values:
        return Decimal(0)
    return (Decimal(str(sum(values))) * 100 / len(values)).quantize(HUNDREDTH, ROUND_HALF_UP)


def rule_of(duty) -> rules.RuleSpec:
    return rules.RuleSpec(
        kind=duty.rule, days=duty.rule_days, month=duty.rule_month, day=duty.rule_day,
        working_days=duty.rule_working_days,
    )  # fmt: skip


def _plan(duty) -> tuple[list[str], rules.RuleSpec]:
    """The duty's evidence keys and rule, read once per duty however many bodies it serves."""
    plan = duty.__dict__.get("_scoring_plan")
    if plan is None:
        plan = duty.__dict__["_scoring_plan"] = (duty.evidence_key_list, rule_of(duty))
    return plan


def evaluate_body(
    *,
    body,
    duties: Iterable,
    evidence: Mapping[str, list[EvidenceItem]],
    confirmations: Mapping[str, list[datetime.datetime]],
    work: rules.WorkCalendar,
    at: datetime.datetime,
) -> BodyResult:
    """The figures of one body at moment `at`. `evidence` maps an evidence key to the body's
    items of that kind; items published after `at` are ignored."""
    zone = body.time_zone
    today = rules.local_date(at, zone)
    result = BodyResult(body.pk)
    points: dict[int, rules.Point] = {}  # each item's local dates, computed once
    for duty in duties:
        keys, rule = _plan(duty)
        items = [item for key in keys for item in evidence.get(key, ()) if item.published_at <= at]
        items.sort(key=_recency, reverse=True)
        confirmed = [
            rules.local_date(moment, zone)
            for moment in confirmations.get(duty.code, ())
            if moment <= at
        ]
        rows = []
        for language in duty.required_languages(body):
            own = [item for item in items if item.language in (language, "")]
            for item in own:
                if id(item) not in points:
                    points[id(item)] = _point(item, zone)
            verdict = rules.evaluate(rule, [points[id(i)] for i in own], today, work, confirmed)
            rows.append(_language_row(language, own, verdict))
        result.duties.append(DutyResult(duty, rows))
    return result


def _recency(item: EvidenceItem):
    """Newest first: by the event an item reports (an act's adoption), else its update."""
    return (item.event_date or item.updated_at.date(), item.updated_at)


def _language_row(language: str, own: list[EvidenceItem], verdict) -> LanguageResult:
    newest = own[0] if own else None
    if newest is None:
        status = Status.MISSING
    elif newest.missing:
        status = Status.PARTIAL
    else:
        status = Status.FRESH if verdict.meets_rule else Status.STALE
    return LanguageResult(
        language=language, status=status, meets_rule=bool(own) and verdict.meets_rule,
        due_on=verdict.due_on, newest_at=newest.updated_at if newest else None,
        evidence=[_as_json(item) for item in own[:EVIDENCE_KEPT]], evidence_count=len(own),
        missing=",".join(newest.missing) if newest else "",
    )  # fmt: skip


def _point(item: EvidenceItem, zone: str) -> rules.Point:
    return rules.Point(
        published=rules.local_date(item.published_at, zone),
        updated=rules.local_date(item.updated_at, zone),
        event=item.event_date, period=item.period,
    )  # fmt: skip


def _as_json(item: EvidenceItem) -> dict:
    return {
        "key": item.key, "title": item.title, "url": item.url, "language": item.language,
        "published_at": item.published_at.isoformat(), "updated_at": item.updated_at.isoformat(),
        "event_date": item.event_date.isoformat() if item.event_date else None,
        "period": item.period, "missing": list(item.missing),
    }  # fmt: skip
