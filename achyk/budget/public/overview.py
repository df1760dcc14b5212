"""What the public budget pages show: figures of a body's published budgets, read through the
budget's selectors and turned into charts (`ui.charts`) and rows for templates and the PDF.

Nothing here writes. Every amount stays a Decimal summed in the database; the active
language decides only how it is written (`formatting`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from achyk.ui import charts

from .. import selectors
from ..formatting import currency_name, money, percent, share
from ..models import Budget, Direction, StageName
from ..selectors import plan_stage

QUARTERS = ("I", "II", "III", "IV")
HISTORY_YEARS = 5
TOP_CATEGORIES = 5


def revenue_by_category(
    budget: Budget, *, stage: str, sums: selectors.LineSums | None = None
) -> list[tuple[str, Decimal]]:
    """Revenue of a stage by category: the codes just below "1 Revenue" (taxes, transfers,
    non-tax revenue, ...), largest first. [(name, amount)] (from `sums`, the budget's sums
    read once for a page, when given)."""
    sums = sums or selectors.LineSums(budget)
    codes = sums.codes()
    found: dict[str, Decimal] = {}
    for economic, amount in sums.by("economic", stage=stage, direction=Direction.REVENUE).items():
        category = _below_root(codes, economic)
        name = category.name if category else "—"
        found[name] = found.get(name, Decimal(0)) + amount
    return sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))


def _below_root(codes: dict, pk):
    node, seen = codes.get(pk), set()
    while node is not None and node.parent_id and node.parent_id not in seen:
        seen.add(node.pk)
        parent = codes.get(node.parent_id)
        if parent is None or not parent.parent_id:
            return node
        node = parent
    return node


def expenditure_by_category(
    budget: Budget, *, stage: str, sums: selectors.LineSums | None = None
) -> list[tuple[str, Decimal]]:
    """Expenditure of a stage by functional category (education, roads, ...), largest first."""
    sums = sums or selectors.LineSums(budget)
    result = sums.by_category(stage=stage, direction=Direction.EXPENDITURE)
    return [(f"{row.name}", row.amount) for row in result]


def _compare_chart(title, plan: list, executed: list | None, unit: str, plan_label: str):
    """Bars by category: the plan, and execution beside it when reported."""
    names = [name for name, _amount in plan]
    for name, _amount in executed or []:
        if name not in names:
            names.append(name)
    series = [charts.Series(plan_label, [dict(plan).get(name) for name in names])]
    if executed:
        done = dict(executed)
        series.append(charts.Series(_("Executed"), [done.get(name) for name in names]))
    return charts.bar_chart(title, names, series, unit=unit, category_header=_("Category"))


@dataclass
class Overview:
    """A year of a body's budget, as its public page shows it."""

    budget: Budget
    currency: str
    stages: list[str]
    plan: str | None
    summary: list[dict]
    per_resident: list[dict]
    charts: dict = field(default_factory=dict)
    quarters: dict = field(default_factory=dict)
    last_quarter: int | None = None


def overview(
    budget: Budget, *, with_charts: bool = True, sums: selectors.LineSums | None = None
) -> Overview:
    """Totals of every stage, per resident, and (for the year page) the charts (from `sums`,
    the budget's sums a page has read already, when given)."""
    sums = sums or selectors.LineSums(budget)
    totals = sums.totals()
    present = set(totals)
    stages = [stage for stage in StageName.values if stage in present]
    plan = plan_stage(present, or_draft=True)
    result = Overview(
        budget=budget, currency=budget.currency, stages=stages, plan=plan,
        summary=_summary(budget, totals, stages), per_resident=_per_resident(budget, totals),
    )  # fmt: skip
    if with_charts and plan:
        _add_charts(result, totals, sums)
    return result


def _summary(budget: Budget, totals: dict, stages: list[str]) -> list[dict]:
    rows = []
    for stage in stages:
        revenue = totals[stage].get(Direction.REVENUE)
        expenditure = totals[stage].get(Direction.EXPENDITURE)
        balance = (revenue or 0) - (expenditure or 0)
        rows.append({
            "stage": StageName(stage).label, "revenue": money(revenue, budget.currency),
            "expenditure": money(expenditure, budget.currency),
            "balance": money(balance, budget.currency),
        })  # fmt: skip
    return rows


def _per_resident(budget: Budget, totals: dict) -> list[dict]:
    population = budget.body.population
    if not population:
        return []
    rows = []
    for stage in (plan_stage(totals, or_draft=True), StageName.EXECUTED):
        if stage not in totals:
            continue
        amounts = totals[stage]
        rows.append({
            "stage": StageName(stage).label,
            "revenue": _each(amounts.get(Direction.REVENUE), population, budget.currency),
            "expenditure": _each(amounts.get(Direction.EXPENDITURE), population, budget.currency),
        })  # fmt: skip
    return rows


def _each(amount: Decimal | None, population: int, currency: str) -> str:
    return money(None if amount is None else amount / population, currency)


def _add_charts(result: Overview, totals: dict, sums: selectors.LineSums) -> None:
    budget, plan, unit = result.budget, result.plan, currency_name(result.currency)
    executed = StageName.EXECUTED in totals
    plan_label = StageName(plan).label
    result.charts["revenue"] = _compare_chart(
        _("Revenue by category, %(unit)s") % {"unit": unit},
        revenue_by_category(budget, stage=plan, sums=sums),
        revenue_by_category(budget, stage=StageName.EXECUTED, sums=sums) if executed else None,
        unit, plan_label,
    )  # fmt: skip
    spending = expenditure_by_category(budget, stage=plan, sums=sums)
    result.charts["expenditure"] = _compare_chart(
        _("Expenditure by category, %(unit)s") % {"unit": unit}, spending,
        expenditure_by_category(budget, stage=StageName.EXECUTED, sums=sums) if executed else None,
        unit, plan_label,
    )  # fmt: skip
    population = budget.body.population
    if population and spending:
        result.charts["per_resident"] = charts.bar_chart(
            _("Expenditure per resident by category, %(unit)s") % {"unit": unit},
            [name for name, _amount in spending],
            charts.Series(plan_label, [amount / population for _name, amount in spending]),
            unit=unit, category_header=_("Category"),
        )  # fmt: skip
    if executed:
        _add_quarters(result, totals, sums)
    _add_history(result)


def _add_quarters(result: Overview, totals: dict, sums: selectors.LineSums) -> None:
    budget = result.budget
    rows = {}
    for direction in (Direction.REVENUE, Direction.EXPENDITURE):
        plan = totals[result.plan].get(direction)
        reported = sums.by("quarter", stage=StageName.EXECUTED, direction=direction)
        rows[direction] = _quarter_rows(budget, reported, plan)
    result.quarters = rows
    result.last_quarter = sums.last_quarter()
    series = [
        charts.Series(label, [row["percent"] if row["reported"] else None for row in rows[d]])
        for d, label in ((Direction.REVENUE, _("Revenue")),
                         (Direction.EXPENDITURE, _("Expenditure")))
    ]  # fmt: skip
    result.charts["quarters"] = charts.column_chart(
        _("Execution of the year's plan by quarter (since the start of the year), %"),
        QUARTERS, series, unit="%", decimals=1, category_header=_("Quarter"),
    )  # fmt: skip


def _quarter_rows(budget: Budget, per_quarter: dict, plan: Decimal | None) -> list[dict]:
    last = max(per_quarter, default=0)
    rows, running = [], Decimal(0)
    for number, label in enumerate(QUARTERS, start=1):
        amount = per_quarter.get(number)
        running += amount or 0
        rows.append({
            "quarter": label, "reported": number <= last,
            "executed": money(amount, budget.currency) if number <= last else "—",
            "cumulative": money(running, budget.currency) if number <= last else "—",
            "percent": percent(running, plan), "share": share(running, plan)
            if number <= last else "—",
        })  # fmt: skip
    return rows


def _add_history(result: Overview) -> None:
    budget, unit = result.budget, currency_name(result.currency)
    stages = (StageName.APPROVED, StageName.EXECUTED)
    by_stage = {
        stage: {row.year: row for row in rows if row.year <= budget.year}
        for stage, rows in selectors.years_of_stages(budget.body, stages=stages, years=50).items()
    }
    years = sorted(set(by_stage[StageName.APPROVED]) | set(by_stage[StageName.EXECUTED]))
    years = years[-HISTORY_YEARS:]
    if len(years) < 2:
        return
    approved, executed = by_stage[StageName.APPROVED], by_stage[StageName.EXECUTED]

    def values(found, attr):
        return [getattr(found[y], attr) if y in found else None for y in years]

    result.charts["history"] = charts.column_chart(
        _("This year and the years before, %(unit)s") % {"unit": unit},
        [str(year) for year in years],
        [
            charts.Series(_("Revenue, approved"), values(approved, "revenue")),
            charts.Series(_("Expenditure, approved"), values(approved, "expenditure")),
            charts.Series(_("Expenditure, executed"), values(executed, "expenditure")),
        ],
        unit=unit, category_header=_("Year"),
    )  # fmt: skip
