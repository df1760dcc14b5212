"""Public budget pages of a body: /<slug>/<lang>/budget/...

- `budget/`: the years published and an overview of the latest;
- `budget/<year>/`: revenue and expenditure by category, plan against execution by quarter,
  the years before, per resident;
- `budget/<year>/citizens/<stage>/` and `.../pdf/`: the Citizens' Budget, and its print;
- `budget/hearings/` and `budget/hearings/<pk>/`: hearings, their minutes and proposals.

Plain views: they read `request.site_body` and answer 404 on the platform's own site (a
budget is always some body's) and for anything unpublished.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from . import citizens_view, pdf, public, selectors
from .citizens import CitizensBudget, CitizensStage


def _body(request):
    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    return body


def index(request):
    """The years of the body's budget, with the latest year's overview."""
    body = _body(request)
    years = selectors.published_years(body)
    latest = selectors.public_budget(body, years[0]) if years else None
    context = {
        "body": body, "years": years,
        "overview": public.overview(latest, with_charts=False) if latest else None,
        "citizens_budgets": list(public.citizens_budgets(body).select_related("body")),
        "hearings": list(public.hearings(body)[:5]),
    }  # fmt: skip
    return render(request, "budget/public/index.html", context)


def year(request, year: int):
    """A year of the body's budget with its charts, each with a table of its numbers."""
    body = _body(request)
    budget = selectors.public_budget(body, year)
    if budget is None:
        raise Http404
    context = {
        "body": body, "budget": budget, "overview": public.overview(budget),
        "years": selectors.published_years(body),
        "citizens_budgets": list(public.citizens_budgets(body, year=year)),
        "hearings": list(public.hearings(body, year=year)),
        "investments": list(selectors.investments(budget)[:20]),
    }  # fmt: skip
    return render(request, "budget/public/year.html", context)


def _citizens(request, year: int, stage: str) -> CitizensBudget:
    body = _body(request)
    if stage not in CitizensStage.values:
        raise Http404
    citizens = (
        CitizensBudget.objects.published()
        .filter(body=body, year=year, stage=stage)
        .select_related("body")
        .first()
    )
    if citizens is None:
        raise Http404
    return citizens


def citizens(request, year: int, stage: str):
    """The Citizens' Budget of a year and stage in the language of the address."""
    item = _citizens(request, year, stage)
    url = request.build_absolute_uri()
    view = citizens_view.citizens_view(item, language=get_language(), url=url)
    context = {
        "body": item.body, "citizens": item, "view": view,
        "pdf_url": reverse("budget_citizens_pdf", args=[year, stage]),
        "others": list(public.citizens_budgets(item.body).exclude(pk=item.pk)),
    }  # fmt: skip
    return render(request, "budget/public/citizens.html", context)


def citizens_pdf(request, year: int, stage: str):
    """The Citizens' Budget as a printable PDF of one or two A4 pages."""
    item = _citizens(request, year, stage)
    language = get_language()
    page_url = request.build_absolute_uri(reverse("budget_citizens", args=[year, stage]))
    document = pdf.render(citizens_view.citizens_view(item, language=language, url=page_url))
    response = HttpResponse(document, content_type="application/pdf")
    name = f"citizens-budget-{item.body.slug}-{year}-{stage}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def hearings(request):
    """The body's budget hearings: announcements, minutes, proposals and decisions."""
    body = _body(request)
    items = list(public.hearings(body).prefetch_related("proposals"))
    return render(request, "budget/public/hearings.html", {"body": body, "hearings": items})


def hearing(request, pk: int):
    body = _body(request)
    item = public.hearings(body).prefetch_related("proposals").filter(pk=pk).first() if pk else None
    if item is None:
        raise Http404
    context = {"body": body, "hearing": item}
    return render(request, "budget/public/hearing.html", context)
