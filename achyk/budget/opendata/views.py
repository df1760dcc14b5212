"""Budget open data views (thin: `opendata` writes, `selectors` read).

Per body (`request.site_body`, set by the body's address prefix): a year's lines as CSV and
JSON, and its Fiscal Data Package. Platform-wide: one year of every active body as CSV. All
are public: they carry what the bodies' budget pages publish. They stream, so memory stays
flat however many lines a year holds.
"""

import json

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .. import selectors
from ..models import Budget
from ..selectors import PLATFORM_EXPORT_COLUMNS
from . import formats


def _budget(request, year: int) -> Budget:
    body = getattr(request, "site_body", None)
    budget = selectors.public_budget(body, year) if body is not None else None
    if budget is None:
        raise Http404
    return budget


def _attachment(response, name: str):
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def data_csv(request, year: int):
    budget = _budget(request, year)
    rows = selectors.export_rows(year=year, body=budget.body)
    response = StreamingHttpResponse(
        formats.csv_lines(rows), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, f"{budget.body.slug}-budget-{year}.csv")


@require_GET
def data_json(request, year: int):
    budget = _budget(request, year)
    header = {
        "body": budget.body.slug, "year": year, "currency": budget.currency,
        "approved_by": str(budget.approved_by) if budget.approved_by_id else None,
        "approved_on": budget.approved_on.isoformat() if budget.approved_on else None,
    }  # fmt: skip
    rows = selectors.export_rows(year=year, body=budget.body)
    response = StreamingHttpResponse(
        formats.json_chunks(header, rows), content_type="application/json"
    )
    return _attachment(response, f"{budget.body.slug}-budget-{year}.json")


@require_GET
def datapackage_json(request, year: int):
    budget = _budget(request, year)
    folder = reverse("budget_data_csv", args=[year]).removesuffix("data.csv")
    home = request.build_absolute_uri(f"/{budget.body.slug}{folder}")
    descriptor = formats.datapackage(budget, homepage=home)
    response = HttpResponse(
        json.dumps(descriptor, ensure_ascii=False, indent=2), content_type="application/json"
    )
    return _attachment(response, "datapackage.json")


@require_GET
def fdp_csv(request, year: int):
    budget = _budget(request, year)
    response = StreamingHttpResponse(
        formats.fdp_csv_lines(budget), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, formats.FDP_RESOURCE)


@require_GET
def platform_export(request, year: int):
    """Every active body's lines of `year`, one CSV (platform site only)."""
    if getattr(request, "site_body", None) is not None:
        raise Http404
    rows = selectors.platform_export_rows(year=year)
    lines = formats.csv_lines(rows, PLATFORM_EXPORT_COLUMNS)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    return _attachment(response, f"budget-{year}.csv")
