"""Budget open data views (thin: `ui.exports` and `fdp` write, `selectors` read).

Per body (`request.site_body`, set by the body's address prefix): a year's lines as CSV and
JSON (CSV with a BOM for Excel and formula-like text quoted; amounts exact, as text in JSON),
and its Fiscal Data Package. Platform-wide: one year of every active body as CSV. All are
public: they carry what the bodies' budget pages publish. They stream, so memory stays flat
however many lines a year holds.
"""

import json

from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from achyk.ui import exports

from .. import selectors
from ..models import Budget
from ..selectors import EXPORT_COLUMNS, PLATFORM_EXPORT_COLUMNS
from . import fdp


def _budget(request, year: int) -> Budget:
    body = getattr(request, "site_body", None)
    budget = selectors.public_budget(body, year) if body is not None else None
    if budget is None:
        raise Http404
    return budget


def _open(response):
    """Open data: any site's script may read it."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def data_csv(request, year: int):
    budget = _budget(request, year)
    rows = selectors.export_rows(year=year, body=budget.body)
    name = f"{budget.body.slug}-budget-{year}.csv"
    return _open(exports.csv_response(EXPORT_COLUMNS, rows, filename=name, inline=True))


@require_GET
def data_json(request, year: int):
    budget = _budget(request, year)
    header = {
        "body": budget.body.slug, "year": year, "currency": budget.currency,
        "approved_by": str(budget.approved_by) if budget.approved_by_id else None,
        "approved_on": budget.approved_on.isoformat() if budget.approved_on else None,
    }  # fmt: skip
    rows = selectors.export_rows(year=year, body=budget.body)
    records = (dict(zip(EXPORT_COLUMNS, row, strict=True)) for row in rows)
    name = f"{budget.body.slug}-budget-{year}.json"
    response = exports.json_response(
        records, filename=name, header=header, key="lines", inline=True
    )
    return _open(response)


@require_GET
def datapackage_json(request, year: int):
    budget = _budget(request, year)
    home = request.build_absolute_uri(
        budget.body.public_url(get_language(), "budget_year", year=year)
    )
    descriptor = fdp.datapackage(budget, homepage=home)
    response = HttpResponse(
        json.dumps(descriptor, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return _open(response)


@require_GET
def fdp_csv(request, year: int):
    budget = _budget(request, year)
    header, rows = fdp.FDP_DIMENSIONS + fdp.MEASURES, fdp.fdp_rows(budget)
    response = exports.csv_response(header, rows, filename=fdp.FDP_RESOURCE, bom=False,
                                    inline=True)  # fmt: skip
    return _open(response)


@require_GET
def platform_export(request, year: int):
    """Every active body's lines of `year`, one CSV (platform site only)."""
    if getattr(request, "site_body", None) is not None:
        raise Http404
    rows = selectors.platform_export_rows(year=year)
    response = exports.csv_response(
        PLATFORM_EXPORT_COLUMNS, rows, filename=f"budget-{year}.csv", inline=True
    )
    return _open(response)
