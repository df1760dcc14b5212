"""Writes of budget data: keyword-only functions, each in one transaction.

Every write that changes what a body has published tells the transparency monitor
(`bodies.evidence.changed`); the monitor recomputes the body's scores once the transaction
commits, and not at all when it rolls back.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from achyk.bodies.evidence import changed
from achyk.bodies.models import Body

from .models import (
    CURRENCIES,
    Budget,
    Currency,
    Direction,
    ImportRecord,
    Line,
    LineKind,
    Stage,
    StageName,
)

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineIn:
    """One line to write: codes are Classification ids, already checked by the caller."""

    direction: str
    economic_id: int
    amount: Decimal
    functional_id: int | None = None
    quarter: int | None = None
    kind: str = LineKind.OWN
    description: str = ""
    source: str = ""


def budget_of(*, body: Body, year: int) -> Budget:
    """The body's budget of `year`, created (in the body's currency) when it has none."""
    budget, _created = Budget.objects.get_or_create(
        body=body, year=year, defaults={"currency": CURRENCIES.get(body.country, Currency.KGS)}
    )
    return budget


def _check_lines(stage: str, lines: list[LineIn]) -> None:
    for line in lines:
        if line.direction not in Direction.values or line.kind not in LineKind.values:
            raise ValidationError(_("A line has an unknown direction or kind."))
        if (stage == StageName.EXECUTED) != (line.quarter in (1, 2, 3, 4)):
            raise ValidationError(_("Execution lines need a quarter (1-4); other stages none."))


@transaction.atomic
def replace_stage(
    *, body: Body, year: int, stage: str, lines: list[LineIn], by, file_name: str = ""
) -> ImportRecord:
    """Replace every line of one stage of the body's budget for `year` with `lines`, mark the
    stage published (execution: each quarter present) and record it in the history."""
    if stage not in StageName.values:
        raise ValidationError(_("Unknown budget stage."))
    _check_lines(stage, lines)
    budget = budget_of(body=body, year=year)
    Budget.objects.select_for_update().filter(pk=budget.pk).first()
    replaced, _deleted = budget.lines.filter(stage=stage).delete()
    Line.objects.bulk_create(
        (Line(budget=budget, stage=stage, **vars(line)) for line in lines), batch_size=2000
    )
    _mark_published(budget, stage, {line.quarter for line in lines})
    budget.save(update_fields=["updated_at"])
    sums = dict(budget.lines.filter(stage=stage).values_list("direction").annotate(s=Sum("amount")))
    changed(body.pk)
    return ImportRecord.objects.create(
        body=body, budget=budget, stage=stage, user=by, file_name=file_name[:255],
        rows=len(lines), replaced=replaced, revenue=sums.get(Direction.REVENUE, ZERO),
        expenditure=sums.get(Direction.EXPENDITURE, ZERO),
    )  # fmt: skip


def _mark_published(budget: Budget, stage: str, quarters: set[int | None]) -> None:
    now = timezone.now()
    if stage == StageName.EXECUTED:
        budget.stages.filter(stage=stage).exclude(quarter__in=quarters).delete()
    else:
        quarters = {None}
    for quarter in quarters:
        row, created = Stage.objects.get_or_create(
            budget=budget, stage=stage, quarter=quarter,
            defaults={"published_at": now, "updated_at": now},
        )  # fmt: skip
        if not created:
            row.updated_at = now
            row.save(update_fields=["updated_at"])


@transaction.atomic
def set_approval(*, budget: Budget, act=None, approved_on: datetime.date | None = None) -> Budget:
    """Link the council resolution that approved the budget (an Act of the same body)."""
    if act is not None and act.body_id != budget.body_id:
        raise ValidationError(_("The resolution must be an act of the same body."))
    budget.approved_by = act
    budget.approved_on = approved_on or (act.adopted_on if act is not None else None)
    budget.save(update_fields=["approved_by", "approved_on", "updated_at"])
    changed(budget.body_id)
    return budget


@transaction.atomic
def withdraw_stage(*, budget: Budget, stage: str) -> int:
    """Remove a stage's lines and its publication (e.g. a draft posted to the wrong year)."""
    deleted, _detail = budget.lines.filter(stage=stage).delete()
    budget.stages.filter(stage=stage).delete()
    changed(budget.body_id)
    return deleted
