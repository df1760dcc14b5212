"""The platform-wide rating, `/<language>/transparency/rating/`, and what supervisors use.

The rating and the statistics by duty are public: every body's figures are already public
on its own transparency page, and a published rating is what makes them comparable. The
hearing list (bodies to be called to account) and the exports are for supervisors and
platform admins. Sorting, filtering and paging are plain links and a GET form: no script.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from achyk.bodies.roles import sees_all_bodies
from achyk.ui import charts, exports

from ..models import Status
from . import selectors

PER_PAGE = 50
#: Rows of an export whose measures are read at once.
EXPORT_CHUNK = 500
DEFAULT_THRESHOLD = Decimal(50)
LANGUAGE_NAMES = dict(settings.LANGUAGES)
COLUMNS = [
    ("index", gettext_lazy("Index")), ("fill", gettext_lazy("Fill")),
    ("relevance", gettext_lazy("Relevance")), ("change", gettext_lazy("Change in a month")),
]  # fmt: skip


class FilterForm(forms.Form):
    territory = forms.ModelChoiceField(
        label=gettext_lazy("Territory"), queryset=selectors.territories(), required=False,
        empty_label=gettext_lazy("All"),
    )  # fmt: skip
    kind = forms.ChoiceField(label=gettext_lazy("Kind of body"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + selectors.kinds()
        self.fields["language"].choices = [("", _("All"))] + list(settings.LANGUAGES)

    def filters(self) -> selectors.Filters:
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sort") or selectors.DEFAULT_SORT
        measures = {kind.key for kind in selectors.measure_kinds()}
        if sort.lstrip("-") not in selectors.SORTS and sort.lstrip("-") not in measures:
            sort = selectors.DEFAULT_SORT
        return selectors.Filters(
            data.get("territory"), data.get("kind", ""), data.get("language", ""), sort
        )


def _query(request, **changes) -> str:
    """The current query string with some parameters changed (and the page reset)."""
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params[name] = value
    return params.urlencode()


def _sort_links(request, filters: selectors.Filters, columns) -> list[dict]:
    """A link per column that sorts by it (descending first, then the other way)."""
    links = []
    for key, label in columns:
        current = filters.sort_key == key
        target = key if current and filters.descending else f"-{key}"
        links.append({
            "key": key, "label": label, "url": "?" + _query(request, sort=target),
            "current": current,
            "aria": ("descending" if filters.descending else "ascending") if current else "none",
        })  # fmt: skip
    return links


def _columns(filters: selectors.Filters, kinds):
    columns = list(COLUMNS)
    if filters.language:
        name = LANGUAGE_NAMES.get(filters.language, filters.language)
        columns.insert(3, ("language", _("Complete in %(language)s") % {"language": name}))
    return columns + [(kind.key, kind.label) for kind in kinds]


def rating_page(request):
    """Every active body by its figures, filtered and sorted, 50 to a page, with the trend
    and the measures of other apps (answer times) in columns after the scores."""
    form = FilterForm(request.GET or None)
    filters = form.filters()
    kinds = selectors.measure_kinds()
    rows = selectors.rating(filters)
    if filters.sort_key in {kind.key for kind in kinds}:
        rows, measures = selectors.by_measure(rows, filters)
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    else:
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        measures = selectors.measures(page.object_list)
    for row in page.object_list:
        row.measures = [measures.get(row.body_id, {}).get(kind.key) for kind in kinds]
    columns = _columns(filters, kinds)
    context = {
        "form": form, "filters": filters, "page": page, "columns": columns, "kinds": kinds,
        "sort_links": _sort_links(request, filters, [("name", _("Body")), *columns]),
        "trend": _trend_chart(filters), "may_supervise": sees_all_bodies(request.user),
        "query": _query(request), "page_query": _query(request) + "&" if request.GET else "",
    }  # fmt: skip
    return render(request, "transparency/rating.html", context)


def _trend_chart(filters) -> charts.Chart | None:
    points = selectors.trend(filters)
    if not points:
        return None
    return charts.line_chart(
        _("Mean transparency index by month"), [f"{month:%Y-%m}" for month, _mean in points],
        [charts.Series(_("Mean index"), [mean for _month, mean in points])],
        unit="%", decimals=1, max_value=100, category_header=_("Month"),
    )  # fmt: skip


def duty_statistics_page(request):
    """Which duties are most often missing, over the chosen bodies."""
    form = FilterForm(request.GET or None)
    filters = form.filters()
    stats = selectors.duty_statistics(filters)
    chart = None
    if stats:
        top = stats[:15]
        chart = charts.bar_chart(
            _("Share of missing publications, by duty"), [s.duty.title for s in top],
            [s.missing_share for s in top], unit="%", decimals=1, max_value=100,
            category_header=_("Duty"),
        )  # fmt: skip
    statuses = [(s, label) for s, label in Status.choices]
    rows = [{"stat": s, "shares": [s.share(status) for status, _label in statuses]} for s in stats]
    context = {"form": form, "rows": rows, "chart": chart, "statuses": statuses}
    return render(request, "transparency/duty_statistics.html", context)


def _supervisor(request):
    """None for supervisors and platform admins; else a sign-in redirect or 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("jmeg_login"))
    if not sees_all_bodies(request.user):
        raise PermissionDenied
    return None


def _threshold(request) -> tuple[Decimal, str]:
    raw = request.GET.get("threshold", "").strip().replace(",", ".")
    if not raw:
        return DEFAULT_THRESHOLD, ""
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return DEFAULT_THRESHOLD, _("Enter a number from 0 to 100.")
    if not value.is_finite() or not 0 <= value <= 100:
        return DEFAULT_THRESHOLD, _("Enter a number from 0 to 100.")
    return value, ""


def hearing_page(request):
    """Bodies under the threshold (50 by default), weakest first: for supervisors."""
    refusal = _supervisor(request)
    if refusal:
        return refusal
    form = FilterForm(request.GET or None)
    threshold, error = _threshold(request)
    rows = selectors.hearing_list(form.filters(), threshold)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form, "page": page, "threshold": threshold, "threshold_error": error,
        "query": _query(request), "page_query": _query(request) + "&" if request.GET else "",
    }  # fmt: skip
    return render(request, "transparency/hearing.html", context, status=400 if error else 200)


def export(request, fmt: str):
    """The rating (or, with `threshold`, the hearing list) as CSV, XLSX or JSON, with the
    measures of other apps: for supervisors."""
    refusal = _supervisor(request)
    if refusal:
        return refusal
    filters = FilterForm(request.GET or None).filters()
    if request.GET.get("threshold"):
        threshold, _error = _threshold(request)
        rows = selectors.hearing_list(filters, threshold)
    else:
        rows = selectors.rating(filters)
    kinds = selectors.measure_kinds()
    records = _records(_measured(rows, filters, kinds), kinds)
    name = f"transparency-rating-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "xlsx":
        return exports.xlsx_response(_header(kinds), records, filename=name, title=_("Rating"))
    if fmt == "json":
        fields = _fields(kinds)
        return exports.json_response(
            (dict(zip(fields, record, strict=True)) for record in records), filename=name,
            header={"computed": timezone.now().isoformat(), "fields": dict(
                zip(fields, [str(label) for label in _header(kinds)], strict=True))},
            key="bodies",
        )  # fmt: skip
    return exports.csv_response(_header(kinds), records, filename=name)


def _measured(rows, filters: selectors.Filters, kinds):
    """(row, {key: Figure}) of every row in the rating's order: the measures read for 500
    bodies at a time, or for all at once when the rating is sorted by one of them."""
    if filters.sort_key in {kind.key for kind in kinds}:
        ordered, found = selectors.by_measure(rows, filters)
        for row in ordered:
            yield row, found.get(row.body_id, {})
        return
    chunk = []
    for row in rows.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(row)
        if len(chunk) == EXPORT_CHUNK:
            yield from _with_measures(chunk)
            chunk = []
    yield from _with_measures(chunk)


def _with_measures(rows):
    found = selectors.measures(rows) if rows else {}
    for row in rows:
        yield row, found.get(row.body_id, {})


def _header(kinds) -> list[str]:
    languages = [LANGUAGE_NAMES[code] for code, _name in settings.LANGUAGES]
    return [
        _("Place"), _("Body"), _("Address name"), _("Territory"), _("Kind of body"),
        _("Country"), _("Index"), _("Fill"), _("Relevance"),
        *[_("Complete in %(language)s") % {"language": name} for name in languages],
        _("Index a month before"), _("Change in a month"), _("Duties"), _("Computed"),
        *[str(kind.label) for kind in kinds],
    ]  # fmt: skip


def _fields(kinds) -> list[str]:
    """The JSON export's keys, in the header's order: plain names, not the reader's words."""
    return [
        "place", "body", "slug", "territory", "kind", "country", "index", "fill", "relevance",
        *[f"complete_{code}" for code, _name in settings.LANGUAGES],
        "previous_index", "change", "duties", "computed", *[kind.key for kind in kinds],
    ]  # fmt: skip


def _records(measured, kinds):
    """One list of values per body; numbers stay Decimal, empty cells None."""
    codes = [code for code, _name in settings.LANGUAGES]
    for place, (row, found) in enumerate(measured, 1):
        body = row.body
        yield [
            place, body.name, body.slug, body.territory.name, body.get_kind_display(),
            body.get_country_display(), row.index, row.fill, row.relevance,
            *[_decimal(row.languages.get(code)) for code in codes],
            row.previous_index, row.change, row.duties,
            timezone.localtime(row.as_of).strftime("%Y-%m-%d %H:%M"),
            *[_measure(found.get(kind.key)) for kind in kinds],
        ]  # fmt: skip


def _measure(figure):
    """A measure to one decimal, as the page shows it; None where the body has none."""
    if figure is None or figure.value is None:
        return None
    return Decimal(str(figure.value)).quantize(Decimal("0.1"))


def _decimal(value):
    return None if value in (None, "") else Decimal(str(value))
