"""The budget's data: exact totals by stage, direction and category, and tenancy."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from achyk.budget import selectors
from achyk.budget.models import Budget, Classification, ImportRecord, Line, StageName
from achyk.budget.services import replace_stage

from .factories import line, small_budget

pytestmark = pytest.mark.django_db


def test_classification_is_seeded_with_names_and_top_groups():
    wages = Classification.objects.get(country="KG", kind="economic", code="2111")
    assert wages.name_ky == "Эмгек акы" and wages.name_ru == "Заработная плата"
    assert wages.group.code == "2" and wages.direction == "expenditure"
    education = Classification.objects.get(country="KG", kind="functional", code="7092")
    assert education.group.code == "709"
    land_tax = Classification.objects.get(country="KZ", kind="economic", code="104301")
    assert land_tax.group.code == "1"


def test_a_body_budget_is_in_its_currency(body_a):
    budget = small_budget(body_a)
    assert budget.currency == "KGS"
    assert budget.status == StageName.EXECUTED


def test_totals_are_exact_decimals_per_stage_and_direction(body_a):
    budget = small_budget(body_a)
    totals = selectors.totals(budget)
    assert totals["draft"]["revenue"] == Decimal("4250000.30")
    assert totals["approved"]["expenditure"] == Decimal("4200000.15")
    assert totals["executed"]["revenue"] == Decimal("500000.10")
    assert isinstance(totals["executed"]["revenue"], Decimal)


def test_totals_by_functional_category_largest_first(body_a):
    budget = small_budget(body_a)
    rows = selectors.by_category(budget, stage="approved", direction="expenditure")
    assert [(row.code, row.amount) for row in rows] == [
        ("701", Decimal("2500000.15")), ("709", Decimal("1200000.00")),
        ("706", Decimal("500000.00")),
    ]  # fmt: skip
    economic = selectors.by_category(
        budget, stage="approved", direction="revenue", classification="economic"
    )
    assert [(row.code, row.amount) for row in economic] == [("1", Decimal("4250000.30"))]


def test_execution_by_quarter_against_the_approved_plan(body_a):
    budget = small_budget(body_a)
    rows = selectors.execution_by_quarter(budget, direction="expenditure")
    assert [row.executed for row in rows] == [
        Decimal("600000.00"),
        Decimal("650000.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    ]
    assert rows[1].cumulative == Decimal("1250000.00")
    assert rows[1].plan == Decimal("4200000.15")
    assert rows[1].share == Decimal("29.8")
    assert selectors.last_quarter(budget) == 2


@pytest.mark.parametrize(
    ("present", "plan", "page_plan"),
    [
        ({"draft", "approved", "amended", "executed"}, "amended", "amended"),
        ({"draft", "approved", "executed"}, "approved", "approved"),
        ({"draft", "executed"}, None, "draft"),
        ({"draft"}, None, "draft"),
        ({"executed"}, None, None),
        (set(), None, None),
    ],
)
def test_plan_in_force_is_never_a_draft_but_a_year_page_falls_back_to_it(present, plan, page_plan):
    assert selectors.plan_stage(present) == plan
    assert selectors.plan_stage(present, or_draft=True) == page_plan


def test_execution_of_a_budget_only_drafted_has_no_plan_to_compare_with(body_a):
    replace_stage(body=body_a, year=2026, stage="draft", by=None,
                  lines=[line("2111", "1000.00", direction="expenditure")])  # fmt: skip
    replace_stage(body=body_a, year=2026, stage="executed", by=None,
                  lines=[line("2111", "400.00", direction="expenditure", quarter=1)])  # fmt: skip
    budget = Budget.objects.get(body=body_a, year=2026)
    rows = selectors.execution_by_quarter(budget, direction="expenditure")
    assert rows[0].executed == Decimal("400.00")
    assert rows[0].plan == Decimal("0.00") and rows[0].share is None


def test_per_resident_uses_the_population(body_a):
    body_a.population = 12000
    body_a.save()
    budget = small_budget(body_a)
    assert selectors.per_resident(budget, stage="approved", direction="expenditure") == Decimal(
        "350.00"
    )


def test_year_over_year_lists_each_year_of_a_stage(body_a):
    small_budget(body_a, year=2025)
    small_budget(body_a, year=2026)
    rows = selectors.year_over_year(body_a, stage="approved")
    assert [row.year for row in rows] == [2025, 2026]
    assert rows[0].revenue == Decimal("4250000.30")


def test_replacing_a_stage_keeps_the_others_and_records_history(body_a, editor_a):
    budget = small_budget(body_a)
    record = replace_stage(
        body=body_a, year=2026, stage="draft", lines=[line("1111", "5.55")], by=editor_a,
        file_name="draft-v2.xlsx",
    )  # fmt: skip
    assert record.replaced == 5 and record.rows == 1 and record.revenue == Decimal("5.55")
    assert selectors.totals(budget)["draft"] == {"revenue": Decimal("5.55")}
    assert selectors.totals(budget)["approved"]["revenue"] == Decimal("4250000.30")
    assert ImportRecord.objects.filter(budget=budget).count() == 4


def test_execution_lines_need_a_quarter(body_a):
    with pytest.raises(ValidationError):
        replace_stage(body=body_a, year=2026, stage="executed", lines=[line("1111", "1")], by=None)
    assert not Line.objects.exists()


def test_transfers_and_investments(body_a):
    budget = small_budget(body_a)
    [(code, amount)] = selectors.transfers(budget, stage="approved")
    assert code.code == "1311" and amount == Decimal("3000000.00")
    [investment] = selectors.investments(budget, stage="approved")
    assert investment.source == "ADB «Таза суу»"


def test_staff_of_another_body_cannot_reach_the_budget(body_a, editor_a, editor_b):
    budget = small_budget(body_a)
    assert selectors.budget_for(editor_a, budget.pk) == budget
    with pytest.raises(Http404):
        selectors.budget_for(editor_b, budget.pk)
    assert not Budget.objects.for_user(editor_b).exists()
    assert not Line.objects.for_user(editor_b).exists()
    assert Line.objects.for_user(editor_a).count() == budget.lines.count()


def test_evidence_names_each_stage_and_quarter(body_a):
    from achyk.bodies import evidence

    small_budget(body_a)
    keys = {"budget:approved", "budget:executed"}
    items = list(evidence.collect(keys=keys, body_ids=[body_a.pk]))
    assert sorted(item.period for item in items) == ["2026", "2026-Q1", "2026-Q2"]
    approved = next(item for item in items if item.key == "budget:approved")
    assert approved.missing == ("resolution",)
    assert approved.url == "/burana/ky/budget/2026/"
