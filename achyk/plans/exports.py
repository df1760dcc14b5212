"""Downloads of a published plan (`ui.exports` writes them): its actions with costs by
source, its indicators with every figure, and its monitoring (the body's updates, the group's
assessments, the recommendations and answers), each as CSV, XLSX or JSON."""

from achyk.ui import exports

from .models import Action, CostLine, Source
from .monitoring import Assessment, IndicatorValue, ProgressUpdate, Recommendation

FORMATS = ("csv", "xlsx", "json")


def _actions(plan):
    header = ["code", "objective", "title", "start", "deadline", "responsible", "village",
              "status", "progress", "weight"]  # fmt: skip
    header += [f"{source}_{kind}" for source in Source.values for kind in ("planned", "actual")]
    sums = {}
    for cost in CostLine.objects.filter(action__plan=plan):
        pair = sums.setdefault((cost.action_id, cost.source), [0, 0])
        pair[0] += cost.planned
        pair[1] += cost.actual or 0
    rows = []
    actions = Action.objects.filter(plan=plan).select_related("objective__goal")
    for item in actions:
        objective = f"{item.objective.goal.number}.{item.objective.number}"
        row = [item.code, objective, item.title, item.starts_on.isoformat(),
               item.ends_on.isoformat(), item.responsible, item.settlement, item.status,
               item.progress, item.weight]  # fmt: skip
        for source in Source.values:
            row += sums.get((item.pk, source), [0, 0])
        rows.append(row)
    return header, rows


def _indicators(plan):
    header = ["indicator", "unit", "direction", "baseline_year", "baseline", "year", "kind",
              "value", "women", "men", "source"]  # fmt: skip
    values = IndicatorValue.objects.filter(indicator__plan=plan).select_related("indicator")
    rows = [
        [v.indicator.title, v.indicator.unit, v.indicator.direction, v.indicator.baseline_year,
         v.indicator.baseline, v.year, v.kind, v.value, v.women, v.men, v.indicator.source]
        for v in values.order_by("indicator_id", "year", "kind")
    ]  # fmt: skip
    return header, rows


def _monitoring(plan):
    header = ["voice", "date", "action", "status", "progress_or_rating", "text", "answer"]
    rows = [
        ["body", u.reported_on.isoformat(), u.action.code, u.status, u.progress, u.text, ""]
        for u in ProgressUpdate.objects.filter(action__plan=plan).select_related("action")
    ]
    rows += [
        ["group", a.created_at.date().isoformat(), a.action.code, a.status, a.rating,
         a.comment, ""]
        for a in Assessment.objects.filter(action__plan=plan).select_related("action")
    ]  # fmt: skip
    recommendations = Recommendation.objects.filter(
        report__plan=plan, report__published_at__isnull=False
    ).select_related("report")
    rows += [
        ["recommendation", r.report.published_at.date().isoformat(), "", "", r.number, r.text,
         r.answer]
        for r in recommendations
    ]  # fmt: skip
    return header, rows


TABLES = {"actions": _actions, "indicators": _indicators, "monitoring": _monitoring}


def download(plan, table: str, fmt: str):
    header, rows = TABLES[table](plan)
    name = f"plan-{plan.pk}-{table}"
    if fmt == "csv":
        return exports.csv_response(header, rows, filename=f"{name}.csv")
    if fmt == "xlsx":
        return exports.xlsx_response(header, rows, filename=f"{name}.xlsx", title=table)
    records = (dict(zip(header, row, strict=True)) for row in rows)
    meta = {"plan": plan.title, "period": plan.period, "body": plan.body.slug, "table": table}
    return exports.json_response(records, filename=f"{name}.json", header=meta, key="rows")
