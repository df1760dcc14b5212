"""The plan page's charts (`ui.charts`: SVG with a table of the same numbers): the financial
model by source and by year, planned against actual, and each indicator's baseline, targets
and actuals by year."""

from django.utils.translation import gettext as _

from achyk.ui.charts import Series, column_chart, line_chart

from .models import Source
from .monitoring import IndicatorValue


def financing_charts(plan, money) -> list:
    if not money["planned"]:
        return []
    series = lambda table, index: [pair[index] for pair in table.values()]  # noqa: E731
    sources = [Source(key).label for key in money["by_source"]]
    years = [str(year) for year in money["by_year"]]
    return [
        column_chart(
            _("Costs by source, planned and actual"), sources,
            [Series(_("Planned"), series(money["by_source"], 0)),
             Series(_("Actual"), series(money["by_source"], 1))],
            category_header=_("Source"), html_id=f"money-sources-{plan.pk}",
        ),
        column_chart(
            _("Costs by year, planned and actual"), years,
            [Series(_("Planned"), series(money["by_year"], 0)),
             Series(_("Actual"), series(money["by_year"], 1))],
            category_header=_("Year"), html_id=f"money-years-{plan.pk}",
        ),
    ]  # fmt: skip


def indicator_rows(plan, indicators) -> list[dict]:
    """Each indicator with its figures by year and a chart of them (baseline first)."""
    rows = []
    for indicator in indicators:
        values = list(indicator.values.all())
        years = sorted({value.year for value in values} | {indicator.baseline_year})
        pick = {(value.year, value.kind): value for value in values}
        targets = [pick.get((year, IndicatorValue.Kind.TARGET)) for year in years]
        actuals = [pick.get((year, IndicatorValue.Kind.ACTUAL)) for year in years]
        actual_values = [v.value if v else None for v in actuals]
        baseline_at = years.index(indicator.baseline_year)
        actual_values[baseline_at] = actual_values[baseline_at] or indicator.baseline
        chart = line_chart(
            indicator.title, [str(year) for year in years],
            [Series(_("Target"), [v.value if v else None for v in targets]),
             Series(_("Actual"), actual_values)],
            unit=f" {indicator.unit}", decimals=1, category_header=_("Year"),
            html_id=f"indicator-{indicator.pk}",
        )  # fmt: skip
        latest = next((v for v in reversed(actuals) if v is not None), None)
        target = next((v for v in reversed(targets) if v is not None), None)
        rows.append({"indicator": indicator, "chart": chart, "latest": latest, "target": target})
    return rows
