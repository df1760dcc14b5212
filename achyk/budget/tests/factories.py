"""Budgets and their lines for tests; descriptions are hostile (markup, quotes, Kyrgyz)."""

from decimal import Decimal

from achyk.budget.models import Classification, Direction, LineKind, StageName
from achyk.budget.services import LineIn, replace_stage

HOSTILE = 'Мектептин чатырын оңдоо <script>alert("ң")</script> "Үй"'


def code(value: str, *, kind="economic", country="KG") -> Classification:
    return Classification.objects.get(country=country, kind=kind, code=value)


def line(economic: str, amount: str, *, functional: str | None = None, **fields) -> LineIn:
    eco = code(economic)
    fields.setdefault("direction", eco.direction)
    return LineIn(
        economic_id=eco.pk, amount=Decimal(amount),
        functional_id=code(functional, kind="functional").pk if functional else None, **fields,
    )  # fmt: skip


def small_budget(body, *, year=2026, by=None):
    """A budget with a draft, an approved plan and two quarters of execution."""
    revenue = [
        line("1111", "1000000.10"),
        line("1132", "250000.20"),
        line("1311", "3000000.00", kind=LineKind.TRANSFER),
    ]
    spending = [
        line("2111", "2500000.15", functional="7011"),
        line("3111", "1200000.00", functional="7092", description=HOSTILE),
    ]
    replace_stage(body=body, year=year, stage=StageName.DRAFT, lines=revenue + spending, by=by)
    approved = revenue + spending + [
        line("3111", "500000.00", functional="7063", kind=LineKind.INVESTMENT,
             source="ADB «Таза суу»"),
    ]  # fmt: skip
    replace_stage(body=body, year=year, stage=StageName.APPROVED, lines=approved, by=by)
    executed = [
        line("1111", "200000.05", quarter=1),
        line("1111", "300000.05", quarter=2),
        line("2111", "600000.00", functional="7011", quarter=1),
        line("2111", "650000.00", functional="7011", quarter=2),
    ]
    replace_stage(body=body, year=year, stage=StageName.EXECUTED, lines=executed, by=by)
    return body.budgets.get(year=year)


__all__ = ["Direction", "code", "line", "small_budget"]
