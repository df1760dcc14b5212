"""Public budget pages of a body: /<slug>/<lang>/budget/...

- `budget/`: the budget of the current year (plan against execution, its charts, its open
  data), the years published, and next year's budget (the draft, usually) linked beside;
- `budget/<year>/`: revenue and expenditure by category, plan against execution by quarter,
  the years before, per resident.

The Citizens' Budget's pages are in `citizens.views`, the hearings' in `hearings.views`.
Plain views: they read `request.site_body` and answer 404 on the platform's own site (a
budget is always some body's) and for anything unpublished.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation

from .. import selectors
from ..citizens.selectors import citizens_budgets
from ..hearings.selectors import published_hearings
from ..models import StageName
from ..references import what_lines_fund
from .overview import overview


def site_body(request):
    """The body whose site is asked for; 404 on the platform's own site."""
    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    return body


def index(request):
    """The current year's budget in full (as its year page shows it), the years published,
    and the years after it (next year's draft) linked with the stage they have reached."""
    body = site_body(request)
    years = selectors.published_years(body)
    shown = selectors.current_year(years, today_year=timezone.localdate().year)
    budget = selectors.public_budget(body, shown) if shown else None
    later = [year for year in years if shown and year > shown]
    sums = selectors.LineSums(budget) if budget else None
    context = {
        "body": body, "years": years, "budget": budget,
        "overview": overview(budget, sums=sums) if budget else None,
        "investments": list(selectors.investments(budget)[:20]) if budget else [],
        "funded": what_lines_fund(budget, translation.get_language(), sums) if budget else [],
        "later": [
            (year, StageName(stage).label)
            for year, stage in selectors.plan_stages_by_year(body, later).items()
        ] if later else [],
        "citizens_budgets": list(citizens_budgets(body).select_related("body")),
        "hearings": list(published_hearings(body)[:5]),
    }  # fmt: skip
    return render(request, "budget/public/index.html", context)


def year(request, year: int):
    """A year of the body's budget with its charts, each with a table of its numbers."""
    body = site_body(request)
    budget = selectors.public_budget(body, year)
    if budget is None:
        raise Http404
    sums = selectors.LineSums(budget)  # every figure of the page is added up from them
    context = {
        "body": body, "budget": budget, "overview": overview(budget, sums=sums),
        "years": selectors.published_years(body),
        "citizens_budgets": list(citizens_budgets(body, year=year)),
        "hearings": list(published_hearings(body, year=year)),
        "investments": list(selectors.investments(budget)[:20]),
        "funded": what_lines_fund(budget, translation.get_language(), sums),
    }  # fmt: skip
    return render(request, "budget/public/year.html", context)
