"""Reads of budget data. Every total is summed in the database, as an exact Decimal.

Functions that take a `budget` read whatever budget they are given: the caller decides who may
see it (`budget_for(user, pk)` in the admin, `public_budget(body, year)` on public pages).
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from achyk.bodies.models import Body

from .models import (
    Budget,
    Classification,
    Direction,
    ImportRecord,
    Line,
    LineKind,
    Stage,
    StageName,
)

ZERO = Decimal("0.00")
PLAN_STAGES = (StageName.AMENDED, StageName.APPROVED)  # the plan in force, newest first


def budget_for(user, pk) -> Budget:
    """The budget `pk` if `user` may reach it in the admin; another body's is a 404."""
    budget = Budget.objects.for_user(user).select_related("body").filter(pk=pk).first()
    if budget is None:
        raise Http404
    return budget


def public_budget(body: Body, year: int) -> Budget | None:
    """The body's budget of `year` if it has published any stage, else None. The budget and
    the act that approved it (the body's own) hold `body` as given: its site and its pages'
    addresses, read once for the request, are not read again for them."""
    return (
        Budget.objects.filter(body=body, year=year, stages__isnull=False)
        .select_related("approved_by")
        .holding(body, "approved_by")
        .distinct()
        .first()
    )


def published_years(body: Body) -> list[int]:
    """Years of the body's budgets with any published stage, newest first."""
    return list(
        Budget.objects.filter(body=body, stages__isnull=False)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def current_year(years: Collection[int], *, today_year: int) -> int | None:
    """The year a budget's first page opens on, among the published `years`: this year, else
    the newest year before it (the plan last in force), else the nearest year after it (a
    body that has only drafted its first budget). Never next year's draft when this year's
    budget is published."""
    past = [year for year in years if year <= today_year]
    if past:
        return max(past)
    return min(years, default=None)


def plan_stages_by_year(body: Body, years: Collection[int]) -> dict[int, str]:
    """{year: the stage holding the plan (amended, approved, else the draft)} of the body's
    budgets of `years`, in one query: what the first page says of next year's budget."""
    found: dict[int, set[str]] = {}
    rows = Stage.objects.filter(budget__body=body, budget__year__in=list(years))
    for year, stage in rows.values_list("budget__year", "stage").distinct():
        found.setdefault(year, set()).add(stage)
    return {year: plan_stage(stages, or_draft=True) for year, stages in sorted(found.items())}


def stages_of(budget: Budget) -> QuerySet[Stage]:
    """The published stages of a budget (execution: one row per quarter reported)."""
    return budget.stages.order_by("stage", "quarter")


def stage_names(budget: Budget) -> list[str]:
    """Stages that have lines, in the order of `StageName`."""
    present = set(budget.lines.values_list("stage", flat=True).distinct())
    return [stage for stage in StageName.values if stage in present]


def plan_stage(stages: Collection[str], *, or_draft: bool = False) -> str | None:
    """The stage that holds the plan, among `stages` (those a budget has lines of, e.g. the
    keys of `totals`): amended if any, else approved; else the draft if `or_draft`, else None.

    The plan in force is never a draft: execution is measured against amended or approved
    figures only (`execution_by_quarter`, the Citizens' Budget). A year page of a budget that
    has only been drafted shows the draft as its plan (`or_draft=True`).
    """
    order = (*PLAN_STAGES, StageName.DRAFT) if or_draft else PLAN_STAGES
    return next((stage for stage in order if stage in stages), None)


def lines(budget: Budget, *, stage: str | None = None, direction: str | None = None):
    """The budget's lines with their codes, in a stable order (for tables and exports)."""
    result = budget.lines.select_related("economic", "functional")
    if stage:
        result = result.filter(stage=stage)
    if direction:
        result = result.filter(direction=direction)
    return result.order_by("stage", "direction", "quarter", "economic__code", "pk")


@dataclass(frozen=True)
class CategoryTotal:
    """The total of one top category of the classification (e.g. "709 Education")."""

    code: str
    name: str
    amount: Decimal


class LineSums:
    """A budget's amounts summed in the database once, by stage, direction, kind, economic
    code, top economic and functional category and quarter: the totals, categories and
    quarters a page shows are added up from these few rows (exact Decimals), not each read
    by a query of its own. Made for one page: lines written later are not in it."""

    KEYS = ("stage", "direction", "kind", "economic", "economic_group", "functional_group",
            "quarter")  # fmt: skip

    def __init__(self, budget: Budget):
        self.budget = budget
        rows = budget.lines.values_list(
            "stage", "direction", "kind", "economic", "economic__group", "functional__group",
            "quarter",
        ).annotate(amount=Sum("amount")).order_by()  # fmt: skip
        self.rows = [dict(zip((*self.KEYS, "amount"), row, strict=True)) for row in rows]
        self._codes: dict[int, Classification] | None = None

    def by(self, key: str, **where) -> dict:
        """{value of `key`: total} over the rows matching `where` (e.g. stage="approved")."""
        found: dict = {}
        wanted = tuple(where.items())
        for row in self.rows:
            for name, value in wanted:
                if row[name] != value:
                    break
            else:
                value, amount = row[key], row["amount"]
                found[value] = found[value] + amount if value in found else amount
        return found

    def totals(self) -> dict[str, dict[str, Decimal]]:
        """{stage: {direction: total}} over every stage present; missing pairs are absent."""
        stages = dict.fromkeys(row["stage"] for row in self.rows)
        return {stage: self.by("direction", stage=stage) for stage in stages}

    def by_category(
        self, *, stage: str, direction: str, classification: str = "functional"
    ) -> list[CategoryTotal]:
        """As `by_category` (the module's), from these sums."""
        amounts = self.by(f"{classification}_group", stage=stage, direction=direction)
        amounts.pop(None, None)  # lines without a code of this classification
        ranked = sorted(amounts.items(), key=lambda pair: (-pair[1], pair[0]))
        codes = self.codes(pk for pk, _amount in ranked)
        return [CategoryTotal(codes[pk].code, codes[pk].name, amount) for pk, amount in ranked]

    def codes(self, wanted: Iterable[int] = ()) -> dict[int, Classification]:
        """The classification codes a page of these sums names, by id, read in one query for
        the page: every economic code of the budget's country (a revenue line is drawn under
        the code just below the root, found through its ancestors) and the top categories of
        the lines; any of `wanted` not among them is read too."""
        if self._codes is None:
            groups = {
                row[key] for row in self.rows for key in ("economic_group", "functional_group")
            }
            country = Q(country=self.budget.body.country, kind=Classification.Kind.ECONOMIC)
            read = Classification.objects.filter(country | Q(pk__in=groups - {None}))
            self._codes = read.in_bulk()
        if missing := set(wanted) - self._codes.keys():
            self._codes.update(Classification.objects.in_bulk(missing))
        return self._codes

    def last_quarter(self) -> int | None:
        """The latest quarter that execution has been reported for, or None."""
        quarters = self.by("quarter", stage=StageName.EXECUTED)
        return max((quarter for quarter in quarters if quarter is not None), default=None)


def totals(budget: Budget) -> dict[str, dict[str, Decimal]]:
    """{stage: {direction: total}} over every stage present; missing pairs are absent."""
    return LineSums(budget).totals()


def total(budget: Budget, *, stage: str, direction: str, kind: str | None = None) -> Decimal:
    """One total: the amount of a stage and direction (and kind), ZERO when nothing."""
    result = budget.lines.filter(stage=stage, direction=direction)
    if kind:
        result = result.filter(kind=kind)
    return result.aggregate(total=Sum("amount"))["total"] or ZERO


def by_category(
    budget: Budget, *, stage: str, direction: str, classification: str = "functional"
) -> list[CategoryTotal]:
    """Totals by top category of the `functional` or `economic` classification, largest first
    (at the same amount, by the category's id).

    Lines with no functional code (revenue) are left out of a functional breakdown.
    """
    return LineSums(budget).by_category(
        stage=stage, direction=direction, classification=classification
    )


def by_code(budget: Budget, *, stage: str, direction: str, classification: str = "economic"):
    """Totals by code (the codes lines carry), in code order: [(Classification, amount)]."""
    field = classification
    rows = (
        budget.lines.filter(stage=stage, direction=direction)
        .exclude(**{field: None})
        .values(field)
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    codes = Classification.objects.in_bulk([row[field] for row in rows])
    pairs = [(codes[row[field]], row["amount"]) for row in rows]
    return sorted(pairs, key=lambda pair: pair[0].code)


@dataclass(frozen=True)
class QuarterRow:
    """Execution of one quarter against the plan: amounts of the quarter and cumulative."""

    quarter: int
    executed: Decimal
    cumulative: Decimal
    plan: Decimal

    @property
    def share(self) -> Decimal | None:
        """Cumulative execution as a percentage of the year's plan (None without a plan)."""
        if not self.plan:
            return None
        return (self.cumulative * 100 / self.plan).quantize(Decimal("0.1"))


def execution_by_quarter(budget: Budget, *, direction: str) -> list[QuarterRow]:
    """Plan (amended, else approved) against execution, for each of the four quarters."""
    stage = plan_stage(stage_names(budget))
    plan = total(budget, stage=stage, direction=direction) if stage else ZERO
    rows = (
        budget.lines.filter(stage=StageName.EXECUTED, direction=direction)
        .values("quarter")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    per_quarter = {row["quarter"]: row["amount"] for row in rows}
    result, running = [], ZERO
    for quarter in range(1, 5):
        executed = per_quarter.get(quarter, ZERO)
        running += executed
        result.append(QuarterRow(quarter, executed, running, plan))
    return result


def last_quarter(budget: Budget) -> int | None:
    """The latest quarter that execution has been reported for, or None."""
    return LineSums(budget).last_quarter()


def per_resident(budget: Budget, *, stage: str, direction: str) -> Decimal | None:
    """The total of a stage and direction per resident (Body.population), or None if unknown."""
    population = budget.body.population
    if not population:
        return None
    amount = total(budget, stage=stage, direction=direction)
    return (amount / population).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class YearTotal:
    year: int
    revenue: Decimal
    expenditure: Decimal


def year_over_year(body: Body, *, stage: str, years: int = 5) -> list[YearTotal]:
    """Totals of one stage for the body's last `years` budgets that have it, oldest first."""
    return years_of_stages(body, stages=[stage], years=years)[stage]


def years_of_stages(body: Body, *, stages, years: int = 5) -> dict[str, list[YearTotal]]:
    """{stage: `year_over_year` of it} for several stages, in one query."""
    rows = (
        Line.objects.filter(budget__body=body, stage__in=stages)
        .values("stage", "budget__year", "direction")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    found: dict[str, dict[int, dict[str, Decimal]]] = {stage: {} for stage in stages}
    for row in rows:
        by_year = found[row["stage"]].setdefault(row["budget__year"], {})
        by_year[row["direction"]] = row["amount"]
    return {
        stage: [
            YearTotal(
                year,
                by_year[year].get(Direction.REVENUE, ZERO),
                by_year[year].get(Direction.EXPENDITURE, ZERO),
            )
            for year in sorted(by_year)[-years:]
        ]
        for stage, by_year in found.items()
    }


def transfers(budget: Budget, *, stage: str) -> list[tuple[Classification, Decimal]]:
    """Transfers from the republican budget by code (equalisation grant, ...)."""
    rows = (
        budget.lines.filter(stage=stage, kind=LineKind.TRANSFER)
        .values("economic")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    codes = Classification.objects.in_bulk([row["economic"] for row in rows])
    return sorted(
        ((codes[row["economic"]], row["amount"]) for row in rows), key=lambda p: p[0].code
    )


def investments(budget: Budget, *, stage: str | None = None):
    """Extra-budgetary investments (donor and project money), one line each, largest first."""
    result = budget.lines.filter(kind=LineKind.INVESTMENT).select_related("functional")
    if stage:
        result = result.filter(stage=stage)
    return result.order_by("-amount", "pk")


def history(budget: Budget) -> QuerySet[ImportRecord]:
    """The imports that wrote the budget's stages, newest first."""
    return budget.imports.select_related("user")


def budgets_for_admin(user) -> QuerySet[Budget]:
    """The budgets `user` may see in the admin, with how many lines each holds."""
    return (
        Budget.objects.for_user(user)
        .select_related("body")
        .annotate(line_count=Count("lines"))
        .order_by("body__slug", "-year")
    )


def export_rows(*, year: int, body: Body | None = None):
    """Every line of `year` (of one body, or of every active body) as flat tuples, streamed
    from the database in chunks: the open data files and the platform-wide export read this.

    Columns: `EXPORT_COLUMNS`.
    """
    result = Line.objects.filter(budget__year=year)
    if body is not None:
        result = result.filter(budget__body=body)
    else:
        result = result.filter(budget__body__is_active=True)
    return (
        result.order_by("budget__body__slug", "stage", "direction", "quarter", "pk")
        .values_list(*EXPORT_FIELDS)
        .iterator(chunk_size=2000)
    )


EXPORT_COLUMNS = (
    "body", "year", "currency", "stage", "quarter", "direction", "kind", "economic_code",
    "economic_name_ky", "economic_name_ru", "functional_code", "functional_name_ky",
    "functional_name_ru", "description", "source", "amount",
)  # fmt: skip
EXPORT_FIELDS = (
    "budget__body__slug", "budget__year", "budget__currency", "stage", "quarter", "direction",
    "kind", "economic__code", "economic__name_ky", "economic__name_ru", "functional__code",
    "functional__name_ky", "functional__name_ru", "description", "source", "amount",
)  # fmt: skip


PLATFORM_EXPORT_COLUMNS = ("body_name_ky", "body_name_ru", *EXPORT_COLUMNS)
PLATFORM_EXPORT_FIELDS = ("budget__body__name_ky", "budget__body__name_ru", *EXPORT_FIELDS)


def platform_export_rows(*, year: int):
    """Every line of `year` of every active body, with the body's names, streamed in chunks
    (`PLATFORM_EXPORT_COLUMNS`)."""
    return (
        Line.objects.filter(budget__year=year, budget__body__is_active=True)
        .order_by("budget__body__slug", "stage", "direction", "quarter", "pk")
        .values_list(*PLATFORM_EXPORT_FIELDS)
        .iterator(chunk_size=2000)
    )
