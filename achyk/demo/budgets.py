"""Demo budgets: every demo body gets the budgets of the current and the two previous years
(draft, approved, executed by quarter; an amendment in the year before last), the draft of
next year, transfers from the republican budget and a donor investment, scaled to its
population, with the council resolution that approved each as an act of the registry.

Figures are invented but shaped like a Kyrgyz ayil okmotu's budget: about 4,000 som per
resident a year, half of it equalisation and other grants, a third of spending on
kindergartens and schools. The bench generator reuses `plan_lines`.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from achyk.bodies.models import Body
from achyk.budget.models import Classification, ImportRecord, LineKind, Stage, StageName
from achyk.budget.services import LineIn, replace_stage, set_approval
from achyk.documents.models import DocumentType
from achyk.documents.services import ActIn, create_act

PER_RESIDENT_2024 = Decimal("3900")
GROWTH = Decimal("1.07")
#: Revenue: economic code, share of the total, kind.
REVENUE = [("1111", "0.09", "own"), ("1131", "0.04", "own"), ("1132", "0.08", "own"),
           ("1142", "0.05", "own"), ("1411", "0.05", "own"), ("1421", "0.03", "own"),
           ("1431", "0.01", "own"), ("1311", "0.50", "transfer"), ("1312", "0.10", "transfer"),
           ("1313", "0.05", "transfer")]  # fmt: skip
#: Expenditure: economic code, functional code, share of the total.
SPENDING = [("2111", "7011", "0.12"), ("2121", "7011", "0.02"), ("2222", "7011", "0.03"),
            ("2215", "7011", "0.01"), ("2111", "7091", "0.15"), ("2121", "7091", "0.03"),
            ("2222", "7091", "0.05"), ("2215", "7092", "0.06"), ("2223", "7092", "0.04"),
            ("2222", "7063", "0.05"), ("2215", "7064", "0.03"), ("2223", "7045", "0.08"),
            ("2111", "708", "0.05"), ("2222", "708", "0.03"), ("2721", "710", "0.05"),
            ("2222", "703", "0.02"), ("2222", "707", "0.03"), ("2811", "7042", "0.02"),
            ("3111", "7092", "0.08"), ("3112", "7011", "0.05")]  # fmt: skip
QUARTER_SHARES = [Decimal("0.21"), Decimal("0.25"), Decimal("0.24"), Decimal("0.27")]
INVESTMENT = ("3111", "7063", "Айыл суу / ADB", "Ичүүчү суу түтүгүн реконструкциялоо / "
              "Реконструкция системы питьевого водоснабжения")  # fmt: skip
CENT = Decimal("0.01")


def _codes(country: str) -> dict[tuple[str, str], int]:
    rows = Classification.objects.filter(country=country).values_list("kind", "code", "pk")
    return {(kind, code): pk for kind, code, pk in rows}


def year_total(population: int, year: int) -> Decimal:
    return (PER_RESIDENT_2024 * population * GROWTH ** (year - 2024)).quantize(Decimal("1000"))


def plan_lines(*, population: int, year: int, codes: dict, rng: random.Random, factor=1):
    """The plan of a year: revenue and expenditure lines that balance to the cent."""
    total = year_total(population, year) * Decimal(str(factor))
    revenue = _spread(total, [(Decimal(share), code, None, kind) for code, share, kind in REVENUE],
                      rng, "revenue", codes)  # fmt: skip
    spending = _spread(total, [(Decimal(s), e, f, "own") for e, f, s in SPENDING], rng,
                       "expenditure", codes)  # fmt: skip
    return revenue + spending


def _spread(total, parts, rng, direction, codes) -> list[LineIn]:
    lines, left = [], total
    for index, (share, economic, functional, kind) in enumerate(parts):
        jitter = Decimal(str(round(rng.uniform(0.93, 1.07), 3)))
        amount = left if index == len(parts) - 1 else (total * share * jitter).quantize(CENT)
        left -= amount
        lines.append(LineIn(
            direction=direction, economic_id=codes[("economic", economic)], amount=amount,
            functional_id=codes[("functional", functional)] if functional else None, kind=kind,
        ))  # fmt: skip
    return lines


def execution_lines(plan: list[LineIn], *, quarters: int, rng: random.Random) -> list[LineIn]:
    """Execution of `plan` quarter by quarter: around the usual share of each quarter."""
    lines = []
    for line in plan:
        for quarter in range(1, quarters + 1):
            share = QUARTER_SHARES[quarter - 1] * Decimal(str(round(rng.uniform(0.85, 1.05), 3)))
            amount = (line.amount * share).quantize(CENT)
            lines.append(LineIn(**{**vars(line), "quarter": quarter, "amount": amount}))
    return lines


def investment_line(*, population: int, codes: dict) -> LineIn:
    economic, functional, source, description = INVESTMENT
    return LineIn(
        direction="expenditure", economic_id=codes[("economic", economic)],
        functional_id=codes[("functional", functional)], kind=LineKind.INVESTMENT,
        amount=Decimal(population * 650).quantize(CENT), source=source, description=description,
    )  # fmt: skip


def _resolution(body: Body, year: int):
    kind = DocumentType.objects.filter(code="council-resolution").first()
    if kind is None:
        return None
    adopted = datetime.date(year - 1, 12, 24)
    return create_act(body=body, data=ActIn(
        type=kind, title_ky=f"{year}-жылдын жергиликтүү бюджетин бекитүү жөнүндө",
        title_ru=f"Об утверждении местного бюджета на {year} год",
        number=f"{year - 1}-{body.pk % 7 + 12}", adopted_on=adopted, signatory=body.head_name,
    ))  # fmt: skip


def _published(budget, stage: str, when: datetime.date, quarter=None) -> None:
    moment = datetime.datetime.combine(when, datetime.time(10), tzinfo=datetime.UTC)
    Stage.objects.filter(budget=budget, stage=stage, quarter=quarter).update(
        published_at=moment, updated_at=moment
    )
    ImportRecord.objects.filter(budget=budget, stage=stage).update(at=moment)


@transaction.atomic
def ensure_demo_budgets(*, body: Body, today: datetime.date | None = None) -> int:
    """Budgets for `body` unless it has some; returns how many budgets were written."""
    if body.budgets.exists():
        return 0
    today = today or datetime.date.today()
    rng = random.Random(body.slug)  # noqa: S311 - invented figures, the same on every run
    codes = _codes(body.country)
    population = body.population or 5000
    years = [today.year - 2, today.year - 1, today.year]
    for year in years:
        _demo_year(body, year, today, rng, codes, population)
    draft = plan_lines(population=population, year=today.year + 1, codes=codes, rng=rng)
    replace_stage(body=body, year=today.year + 1, stage=StageName.DRAFT, lines=draft, by=None,
                  file_name="demo")  # fmt: skip
    _published(body.budgets.get(year=today.year + 1), StageName.DRAFT,
               min(today, datetime.date(today.year, 10, 30)))  # fmt: skip
    return len(years) + 1


def _demo_year(body, year, today, rng, codes, population):
    draft = plan_lines(population=population, year=year, codes=codes, rng=rng, factor=0.97)
    plan = plan_lines(population=population, year=year, codes=codes, rng=rng)
    plan.append(investment_line(population=population, codes=codes))
    stages = [(StageName.DRAFT, draft, datetime.date(year - 1, 10, 30)),
              (StageName.APPROVED, plan, datetime.date(year - 1, 12, 28))]  # fmt: skip
    if year == today.year - 2:
        amended = plan_lines(
            population=population, year=year, codes=codes, rng=rng, factor=1.04
        ) + [investment_line(population=population, codes=codes)]
        stages.append((StageName.AMENDED, amended, datetime.date(year, 7, 15)))
    for stage, lines, when in stages:
        replace_stage(body=body, year=year, stage=stage, lines=lines, by=None, file_name="demo")
        _published(body.budgets.get(year=year), stage, when)
    quarters = 4 if year < today.year else (today.month - 1) // 3
    budget = body.budgets.get(year=year)
    if quarters:
        executed = execution_lines(stages[-1][1], quarters=quarters, rng=rng)
        replace_stage(body=body, year=year, stage=StageName.EXECUTED, lines=executed, by=None,
                      file_name="demo")  # fmt: skip
        for quarter in range(1, quarters + 1):
            end = datetime.date(year + (quarter == 4), quarter * 3 % 12 + 1, 20)
            _published(budget, StageName.EXECUTED, min(today, end), quarter)
    act = _resolution(body, year)
    if act is not None:
        set_approval(budget=budget, act=act)
