"""The demo's budgets: plan and execution for three years, balanced, scaled to residents."""

import datetime
from decimal import Decimal

import pytest

from achyk.bodies import evidence
from achyk.budget import selectors
from achyk.demo.budgets import ensure_demo_budgets

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)


def test_demo_body_gets_three_years_of_plan_and_execution(body_a):
    body_a.population = 8940
    body_a.save()
    assert ensure_demo_budgets(body=body_a, today=TODAY) == 4
    assert selectors.published_years(body_a) == [2027, 2026, 2025, 2024]
    budget = selectors.public_budget(body_a, 2025)
    totals = selectors.totals(budget)
    assert set(totals) == {"draft", "approved", "executed"}
    plan = totals["approved"]
    investment = selectors.investments(budget).first().amount
    assert plan["revenue"] == plan["expenditure"] - investment  # balanced, plus donor money
    per_resident = selectors.per_resident(budget, stage="approved", direction="revenue")
    assert Decimal("3500") < per_resident < Decimal("5000")
    assert selectors.last_quarter(budget) == 4
    assert selectors.last_quarter(selectors.public_budget(body_a, 2026)) == 3
    assert "amended" in selectors.totals(selectors.public_budget(body_a, 2024))
    assert budget.approved_by.adopted_on == datetime.date(2024, 12, 24)
    transfers = selectors.transfers(budget, stage="approved")
    assert [code.code for code, _amount in transfers] == ["1311", "1312", "1313"]


def test_demo_budgets_are_evidence_with_past_dates(body_a):
    ensure_demo_budgets(body=body_a, today=TODAY)
    items = list(evidence.collect(keys={"budget:executed"}, body_ids=[body_a.pk]))
    assert "2026-Q3" in {item.period for item in items}
    assert all(item.published_at.date() <= TODAY for item in items)
    assert ensure_demo_budgets(body=body_a, today=TODAY) == 0  # a second run adds nothing
