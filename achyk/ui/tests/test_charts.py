"""Charts: SVG that names itself to assistive technology, and a table of the same numbers."""

import html as htmllib
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from achyk.ui import charts

HOSTILE = '<script>alert("ө")</script> Ү&Ң'


def render(spec, language="ru"):
    with translation.override(language):
        return Template("{% load achyk_charts %}{% chart spec %}").render(Context({"spec": spec}))


def svg_of(html):
    svg = re.search(r"<svg class=\"chart-svg\".*?</svg>", html, re.S).group(0)
    return ElementTree.fromstring(svg)  # noqa: S314 (our own markup: it must be well-formed XML)


def table_rows(html):
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        [
            htmllib.unescape(re.sub(r"<[^>]+>", "", cell))
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def test_bar_chart_has_an_accessible_svg_and_a_table_of_the_same_numbers():
    spec = charts.bar_chart(
        "Толтуруу", ["Бурана", "Көк-Жар", "Ак-Тал"], [Decimal("87.5"), 40, None],
        unit="%", decimals=1, max_value=100, category_header="Орган",
    )  # fmt: skip

    html = render(spec, "ru")

    svg = svg_of(html)
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find("title").get("id") == title_id and svg.find("title").text == "Толтуруу"
    desc = svg.find("desc")
    assert desc.get("id") == desc_id
    assert desc.text == (
        "Толтуруу: наибольшее — Бурана (87,5\u00a0%), наименьшее — Көк-Жар (40,0\u00a0%)."
    )
    assert re.search(r'<caption id="chart-[0-9a-f]+-table">Толтуруу</caption>', html)
    assert table_rows(html) == [
        ["Бурана", "87,5\u00a0%"], ["Көк-Жар", "40,0\u00a0%"], ["Ак-Тал", "—"],
    ]  # fmt: skip
    assert len(svg.findall(".//rect")) == 2  # no bar where there is no data
    values = [t.text for t in svg.iter("text") if t.get("class") == "chart-value"]
    assert values == ["87,5\u00a0%", "40,0\u00a0%"]


def test_bar_lengths_are_proportional_to_the_values_on_a_fixed_scale():
    spec = charts.bar_chart("Fill", ["a", "b", "c"], [100, 50, 25], max_value=100)
    svg = svg_of(render(spec))
    widths = [float(r.get("width")) for r in svg.iter("rect")]
    assert widths[0] == pytest.approx(2 * widths[1]) == pytest.approx(4 * widths[2])
    ticks = [t.text for t in svg.find("g[@class='chart-ticks']")]
    assert ticks == ["0", "20", "40", "60", "80", "100"]


def test_long_tick_labels_of_budget_amounts_never_overlap_and_zero_keeps_its_label():
    spec = charts.bar_chart(
        "Расходы", ["Образование", "Дороги"], [Decimal("2500000.15"), Decimal("-300000")],
        unit="сом",
    )  # fmt: skip
    svg = svg_of(render(spec))
    ticks = [(float(t.get("x")), t.text) for t in svg.find("g[@class='chart-ticks']")]
    lines = svg.find("g[@class='chart-grid']")
    assert len(ticks) < len(lines)  # fewer labels than grid lines
    assert "0\u00a0сом" in [text for _x, text in ticks]
    for (x1, left), (x2, right) in zip(ticks, ticks[1:], strict=False):
        # labels are centred on their tick: half of each must fit between the two ticks
        assert (len(left) + len(right)) / 2 * charts.CHAR_WIDTH < x2 - x1, (left, right)


def test_bar_values_and_category_labels_stay_inside_the_image():
    spec = charts.bar_chart(
        "Расходы", ["Государственные службы общего назначения", "Образование"],
        [Decimal("3000000"), Decimal("1200000")], unit="сом",
    )  # fmt: skip
    svg = svg_of(render(spec))
    width = float(svg.get("viewBox").split()[2])
    for text in svg.iter("text"):
        if text.get("class") == "chart-value":
            assert float(text.get("x")) + len(text.text) * charts.WIDE_CHAR <= width, text.text
        if text.get("class") == "chart-label":
            full = text.find("title")  # the whole label, for a pointer; the image shows the rest
            shown = (text.text or "") + (full.tail if full is not None else "")
            assert len(shown) * charts.WIDE_CHAR <= float(text.get("x")), shown


def test_numbers_follow_the_active_language_and_keep_decimal_precision():
    big = Decimal("12345678901234567.25")  # more digits than a float holds
    spec = charts.column_chart("Бюджет", ["2026"], [big], decimals=2, unit="сом")
    nbsp = "\u00a0"
    assert table_rows(render(spec, "ru")) == [
        ["2026", "12 345 678 901 234 567,25 сом".replace(" ", nbsp)]
    ]
    assert table_rows(render(spec, "en")) == [["2026", "12,345,678,901,234,567.25\u00a0сом"]]
    assert charts.format_number(Decimal("-0.4")) == "0"  # never "-0"
    assert charts.format_number(float("nan")) == "—"


def test_grouped_columns_plan_against_execution_with_a_legend_and_negative_values():
    spec = charts.column_chart(
        "План жана аткаруу", ["I", "II", "III"],
        [charts.Series("План", [Decimal("100.00"), Decimal("200.00"), Decimal("150.00")]),
         charts.Series("Аткаруу", [Decimal("90.50"), None, Decimal("-20.00")])],
        decimals=2,
    )  # fmt: skip

    html = render(spec, "ky")

    assert 'class="chart-legend"' in html and "План" in html and "Аткаруу" in html
    rects = [r for r in svg_of(html).iter("rect")]
    assert [r.get("class") for r in rects] == ["s1", "s2", "s1", "s1", "s2"]
    zero_line = next(
        line for line in svg_of(html).iter("line") if line.get("class") == "chart-axis"
    )
    negative = rects[-1]
    assert float(negative.get("y")) == pytest.approx(float(zero_line.get("y1")))  # hangs below 0
    assert table_rows(html)[2] == ["III", "150.00", "-20.00"]
    assert '<th scope="col" class="num">План</th>' in html


def test_line_chart_breaks_where_a_month_has_no_data():
    spec = charts.line_chart(
        "Индекс", ["2026-01", "2026-02", "2026-03", "2026-04"], [50, None, 60, 70], max_value=100
    )

    svg = svg_of(render(spec, "ru"))

    path = next(p for p in svg.iter("path")).get("d")
    assert path.count("M") == 2 and path.count("L") == 1
    assert len(list(svg.iter("circle"))) == 3
    assert svg.find("desc").text == "Индекс: 50 в 2026-01, 70 в 2026-04."


def test_titles_and_labels_are_escaped_and_long_labels_shortened_in_the_image_only():
    long = "Бюджеттик угуулардын жыйынтыгы жана протоколу " + HOSTILE
    spec = charts.bar_chart(HOSTILE, [long], [1], description=HOSTILE)

    html = render(spec)

    assert "<script>" not in html and "&lt;script&gt;" in html
    svg = svg_of(html)
    label = next(t for t in svg.iter("text") if t.get("class") == "chart-label")
    shown = label.find("title").tail
    assert shown.endswith("…") and len(shown) <= charts.LABEL_CHARS
    assert label.find("title").text == long  # the full label on hover
    assert table_rows(html)[0][0] == long  # whole in the table
    assert svg.find("title").text == HOSTILE and svg.find("desc").text == HOSTILE


@pytest.mark.parametrize("kind", charts.KINDS)
def test_every_kind_of_chart_writes_every_text_escaped_in_well_formed_svg(kind):
    """The SVG's shapes are written in Python (charts.DRAWINGS), not by the template: every
    text a reader may have typed (a category, a series, a unit) arrives as text."""
    categories = [HOSTILE, "Б", HOSTILE + " " * 3 + "Өтө узун аталыш бар болгон бюджеттин беренеси"]
    series = [charts.Series(HOSTILE, [1, None, 3]), charts.Series("Б", [2, -1, 0])]
    spec = charts.Chart(kind, HOSTILE, categories, series, unit=HOSTILE)

    html = render(spec)

    assert "<script>" not in html
    svg = svg_of(html)  # parses: nothing unescaped broke the markup
    texts = " ".join(element.text or "" for element in svg.iter())
    assert HOSTILE in texts  # the whole text, unescaped once by the parser
    shapes = {"bar": "rect", "column": "rect", "line": "circle"}[kind]
    assert len(list(svg.iter(shapes))) == 5  # one per value, none for the missing one


def test_colours_come_from_the_stylesheet_so_the_contrast_modes_apply():
    html = render(charts.line_chart("x", ["a", "b"], [charts.Series("s", [1, 2])]))
    assert 'fill="currentColor"' in html
    assert not re.search(r"#[0-9a-fA-F]{3,6}", html)  # no fixed colour in the markup
    assert "<script" not in html and "font-face" not in html


def test_same_data_gives_a_stable_id_and_two_charts_get_two_ids():
    one = charts.bar_chart("a", ["x"], [1])
    two = charts.bar_chart("b", ["x"], [1])
    assert charts.context(one)["id"] == charts.context(charts.bar_chart("a", ["x"], [1]))["id"]
    assert charts.context(one)["id"] != charts.context(two)["id"]
    title = gettext_lazy("Fill")  # a lazy title, as views pass it: the id follows its text
    lazy = charts.bar_chart(title, ["x"], [1])
    assert (
        charts.context(lazy)["id"] == charts.context(charts.bar_chart(str(title), ["x"], [1]))["id"]
    )


def test_empty_or_all_missing_data_renders_a_chart_that_says_so():
    html = render(charts.bar_chart("Эч нерсе", ["a"], [None]), "en")
    assert svg_of(html).find("desc").text == "No data."
    assert table_rows(html) == [["a", "—"]]


def test_a_series_of_the_wrong_length_or_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        charts.bar_chart("x", ["a", "b"], [1])
    with pytest.raises(ValueError):
        charts.Chart("pie", "x", ["a"], [charts.Series("", [1])])


def test_number_and_percent_filters():
    with translation.override("ru"):
        html = Template("{% load achyk_charts %}{{ v|number:1 }} {{ s|percent }}").render(
            Context({"v": Decimal("1234.56"), "s": Decimal("66.6")})
        )
    assert html == "1\u00a0234,6 67\u00a0%"


def test_a_figure_kept_is_the_figure_written_afresh_for_its_content_and_language(monkeypatch):
    """Each process keeps the figures it wrote (`charts.render`): the same content in the same
    language gives the same HTML as writing it again; other numbers, another language, or a
    title already in HTML give their own figure."""
    monkeypatch.setattr(charts, "_figures", type(charts._figures)())

    def budget(amount):
        return charts.bar_chart("Бюджет", ["Билим", "Саламаттык"], [amount, 7], decimals=1)

    spec = budget(Decimal("1234.5"))
    first = render(spec)
    assert len(charts._figures) == 1
    assert render(budget(Decimal("1234.5"))) == first
    assert len(charts._figures) == 1
    charts._figures.clear()
    assert render(spec) == first  # written afresh, the same

    other = render(budget(Decimal("1234.6"))).replace("\xa0", " ")
    assert "1 234,6" in other and "1 234,6" not in first.replace("\xa0", " ")
    assert render(spec, "en") != first and "1,234.5" in render(spec, "en")
    escaped = render(charts.bar_chart("<b>x</b>", ["a"], [1]))
    assert "&lt;b&gt;x&lt;/b&gt;" in escaped
    assert render(charts.bar_chart(mark_safe("<b>x</b>"), ["a"], [1])) != escaped


def test_the_figures_kept_are_bounded_and_a_very_long_one_is_not_kept(monkeypatch):
    monkeypatch.setattr(charts, "_figures", type(charts._figures)())
    monkeypatch.setattr(charts, "FIGURES_KEPT", 3)
    specs = [charts.bar_chart(f"{n}", ["a"], [n]) for n in range(5)]
    for spec in specs:
        render(spec)
    with translation.override("ru"):  # the language `render` writes in
        last_three = [charts.figure_key(spec) for spec in specs[2:]]
    assert list(charts._figures) == last_three  # the last three written
    monkeypatch.setattr(charts, "FIGURE_KEPT_BELOW", 100)
    charts._figures.clear()
    render(charts.bar_chart("long", ["a"], [1]))
    assert not charts._figures
