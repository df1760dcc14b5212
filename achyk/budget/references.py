"""What the budget gives the references seam (`bodies.references`): a line of a body's
budget, as a plan's action names the line that funds it. A line is named by the budget (the
body's year) and the economic code of its expenditure, "budget.line:<budget>-<code>", which
outlive the rows each import writes again. The budget never imports plans."""

from __future__ import annotations

from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

from achyk.bodies.models import public_url
from achyk.bodies.references import Kind, Target, backlinks, key

from .formatting import money
from .models import Budget, Classification, Direction, Line, StageName
from .selectors import LineSums, plan_stage

LINE = "budget.line"


def _choices(body, language: str) -> list[tuple[str, str]]:
    """The expenditure codes of each of the body's budgets, newest year first."""
    rows = (
        Line.objects.filter(budget__body=body, direction=Direction.EXPENDITURE)
        .exclude(stage=StageName.EXECUTED)
        .values_list("budget_id", "budget__year", "economic_id")
        .distinct()
        .order_by()
    )
    rows = list(rows)
    codes = Classification.objects.in_bulk({code for _b, _y, code in rows})
    rows.sort(key=lambda row: (-row[1], codes[row[2]].code, row[0]))
    with translation.override(language):
        return [
            (key(LINE, (budget, code)), f"{year} · {codes[code].code} {codes[code].name}")
            for budget, year, code in rows
        ]


def _resolve(ids: list, language: str) -> dict[tuple, Target]:
    """Lines of published budgets of active bodies, with the year's plan (amended, approved,
    else the draft) and what was spent, summed in the database: three queries."""
    budgets = Budget.objects.filter(
        pk__in={budget for budget, _code in ids}, body__is_active=True, stages__isnull=False
    ).select_related("body")
    budgets = {budget.pk: budget for budget in budgets.distinct()}
    codes = Classification.objects.in_bulk({code for _budget, code in ids})
    sums: dict[tuple, dict[str, object]] = {}
    rows = (
        Line.objects.filter(
            budget_id__in=list(budgets),
            economic_id__in=list(codes),
            direction=Direction.EXPENDITURE,
        )
        .values("budget_id", "economic_id", "stage")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    for row in rows:
        sums.setdefault((row["budget_id"], row["economic_id"]), {})[row["stage"]] = row["amount"]
    found = {}
    with translation.override(language):
        for ident in ids:
            budget, code = budgets.get(ident[0]), codes.get(ident[1])
            amounts = sums.get(tuple(ident))
            if budget is None or code is None or not amounts:
                continue
            currency = budget.currency
            stage = plan_stage(amounts, or_draft=True)
            detail = _("Planned %(planned)s, spent %(spent)s") % {
                "planned": money(amounts.get(stage), currency),
                "spent": money(amounts.get(StageName.EXECUTED), currency),
            }
            found[tuple(ident)] = Target(
                key(LINE, tuple(ident)),
                _("%(code)s %(name)s, budget of %(year)s")
                % {"code": code.code, "name": code.name, "year": budget.year},
                public_url(budget.body.slug, language, "budget_year", year=budget.year)
                + "#h-expenditure",
                detail,
            )
    return found


LINE_KIND = Kind(LINE, _resolve, _choices, parts=2)


def what_lines_fund(
    budget: Budget, language: str, sums: LineSums | None = None
) -> list[tuple[Classification, list[Target]]]:
    """The expenditure lines of `budget` that something on the site names as funded by them
    (a plan's action), with what names them, by code: two queries, three with any found (one
    query fewer with `sums`, the budget's sums and codes a page has read already)."""
    sums = sums or LineSums(budget)
    codes = sums.by("economic", direction=Direction.EXPENDITURE)
    keys = {key(LINE, (budget.pk, code)): code for code in codes}
    found = backlinks(keys, language) if keys else {}
    if not found:
        return []
    names = sums.codes(keys[reference] for reference in found)
    rows = [(names[keys[reference]], targets) for reference, targets in found.items()]
    return sorted(rows, key=lambda row: row[0].code)
