"""Public budget pages of a body: /<slug>/<lang>/budget/...

- `budget/`: the years published and an overview of the latest;
- `budget/<year>/`: revenue and expenditure by category, plan against execution by quarter,
  the years before, per resident.

The Citizens' Budget's pages are in `citizens.views`, the hearings' in `hearings.views`.
Plain views: they read `request.site_body` and answer 404 on the platform's own site (a
budget is always some body's) and for anything unpublished.
"""

from django.http import Http404
from django.shortcuts import render

from .. import selectors
from ..citizens.selectors import citizens_budgets
from ..hearings.selectors import published_hearings
from .overview import overview


def site_body(request):
    """The body whose site is asked for; 404 on the platform's own site."""
    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    return body


def index(request):
    """The years of the body's budget, with the latest year's overview."""
    body = site_body(request)
    years = selectors.published_years(body)
    latest = selectors.public_budget(body, years[0]) if years else None
    context = {
        "body": body, "years": years,
        "overview": overview(latest, with_charts=False) if latest else None,
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
    context = {
        "body": body, "budget": budget, "overview": overview(budget),
        "years": selectors.published_years(body),
        "citizens_budgets": list(citizens_budgets(body, year=year)),
        "hearings": list(published_hearings(body, year=year)),
        "investments": list(selectors.investments(budget)[:20]),
    }  # fmt: skip
    return render(request, "budget/public/year.html", context)
