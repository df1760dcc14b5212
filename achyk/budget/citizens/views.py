"""The public Citizens' Budget of a body: /<slug>/<lang>/budget/<year>/citizens/<stage>/ and
its print, `.../pdf/`. 404 for anything unpublished and on the platform's own site."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from ..public.views import site_body
from . import pdf
from .models import CitizensBudget, CitizensStage
from .page import citizens_view
from .selectors import citizens_budgets


def _citizens(request, year: int, stage: str) -> CitizensBudget:
    body = site_body(request)
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
    view = citizens_view(item, language=get_language(), url=url)
    context = {
        "body": item.body, "citizens": item, "view": view,
        "pdf_url": reverse("budget_citizens_pdf", args=[year, stage]),
        "others": list(citizens_budgets(item.body).exclude(pk=item.pk)),
    }  # fmt: skip
    return render(request, "budget/public/citizens.html", context)


def citizens_pdf(request, year: int, stage: str):
    """The Citizens' Budget as a printable PDF of one or two A4 pages."""
    item = _citizens(request, year, stage)
    language = get_language()
    page_url = request.build_absolute_uri(reverse("budget_citizens", args=[year, stage]))
    document = pdf.render(citizens_view(item, language=language, url=page_url))
    response = HttpResponse(document, content_type="application/pdf")
    name = f"citizens-budget-{item.body.slug}-{year}-{stage}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
