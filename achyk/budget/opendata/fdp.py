"""Budget data as a Fiscal Data Package; the CSV and JSON of every line are written by
`ui.exports` from `selectors.export_rows`.

- `fdp_rows(budget)` / `datapackage(budget, ...)`: the Fiscal Data Package (FDP 0.3, the
  JSON schema at specs.frictionlessdata.io/schemas/fiscal-data-package.json): one resource,
  `budget.csv`, aggregated by direction, kind and codes with one measure column per phase
  (proposed = draft, approved, adjusted = amended, executed, and executed by quarter); the
  `model` maps columns to measures (currency, phase) and dimensions (fiscal year, direction,
  kind, economic and functional classification). The FDP schema extends the Tabular Data
  Package, whose profile it requires: the descriptor says "tabular-data-package".
"""

from django.db.models import Q, Sum

from ..models import Budget, StageName

#: FDP phases of our stages.
PHASES = {StageName.DRAFT: "proposed", StageName.APPROVED: "approved",
          StageName.AMENDED: "adjusted", StageName.EXECUTED: "executed"}  # fmt: skip
MEASURES = ["proposed", "approved", "adjusted", "executed", "executed_q1", "executed_q2",
            "executed_q3", "executed_q4"]  # fmt: skip
FDP_DIMENSIONS = ["fiscal_year", "direction", "kind", "economic_code", "economic_name_ky",
                  "economic_name_ru", "functional_code", "functional_name_ky",
                  "functional_name_ru"]  # fmt: skip
FDP_RESOURCE = "budget.csv"


def fdp_rows(budget: Budget):
    """Rows of the FDP resource: lines grouped by direction, kind and codes, one column per
    phase (and per quarter of execution), summed in the database."""
    sums = {
        PHASES[stage]: Sum("amount", filter=Q(stage=stage)) for stage in StageName.values
    } | {
        f"executed_q{q}": Sum("amount", filter=Q(stage=StageName.EXECUTED, quarter=q))
        for q in range(1, 5)
    }  # fmt: skip
    grouped = (
        budget.lines.values(
            "direction", "kind", "economic__code", "economic__name_ky", "economic__name_ru",
            "functional__code", "functional__name_ky", "functional__name_ru",
        )
        .annotate(**sums)
        .order_by("direction", "economic__code", "functional__code", "kind")
    )  # fmt: skip
    for row in grouped.iterator(chunk_size=2000):
        yield (
            budget.year, row["direction"], row["kind"], row["economic__code"],
            row["economic__name_ky"], row["economic__name_ru"], row["functional__code"],
            row["functional__name_ky"], row["functional__name_ru"],
            *(row[measure] for measure in MEASURES),
        )  # fmt: skip


def _field(name: str, kind: str = "string", **extra) -> dict:
    return {"name": name, "type": kind, **extra}


def fdp_schema() -> dict:
    return {
        "fields": [
            _field("fiscal_year", "year"),
            _field("direction", constraints={"required": True,
                                             "enum": ["revenue", "expenditure"]}),
            _field("kind", constraints={"enum": ["own", "transfer", "investment"]}),
            _field("economic_code", constraints={"required": True, "pattern": r"\d+"}),
            _field("economic_name_ky"), _field("economic_name_ru"),
            _field("functional_code", constraints={"pattern": r"\d+"}),
            _field("functional_name_ky"), _field("functional_name_ru"),
            *(_field(measure, "number", decimalChar=".", constraints={"minimum": 0})
              for measure in MEASURES),
        ]
    }  # fmt: skip


def fdp_model(currency: str) -> dict:
    measures = {
        measure: {"source": measure, "currency": currency,
                  "phase": measure.split("_")[0]}
        for measure in MEASURES
    }  # fmt: skip

    def dimension(attributes: dict, key: str, dimension_type: str, **extra) -> dict:
        return {"attributes": {name: {"source": source} | more
                               for name, (source, more) in attributes.items()},
                "primaryKey": key, "dimensionType": dimension_type, **extra}  # fmt: skip

    return {
        "measures": measures,
        "dimensions": {
            "date": dimension({"fiscal_year": ("fiscal_year", {})}, "fiscal_year", "datetime"),
            "direction": dimension({"direction": ("direction", {})}, "direction", "other"),
            "kind": dimension({"kind": ("kind", {})}, "kind", "other"),
            "economic": dimension(
                {"code": ("economic_code", {}),
                 "name_ky": ("economic_name_ky", {"labelfor": "code"}),
                 "name_ru": ("economic_name_ru", {"labelfor": "code"})},
                "code", "classification", classificationType="economic",
            ),
            "functional": dimension(
                {"code": ("functional_code", {}),
                 "name_ky": ("functional_name_ky", {"labelfor": "code"}),
                 "name_ru": ("functional_name_ru", {"labelfor": "code"})},
                "code", "classification", classificationType="functional",
            ),
        },
    }  # fmt: skip


def datapackage(budget: Budget, *, homepage: str = "") -> dict:
    """The FDP descriptor of a body's budget of a year; its resource is `budget.csv` beside it."""
    body = budget.body
    descriptor = {
        "profile": "tabular-data-package",
        "name": f"{body.slug}-budget-{budget.year}",
        "title": f"{body.name} — {budget.year}",
        "countryCode": body.country,
        "granularity": "aggregated",
        "fiscalPeriod": {"start": f"{budget.year}-01-01", "end": f"{budget.year}-12-31"},
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": [{
            "profile": "tabular-data-resource", "name": "budget", "path": FDP_RESOURCE,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": fdp_schema(),
        }],
        "model": fdp_model(budget.currency),
    }  # fmt: skip
    if homepage:
        descriptor["homepage"] = homepage
    return descriptor
