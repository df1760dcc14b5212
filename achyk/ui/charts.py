"""Charts: server-side SVG with a table of the same data, the platform's one chart helper.

A view builds a `Chart` (what to draw: categories, one or more series of numbers) and a
template renders it with `{% load achyk_charts %}{% chart spec %}`: a `<figure>` holding an
SVG image (role="img", `<title>`, `<desc>`) and a `<table>` of the same numbers with the same
caption, so a screen reader, a text browser and a phone without JavaScript all get the data.

Kinds: "bar" (horizontal bars, long labels such as budget lines or duties), "column"
(vertical bars, e.g. plan against execution per quarter) and "line" (trends over months).
Several series make grouped bars or several lines. Values are Decimal, int, float or None
(no data: no bar, a gap in the line, a dash in the table); numbers are written for the
active language by Django's `number_format` and never pass through float on their way to
the reader (only coordinates do).

Colours come from the stylesheet (`.chart .s1` ... in ui/achyk.css, through CSS variables),
and text uses currentColor, so the visually-impaired mode's contrast schemes apply; lines
also differ by dash and bars by outline, not by colour alone. No fonts, no scripts.
"""

from __future__ import annotations

import functools
import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext

Number = Decimal | int | float
KINDS = ("bar", "column", "line")
MAX_SERIES = 6  # the stylesheet has six series styles

WIDTH = 640
FONT = 13
LABEL_CHARS = 26
CHAR_WIDTH = 7.5  # an average glyph at FONT, to keep labels along the bottom apart
WIDE_CHAR = 8.5  # a wide glyph at FONT (Cyrillic capitals, digits), where text must not be cut


@dataclass(frozen=True)
class Series:
    """One row of numbers, one per category (None where there is no data)."""

    label: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class Chart:
    """What to draw.

    - `kind`: "bar" (horizontal), "column" (vertical) or "line".
    - `title`: the figure's caption, the SVG's `<title>` and the table's `<caption>`.
    - `categories`: labels along the category axis (bodies, budget lines, months, ...).
    - `series`: one or more `Series`, each with one value per category.
    - `description`: the SVG's `<desc>`; a summary of the data is written when empty.
    - `unit`: written after each number ("%", "сом"); `decimals`: digits after the point.
    - `max_value`: a fixed top of the scale (100 for percentages); otherwise from the data.
    - `category_header`: the heading of the table's first column.
    - `html_id`: the figure's id; derived from the content when empty.
    """

    kind: str
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    description: str = ""
    unit: str = ""
    decimals: int = 0
    max_value: Number | None = None
    category_header: str = ""
    html_id: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown chart kind {self.kind!r}; one of {KINDS}.")
        if not 1 <= len(self.series) <= MAX_SERIES:
            raise ValueError(f"A chart has 1 to {MAX_SERIES} series.")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(f"Series {series.label!r}: one value per category is needed.")


def bar_chart(title, categories, series, **options) -> Chart:
    """Horizontal bars; `series` is a Series, a list of them, or a plain list of numbers."""
    return Chart("bar", title, list(categories), _as_series(series), **options)


def column_chart(title, categories, series, **options) -> Chart:
    """Vertical bars (grouped when several series: plan against execution, ...)."""
    return Chart("column", title, list(categories), _as_series(series), **options)


def line_chart(title, categories, series, **options) -> Chart:
    """Lines over ordered categories (months, years): trends."""
    return Chart("line", title, list(categories), _as_series(series), **options)


def _as_series(series) -> list[Series]:
    if isinstance(series, Series):
        return [series]
    series = list(series)
    if series and all(isinstance(item, Series) for item in series):
        return series
    return [Series("", series)]


def format_number(value, decimals: int = 0, unit: str = "") -> str:
    """A number as the active language writes it ("1 234,5" in Russian), with its unit."""
    number = _decimal(value)
    if number is None:
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum)
    if number == 0:
        number = abs(number)  # never "-0"
    return _written(number, decimals, str(unit), translation.get_language())


@functools.lru_cache(maxsize=4096)
def _written(number: Decimal, decimals: int, unit: str, language: str | None) -> str:
    """`number` (rounded to `decimals`) as `language`, the active one, writes it: a chart
    writes each of its values several times (its bars, their labels, its table)."""
    text = formats.number_format(number, decimals, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0{unit}" if unit else text


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


#: How many figures each process keeps written (`render`): a page's figures are the same for
#: every reader until its data change, and a figure is some 2-20 KB of HTML.
FIGURES_KEPT = 256
#: A figure this long or longer is written for each render instead (a chart of every body).
FIGURE_KEPT_BELOW = 64 * 1024
_figures: OrderedDict[tuple, SafeString] = OrderedDict()
_figures_lock = threading.Lock()


def render(chart: Chart) -> SafeString:
    """The figure's HTML: SVG and table. The HTML is a function of the chart's content and
    the active language alone, so each process keeps the last FIGURES_KEPT figures it wrote
    and writes a figure again only for content or a language it has not kept."""
    key = figure_key(chart)
    with _figures_lock:
        html = _figures.get(key)
        if html is not None:
            _figures.move_to_end(key)
            return html
    html = render_to_string("ui/includes/chart.html", context(chart))
    if len(html) < FIGURE_KEPT_BELOW:
        with _figures_lock:
            _figures[key] = html
            while len(_figures) > FIGURES_KEPT:
                _figures.popitem(last=False)
    return html


def figure_key(chart: Chart) -> tuple:
    """Everything a figure's HTML is written from: each text as the active language writes it
    (and whether it is already HTML), each number as written, and the language."""

    def text(value) -> tuple[str, bool]:
        return str(value), isinstance(value, SafeData)

    return (
        translation.get_language(), chart.kind, text(chart.title),
        tuple(text(category) for category in chart.categories),
        tuple((text(s.label), tuple(map(repr, s.values))) for s in chart.series),
        text(chart.description), text(chart.unit), chart.decimals, repr(chart.max_value),
        text(chart.category_header), chart.html_id,
    )  # fmt: skip


def context(chart: Chart) -> dict:
    """Everything the template needs: geometry (in SVG units), labels and the table."""
    html_id = chart.html_id or _auto_id(chart)
    scale = _Scale.of(chart)
    draw = {"bar": _bars, "column": _columns, "line": _lines}[chart.kind](chart, scale)
    return {
        "chart": chart,
        "id": html_id,
        "description": chart.description or summary(chart),
        "legend": [
            {"label": s.label, "css": f"s{i}"} for i, s in enumerate(chart.series, 1) if s.label
        ]
        if len(chart.series) > 1
        else [],
        "table": _table(chart),
        "category_header": chart.category_header or gettext("Item"),
        "drawing": DRAWINGS[chart.kind](draw),
        **draw,
    }


def _auto_id(chart: Chart) -> str:
    digest = hashlib.sha1(  # noqa: S324 (an id, not a secret)
        repr(
            (
                chart.kind,
                str(chart.title),
                [str(c) for c in chart.categories],
                [(str(s.label), [str(v) for v in s.values]) for s in chart.series],
            )
        ).encode()  # fmt: skip
    ).hexdigest()
    return f"chart-{digest[:10]}"


def summary(chart: Chart) -> str:
    """A sentence per series for the SVG's `<desc>`: the extremes, or the first and last."""
    sentences = []
    for series in chart.series:
        pairs = [
            (c, v)
            for c, v in zip(chart.categories, series.values, strict=True)
            if _decimal(v) is not None
        ]
        if pairs:
            sentence = _trend if chart.kind == "line" else _extremes
            sentences.append(sentence(chart, series.label or chart.title, pairs))
    return " ".join(sentences) or gettext("No data.")


def _trend(chart: Chart, name: str, pairs: list) -> str:
    (first_label, first), (last_label, last) = pairs[0], pairs[-1]
    return gettext("%(series)s: %(first)s in %(first_label)s, %(last)s in %(last_label)s.") % {
        "series": name,
        "first": format_number(first, chart.decimals, chart.unit),
        "first_label": first_label,
        "last": format_number(last, chart.decimals, chart.unit),
        "last_label": last_label,
    }


def _extremes(chart: Chart, name: str, pairs: list) -> str:
    top = max(pairs, key=lambda p: _decimal(p[1]))
    bottom = min(pairs, key=lambda p: _decimal(p[1]))
    return gettext(
        "%(series)s: highest %(top)s (%(top_value)s), lowest %(bottom)s (%(bottom_value)s)."
    ) % {
        "series": name,
        "top": top[0],
        "top_value": format_number(top[1], chart.decimals, chart.unit),
        "bottom": bottom[0],
        "bottom_value": format_number(bottom[1], chart.decimals, chart.unit),
    }


def _table(chart: Chart) -> list[dict]:
    return [
        {
            "label": label,
            "values": [
                format_number(s.values[i], chart.decimals, chart.unit) for s in chart.series
            ],
        }
        for i, label in enumerate(chart.categories)
    ]


@dataclass(frozen=True)
class _Scale:
    """The value axis: from `low` to `high` (both include zero), with round ticks."""

    low: Decimal
    high: Decimal
    ticks: tuple[Decimal, ...]

    @classmethod
    def of(cls, chart: Chart) -> _Scale:
        values = [_decimal(v) for s in chart.series for v in s.values]
        values = [v for v in values if v is not None]
        top = _decimal(chart.max_value)
        high = max([Decimal(0), *values, *([top] if top is not None else [])])
        low = min([Decimal(0), *values])
        if high == low:
            high = low + 1
        step = _nice_step((high - low) / 5)
        if top is None:
            high = _ceil_to(high, step)
        low = -_ceil_to(-low, step)
        ticks, tick = [], low
        while tick <= high:
            ticks.append(tick)
            tick += step
        return cls(low, high, tuple(ticks))

    def fraction(self, value) -> float:
        """Where a value sits between low (0.0) and high (1.0)."""
        return float((_decimal(value) - self.low) / (self.high - self.low))


def _nice_step(raw: Decimal) -> Decimal:
    """1, 2, 2.5 or 5 times a power of ten, at least `raw`."""
    exponent = raw.adjusted()
    for mantissa in (1, 2, Decimal("2.5"), 5, 10):
        step = Decimal(mantissa).scaleb(exponent)
        if step >= raw:
            return step.normalize()
    return Decimal(10).scaleb(exponent)  # pragma: no cover (10 is always enough)


def _ceil_to(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding="ROUND_CEILING") * step


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _fit(spacing: float) -> int:
    """How many characters of a label fit in `spacing` units (at least a few)."""
    return max(6, min(LABEL_CHARS, int((spacing - 8) / CHAR_WIDTH)))


def _tick_label(chart: Chart, tick: Decimal) -> str:
    return format_number(tick, 0 if tick == tick.to_integral_value() else 1, chart.unit)


def _ticks(chart: Chart, scale: _Scale, start: float, length: float) -> list[dict]:
    """Ticks along a horizontal axis starting at `start`, `length` units long. Every tick keeps
    its grid line; labels are left on every n-th tick, counted from zero, so that long ones
    ("2 500 000 сом") never run into each other."""
    labels = [_tick_label(chart, t) for t in scale.ticks]
    spacing = length / max(len(labels) - 1, 1)
    widest = max((len(label) for label in labels), default=1) * CHAR_WIDTH + 8
    every = max(1, math.ceil(widest / max(spacing, 1)))
    zero = scale.ticks.index(0) if 0 in scale.ticks else 0
    return [
        {
            "at": round(start + scale.fraction(t) * length, 1),
            "label": label if (i - zero) % every == 0 else "",
        }
        for i, (t, label) in enumerate(zip(scale.ticks, labels, strict=True))
    ]


def _label_every(categories, spacing: float) -> int:
    """Label every n-th category along the bottom, so that labels `spacing` apart never touch."""
    widest = max((len(_short(c, _fit(spacing))) for c in categories), default=1) * CHAR_WIDTH + 8
    return max(1, math.ceil(widest / max(spacing, 1)))


def _bars(chart: Chart, scale: _Scale) -> dict:
    """Horizontal bars: one band per category, one bar per series in the band."""
    left, top, bar, gap = 214, 8, 16, 10
    # room on the right for the longest value written after its bar ("2 500 000 сом"), and
    # labels on the left short enough for wide (Cyrillic) glyphs: nothing is cut at the edges
    values = [format_number(v, chart.decimals, chart.unit) for s in chart.series for v in s.values]
    right = min(200, max(70, math.ceil(max(map(len, values), default=0) * WIDE_CHAR) + 8))
    label_chars = int((left - 12) / WIDE_CHAR)
    n = len(chart.series)
    band = n * bar + gap
    plot = WIDTH - left - right
    zero = left + scale.fraction(0) * plot
    rows = []
    for i, label in enumerate(chart.categories):
        y0 = top + i * band
        bars = []
        for j, series in enumerate(chart.series):
            value = series.values[i]
            if _decimal(value) is None:
                continue
            end = left + scale.fraction(value) * plot
            bars.append({
                "x": round(min(zero, end), 1), "y": y0 + j * bar, "w": round(abs(end - zero), 1),
                "h": bar - 2, "css": f"s{j + 1}", "text_x": round(max(zero, end) + 4, 1),
                "text_y": y0 + j * bar + bar - 5,
                "value": format_number(value, chart.decimals, chart.unit),
            })  # fmt: skip
        rows.append(
            {
                "label": _short(label, label_chars),
                "full": label,
                "y": y0 + n * bar / 2 + 4,
                "bars": bars,
            }
        )
    height = top + len(chart.categories) * band + 24
    return {
        "width": WIDTH, "height": height, "rows": rows, "font": FONT,
        "axis": {"x": round(zero, 1), "y1": top, "y2": height - 24},
        "ticks": _ticks(chart, scale, left, plot), "tick_y": height - 8, "grid_y1": top,
        "grid_y2": height - 24, "label_x": left - 6,
    }  # fmt: skip


def _columns(chart: Chart, scale: _Scale) -> dict:
    """Vertical bars: one band per category along the bottom, bars grouped in it."""
    left, top, bottom, height = 56, 12, 48, 300
    n, count = len(chart.series), max(len(chart.categories), 1)
    plot_w, plot_h = WIDTH - left - 8, height - top - bottom
    band = plot_w / count
    bar = min(band * 0.8 / n, 48)
    zero = top + plot_h - scale.fraction(0) * plot_h
    every = _label_every(chart.categories, band)
    columns = []
    for i, label in enumerate(chart.categories):
        x0 = left + i * band + (band - bar * n) / 2
        bars = []
        for j, series in enumerate(chart.series):
            value = series.values[i]
            if _decimal(value) is None:
                continue
            end = top + plot_h - scale.fraction(value) * plot_h
            bars.append({
                "x": round(x0 + j * bar, 1), "y": round(min(zero, end), 1),
                "w": round(bar - 1, 1), "h": round(abs(zero - end), 1), "css": f"s{j + 1}",
                "value": format_number(value, chart.decimals, chart.unit),
            })  # fmt: skip
        columns.append({
            "label": _short(label, _fit(band)) if i % every == 0 else "", "full": label,
            "x": round(left + (i + 0.5) * band, 1), "bars": bars,
        })  # fmt: skip
    return {
        "width": WIDTH, "height": height, "columns": columns, "font": FONT,
        "label_y": height - bottom + 18, "axis": {"y": round(zero, 1), "x1": left, "x2": WIDTH - 8},
        "yticks": _ticks_vertical(chart, scale, top, plot_h), "tick_x": left - 6,
        "grid_x1": left, "grid_x2": WIDTH - 8,
    }  # fmt: skip


def _ticks_vertical(chart: Chart, scale: _Scale, top: float, plot_h: float) -> list[dict]:
    """Ticks along a vertical axis, the top of the plot at `top`, `plot_h` units tall."""
    return [
        {"at": round(top + plot_h - scale.fraction(t) * plot_h, 1), "label": _tick_label(chart, t)}
        for t in scale.ticks
    ]


def _lines(chart: Chart, scale: _Scale) -> dict:
    """Lines: one point per category, a gap where a value is missing."""
    left, right, top, bottom, height = 56, 32, 12, 48, 280
    count = len(chart.categories)
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / max(count - 1, 1)
    lines = []
    for j, series in enumerate(chart.series):
        path, points, pen_down = [], [], False
        for i, value in enumerate(series.values):
            if _decimal(value) is None:
                pen_down = False
                continue
            x = round(left + i * step, 1)
            y = round(top + plot_h - scale.fraction(value) * plot_h, 1)
            path.append(f"{'L' if pen_down else 'M'}{x} {y}")
            points.append({
                "x": x, "y": y, "label": chart.categories[i],
                "value": format_number(value, chart.decimals, chart.unit),
            })  # fmt: skip
            pen_down = True
        lines.append({"d": " ".join(path), "points": points, "css": f"s{j + 1}"})
    every = _label_every(chart.categories, step)
    labels = [
        {"label": _short(c, _fit(step * every)), "x": round(left + i * step, 1)}
        for i, c in enumerate(chart.categories)
        if i % every == 0
    ]
    return {
        "width": WIDTH, "height": height, "lines": lines, "labels": labels, "font": FONT,
        "label_y": height - bottom + 18, "yticks": _ticks_vertical(chart, scale, top, plot_h),
        "tick_x": left - 6, "grid_x1": left, "grid_x2": WIDTH - right,
        "axis": {"y": round(top + plot_h - scale.fraction(0) * plot_h, 1)},
    }  # fmt: skip


# The SVG's shapes and text, written from the geometry above. A chart places hundreds of
# numbers; Django's template engine writes them several times slower than these f-strings
# (the budget year page's five charts: 13 ms a page before, 3.7 ms now, geometry and the
# template's figure included), so the
# template (ui/includes/chart.html) holds the figure around them: caption, legend, table.
# Coordinates are numbers of ours; every text is escaped.


def _grid(lines: list[str], anchor: str, labels: list[str]) -> list[str]:
    """The grid lines along the value axis, then its labels anchored `anchor`."""
    head, middle = (
        '\n<g class="chart-grid">',
        f'</g>\n<g class="chart-ticks" text-anchor="{anchor}">',
    )
    return [head, *lines, middle, *labels, "</g>\n"]


def _draw_bars(d: dict) -> SafeString:
    ticks = d["ticks"]
    parts = _grid(
        [f'<line x1="{t["at"]}" x2="{t["at"]}" y1="{d["grid_y1"]}" y2="{d["grid_y2"]}"/>'
         for t in ticks],
        "middle",
        [f'<text x="{t["at"]}" y="{d["tick_y"]}">{escape(t["label"])}</text>'
         for t in ticks if t["label"]],
    )  # fmt: skip
    for row in d["rows"]:
        full = f"<title>{escape(row['full'])}</title>" if row["label"] != str(row["full"]) else ""
        parts.append(
            f'<g><text class="chart-label" x="{d["label_x"]}" y="{row["y"]}" text-anchor="end">'
            f"{full}{escape(row['label'])}</text>\n"
        )
        parts += [
            f'<rect class="{b["css"]}" x="{b["x"]}" y="{b["y"]}" width="{b["w"]}" '
            f'height="{b["h"]}"/><text class="chart-value" x="{b["text_x"]}" '
            f'y="{b["text_y"]}">{escape(b["value"])}</text>'
            for b in row["bars"]
        ]
        parts.append("</g>\n")
    axis = d["axis"]
    parts.append(
        f'<line class="chart-axis" x1="{axis["x"]}" x2="{axis["x"]}" y1="{axis["y1"]}" '
        f'y2="{axis["y2"]}"/>\n'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _draw_value_grid(d: dict) -> list[str]:
    """The horizontal grid lines and the value labels on the left (columns and lines)."""
    ticks = d["yticks"]
    parts = _grid(
        [f'<line x1="{d["grid_x1"]}" x2="{d["grid_x2"]}" y1="{t["at"]}" y2="{t["at"]}"/>'
         for t in ticks],
        "end",
        [f'<text x="{d["tick_x"]}" y="{t["at"]}" dy="4">{escape(t["label"])}</text>'
         for t in ticks],
    )  # fmt: skip
    return [*parts, "\n"]


def _draw_columns(d: dict) -> SafeString:
    parts = _draw_value_grid(d)
    for column in d["columns"]:
        full = escape(column["full"])
        parts.append("<g>")
        parts += [
            f'<rect class="{b["css"]}" x="{b["x"]}" y="{b["y"]}" width="{b["w"]}" '
            f'height="{b["h"]}"><title>{full}: {escape(b["value"])}</title></rect>'
            for b in column["bars"]
        ]
        if column["label"]:
            parts.append(
                f'<text class="chart-label" x="{column["x"]}" y="{d["label_y"]}" '
                f'text-anchor="middle">{escape(column["label"])}</text>'
            )
        parts.append("</g>\n")
    axis = d["axis"]
    parts.append(
        f'<line class="chart-axis" x1="{axis["x1"]}" x2="{axis["x2"]}" y1="{axis["y"]}" '
        f'y2="{axis["y"]}"/>\n'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _draw_lines(d: dict) -> SafeString:
    parts = _draw_value_grid(d)
    y = d["axis"]["y"]
    parts.append(
        f'<line class="chart-axis" x1="{d["grid_x1"]}" x2="{d["grid_x2"]}" y1="{y}" y2="{y}"/>\n'
    )
    for line in d["lines"]:
        parts.append(
            f'<g class="{line["css"]}"><path class="chart-line" d="{line["d"]}" fill="none"/>'
        )
        parts += [
            f'<circle cx="{p["x"]}" cy="{p["y"]}" r="3.5"><title>{escape(p["label"])}: '
            f"{escape(p['value'])}</title></circle>"
            for p in line["points"]
        ]
        parts.append("</g>\n")
    parts.append('<g class="chart-labels" text-anchor="middle">')
    parts += [
        f'<text x="{label["x"]}" y="{d["label_y"]}">{escape(label["label"])}</text>'
        for label in d["labels"]
    ]
    parts.append("</g>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


DRAWINGS = {"bar": _draw_bars, "column": _draw_columns, "line": _draw_lines}
