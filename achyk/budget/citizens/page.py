"""A Citizens' Budget as residents read it: each section's text in the reader's language and
the figures that go with it, read from the budget of the same year (never typed). The public
page and the PDF (`pdf.render`) both show a `CitizensView`.
"""

from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _

from achyk.ui import charts

from .. import selectors
from ..formatting import money, share
from ..models import Budget, Direction, StageName
from ..public.overview import (
    QUARTERS,
    TOP_CATEGORIES,
    expenditure_by_category,
    revenue_by_category,
)
from ..selectors import plan_stage
from .models import CitizensBudget, CitizensStage, Section


@dataclass
class SectionView:
    key: str
    title: str
    paragraphs: list[str]
    rows: list[tuple[str, str]]
    chart: object = None


@dataclass
class CitizensView:
    """A Citizens' Budget in one language, as the page and the PDF show it."""

    citizens: CitizensBudget
    language: str
    title: str
    subtitle: str
    body_name: str
    sections: list[SectionView]
    url: str
    footer: str
    has_figures: bool


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs at blank lines; single line breaks are kept as
    spaces."""
    blocks = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def citizens_view(citizens: CitizensBudget, *, language: str, url: str) -> CitizensView:
    """Text in `language` and the figures of the budget of the same year (active language)."""
    body = citizens.body
    budget = selectors.public_budget(body, citizens.year)
    figures = _Figures(budget) if budget is not None else None
    sections = []
    for key, label in Section.choices:
        text = paragraphs(citizens.text(key, language))
        rows = _rows_of(key, body, figures)
        if text or rows:
            sections.append(SectionView(key, str(label), text, rows))
    stage = CitizensStage(citizens.stage).label
    title = _("Citizens' Budget %(year)s") % {"year": citizens.year}
    footer = _("Published on %(url)s. Figures from the budget data of the body.") % {"url": url}
    return CitizensView(
        citizens=citizens, language=language, title=title, subtitle=str(stage),
        body_name=body.translated("name", language), sections=sections, url=url,
        footer=footer, has_figures=figures is not None,
    )  # fmt: skip


class _Figures:
    """The figures a Citizens' Budget quotes, read once from the budget."""

    def __init__(self, budget: Budget):
        self.budget = budget
        self.sums = selectors.LineSums(budget)
        self.totals = self.sums.totals()
        self.plan = plan_stage(self.totals)

    def money(self, amount) -> str:
        return money(amount, self.budget.currency)

    def pair(self, stage: str) -> list[tuple[str, str]]:
        amounts = self.totals.get(stage)
        if not amounts:
            return []
        return [
            (_("Revenue"), self.money(amounts.get(Direction.REVENUE))),
            (_("Expenditure"), self.money(amounts.get(Direction.EXPENDITURE))),
        ]


def _rows_of(key: str, body, figures: _Figures | None) -> list[tuple[str, str]]:
    if key == Section.CONTACTS:
        return _contacts(body)
    if figures is None:
        return []
    builders = {
        Section.GENERAL: _general, Section.PRIORITIES: _priorities,
        Section.EXECUTION: _execution, Section.DRAFT: _draft, Section.APPROVED: _approved,
        Section.INVESTMENTS: _investments,
    }  # fmt: skip
    return builders[key](body, figures)


def _contacts(body) -> list[tuple[str, str]]:
    rows = [
        (_("Head"), body.head_name), (_("Address"), body.translated("address")),
        (_("Phone"), body.phone), (_("E-mail"), body.email),
        (_("Working hours"), body.translated("hours")),
    ]  # fmt: skip
    return [(label, value) for label, value in rows if value]


def _general(body, figures: _Figures) -> list[tuple[str, str]]:
    rows = []
    if body.population:
        rows.append((_("Population"), charts.format_number(body.population)))
    stage = figures.plan or StageName.DRAFT
    amounts = figures.totals.get(stage, {})
    expenditure = amounts.get(Direction.EXPENDITURE)
    rows += [(f"{label} ({StageName(stage).label.lower()})", value)
             for label, value in figures.pair(stage)]  # fmt: skip
    if body.population and expenditure is not None:
        rows.append((_("Expenditure per resident"), figures.money(expenditure / body.population)))
    return rows


def _priorities(body, figures: _Figures) -> list[tuple[str, str]]:
    stage = figures.plan or (StageName.DRAFT if StageName.DRAFT in figures.totals else None)
    if stage is None:
        return []
    top = expenditure_by_category(figures.budget, stage=stage, sums=figures.sums)
    top = top[:TOP_CATEGORIES]
    return [(name, figures.money(amount)) for name, amount in top]


def _execution(body, figures: _Figures) -> list[tuple[str, str]]:
    executed = figures.totals.get(StageName.EXECUTED)
    if not executed:
        return []
    plan = figures.totals.get(figures.plan, {}) if figures.plan else {}
    quarter = figures.sums.last_quarter()
    rows = [(_("Reported up to"), _("quarter %(n)s") % {"n": QUARTERS[quarter - 1]})]
    for direction, label in ((Direction.REVENUE, _("Revenue received")),
                             (Direction.EXPENDITURE, _("Expenditure made"))):  # fmt: skip
        amount = executed.get(direction)
        rows.append((label, f"{figures.money(amount)} ({share(amount, plan.get(direction))})"))
    return rows


def _draft(body, figures: _Figures) -> list[tuple[str, str]]:
    return figures.pair(StageName.DRAFT)


def _approved(body, figures: _Figures) -> list[tuple[str, str]]:
    if figures.plan is None:
        return []
    rows = figures.pair(figures.plan)
    budget = figures.budget
    if budget.approved_on:
        rows.append((_("Approved on"), budget.approved_on.strftime("%d.%m.%Y")))
    revenue = revenue_by_category(budget, stage=figures.plan, sums=figures.sums)
    for name, amount in revenue[:TOP_CATEGORIES]:
        rows.append((name, figures.money(amount)))
    return rows


def _investments(body, figures: _Figures) -> list[tuple[str, str]]:
    stage = figures.plan or StageName.DRAFT
    lines = list(selectors.investments(figures.budget, stage=stage)[:TOP_CATEGORIES])
    rows = [
        (" · ".join(part for part in (line.description, line.source) if part) or "—",
         figures.money(line.amount))
        for line in lines
    ]  # fmt: skip
    if rows:
        total = selectors.investments(figures.budget, stage=stage).aggregate(s=Sum("amount"))["s"]
        rows.append((_("Total extra-budgetary investments"), figures.money(total)))
    return rows
