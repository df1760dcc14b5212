"""Participation statistics for readers: /<slug>/<lang>/participation/statistics/[?year=]
(the body's), and on the platform's own site /<lang>/participation/statistics/ (body against
body, for supervisors and anyone). Small counts are suppressed (`tables.SMALL`)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from achyk.bodies.models import Body
from achyk.ui.charts import Series, bar_chart

from . import tables


def _year(request, choices: list[int]) -> int:
    value = request.GET.get("year", "")
    return (
        int(value) if value.isascii() and value.isdigit() and int(value) in choices else choices[0]
    )


def statistics(request):
    body = getattr(request, "site_body", None)
    if body is None:
        return _platform(request)
    choices = tables.years(body)
    year = _year(request, choices)
    data = tables.for_body(body, year)
    rows = [row for row in data["activity"] if row.women is not None or row.men is not None]
    chart = (
        bar_chart(
            _("Participants by activity, %(year)s") % {"year": year},
            [row.label for row in rows],
            [
                Series(_("Women"), [row.women for row in rows]),
                Series(_("Men"), [row.men for row in rows]),
            ],
        )
        if rows
        else None
    )
    context = {
        "body": body,
        "year": year,
        "years": choices,
        "chart": chart,
        "small": tables.SMALL,
        **data,
    }
    return render(request, "participation/statistics.html", context)


def _platform(request):
    this_year = timezone.localdate().year
    choices = list(range(this_year, this_year - 5, -1))
    year = _year(request, choices)
    bodies = list(Body.objects.active().order_by("slug"))
    rows = tables.compare(bodies, year)
    chart = (
        bar_chart(
            _("Participants by body, %(year)s") % {"year": year},
            [row.label for _body, row in rows],
            [
                Series(_("Women"), [row.women for _body, row in rows]),
                Series(_("Men"), [row.men for _body, row in rows]),
            ],
        )
        if rows
        else None
    )
    context = {"year": year, "years": choices, "rows": rows, "chart": chart, "small": tables.SMALL}
    return render(request, "participation/statistics_platform.html", context)
