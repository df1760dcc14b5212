"""Writes of the transparency monitor: recomputing scores, snapshots, confirmations and
revisions of the register.

`recompute` works in bulk: it reads the register, the calendars and the evidence of every
body of a batch at once (a few queries per kind of evidence, whatever the number of
bodies), computes in Python (`scoring`), and replaces the batch's rows in one transaction.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from achyk.bodies import evidence as evidence_registry
from achyk.bodies import scores as score_pages
from achyk.bodies.models import Body
from achyk.pagecache.invalidation import forget_body

from . import bulk, rules, scoring, selectors
from .models import BodySummary, Confirmation, Duty, Score, Snapshot

BATCH = 1000


def evaluate(
    *, body_ids: Iterable[int] | None = None, at: datetime.datetime | None = None
) -> list[scoring.BodyResult]:
    """The figures of the given active bodies (None: all) at `at` (now by default), with the
    register in force at that moment, without writing anything."""
    at = at or timezone.now()
    bodies = Body.objects.active().order_by("pk")
    if body_ids is not None:
        bodies = bodies.filter(pk__in=list(body_ids))
    bodies = list(bodies)
    results = []
    for start in range(0, len(bodies), BATCH):
        results += _evaluate_batch(bodies[start : start + BATCH], at)
    return results


def _evaluate_batch(bodies: list[Body], at: datetime.datetime) -> list[scoring.BodyResult]:
    if not bodies:
        return []
    countries = {body.country for body in bodies}
    duties = list(Duty.objects.in_force(at).filter(country__in=countries))
    keys = {key for duty in duties for key in duty.evidence_key_list}
    ids = [body.pk for body in bodies]
    evidence = _evidence(keys, ids)
    confirmations = _confirmations(ids)
    calendars = {
        country: rules.WorkCalendar(days) for country, days in selectors.calendar(countries).items()
    }
    return [
        scoring.evaluate_body(
            body=body,
            duties=[duty for duty in duties if duty.applies_to(body)],
            evidence=evidence.get(body.pk, {}),
            confirmations=confirmations.get(body.pk, {}),
            work=calendars.get(body.country, rules.WorkCalendar()),
            at=at,
        )  # fmt: skip
        for body in bodies
    ]


def _evidence(keys: set[str], body_ids: list[int]) -> dict[int, dict[str, list]]:
    """{body id: {key: items, newest first}} from every registered provider."""
    found: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for item in evidence_registry.collect(keys=keys, body_ids=body_ids):
        found[item.body_id][item.key].append(item)
    for by_key in found.values():
        for items in by_key.values():
            items.sort(key=lambda item: item.updated_at, reverse=True)
    return found


def _confirmations(body_ids: list[int]) -> dict[int, dict[str, list[datetime.datetime]]]:
    found: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows = Confirmation.objects.filter(body_id__in=body_ids).values_list(
        "body_id", "duty_code", "confirmed_at"
    )
    for body_id, code, moment in rows:
        found[body_id][code].append(moment)
    return found


def recompute(*, body_ids: Iterable[int] | None = None, at: datetime.datetime | None = None) -> int:
    """Recompute and store the scores and summaries of the given bodies (None: every active
    body) as of `at` (now by default). Returns the number of bodies computed."""
    at = at or timezone.now()
    body_ids = None if body_ids is None else list(body_ids)
    results = evaluate(body_ids=body_ids, at=at)
    for start in range(0, len(results), BATCH):
        _store(results[start : start + BATCH], at)
    _forget_pages(body_ids)
    return len(results)


def _forget_pages(body_ids: Iterable[int] | None) -> None:
    """The scores are on each body's transparency page and on the platform's rating: their
    cached pages are forgotten (rows written with COPY send no signal)."""
    if body_ids is None:
        forget_body(None)
        return
    for body_id in body_ids:
        forget_body(body_id, platform=True)


SCORE_COLUMNS = [
    "body_id", "duty_id", "language", "status", "meets_rule", "due_on", "newest_at",
    "evidence", "evidence_count", "missing", "computed_at",
]  # fmt: skip


def _store(results: list[scoring.BodyResult], at: datetime.datetime) -> None:
    """Replace the batch's scores and summaries (one transaction)."""
    now = timezone.now()
    ids = [result.body_id for result in results]
    scores = (
        (result.body_id, duty.duty.pk, row.language, row.status, row.meets_rule, row.due_on,
         row.newest_at, row.evidence, row.evidence_count, row.missing, now)
        for result in results
        for duty in result.duties
        for row in duty.rows
    )  # fmt: skip
    summaries = [
        BodySummary(body_id=result.body_id, as_of=at, computed_at=now, **_figures(result))
        for result in results
    ]
    with transaction.atomic():
        bulk.delete_rows(Score.objects.filter(body_id__in=ids))
        bulk.delete_rows(BodySummary.objects.filter(body_id__in=ids))
        bulk.insert_rows(Score, SCORE_COLUMNS, scores)
        BodySummary.objects.bulk_create(summaries, batch_size=1000)
        transaction.on_commit(lambda: score_pages.changed(ids))


def _figures(result: scoring.BodyResult) -> dict:
    return {
        "fill": result.fill, "relevance": result.relevance, "index": result.index,
        "languages": {code: str(value) for code, value in result.languages.items()},
        "duties": len(result.duties), "counts": result.counts,
    }  # fmt: skip


def take_snapshots(*, at: datetime.datetime | None = None) -> int:
    """Copy every body's current summary into the snapshot of the month of `at` (now by
    default), replacing that month's snapshot; earlier months are never touched."""
    at = at or timezone.now()
    month = timezone.localtime(at).date().replace(day=1)
    count = 0
    summaries = BodySummary.objects.filter(body__is_active=True)
    with transaction.atomic():
        existing = set(Snapshot.objects.filter(month=month).values_list("body_id", flat=True))
        fresh, stale = [], []
        for summary in summaries:
            snapshot = Snapshot(
                body_id=summary.body_id, month=month, taken_at=at, fill=summary.fill,
                relevance=summary.relevance, index=summary.index, languages=summary.languages,
                duties=summary.duties, counts=summary.counts,
            )  # fmt: skip
            (stale if summary.body_id in existing else fresh).append(snapshot)
            count += 1
        Snapshot.objects.bulk_create(fresh, batch_size=1000)
        for snapshot in stale:
            Snapshot.objects.filter(body_id=snapshot.body_id, month=month).update(
                **{name: getattr(snapshot, name) for name in SNAPSHOT_FIELDS}
            )
    _forget_pages(None)  # the rating's trend of every body
    return count


SNAPSHOT_FIELDS = ["taken_at", "fill", "relevance", "index", "languages", "duties", "counts"]


def confirm_duty(*, body: Body, duty: Duty, by) -> Confirmation:
    """Record that `by` confirmed the information of `duty` is still current for `body`,
    then recompute the body's scores."""
    confirmation = Confirmation.objects.create(body=body, duty_code=duty.code, confirmed_by=by)
    recompute(body_ids=[body.pk])
    return confirmation


# Fields of a duty that a revision may change; code and country name the duty itself.
REVISABLE = [
    "title_ky", "title_ru", "title_kk", "title_en", "description_ky", "description_ru",
    "description_kk", "description_en", "legal_act", "legal_article", "body_kinds",
    "languages", "evidence_keys", "rule", "rule_days", "rule_month", "rule_day",
    "rule_working_days", "order",
]  # fmt: skip


def revise_duty(*, duty: Duty, changes: dict, by=None, note: str = "", valid_from=None) -> Duty:
    """A new version of `duty` in force from `valid_from` (now by default): the current
    version is closed at that moment, never rewritten. A version not yet in force is
    edited in place."""
    valid_from = valid_from or timezone.now()
    unknown = set(changes) - set(REVISABLE)
    if unknown:
        raise ValueError(f"not revisable: {sorted(unknown)}")
    with transaction.atomic():
        current = Duty.objects.select_for_update().get(pk=duty.pk)
        if current.valid_from > timezone.now():
            for name, value in changes.items():
                setattr(current, name, value)
            current.change_note, current.revised_by = note, by
            current.full_clean()
            current.save()
            return current
        current.valid_to = valid_from
        current.save(update_fields=["valid_to"])
        revised = Duty(
            code=current.code, country=current.country, valid_from=valid_from,
            revised_by=by, change_note=note,
            **{name: changes.get(name, getattr(current, name)) for name in REVISABLE},
        )  # fmt: skip
        revised.full_clean(validate_constraints=False)
        revised.save()
        return revised


def retire_duty(*, duty: Duty, by=None, at=None) -> Duty:
    """Take a duty out of the register from `at` (now by default); its history stays."""
    duty.valid_to = at or timezone.now()
    duty.save(update_fields=["valid_to"])
    return duty
