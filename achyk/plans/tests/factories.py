"""Plans for tests: every translated title is hostile (markup, quotes, Kyrgyz letters)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from achyk.budget import services as budget_services
from achyk.budget.models import Classification
from achyk.plans.models import (
    Action,
    CostLine,
    Goal,
    GroupMember,
    Indicator,
    IndicatorValue,
    Objective,
    Plan,
    State,
)

HOSTILE = 'Суу түтүгү <script>alert("ң")</script> "Үй" & ө'


def plan(body, *, start=2025, end=2029, published=True, **fields) -> Plan:
    fields.setdefault("title_ky", f"СЭӨП {HOSTILE}")
    fields.setdefault("title_ru", f"ПСЭР {HOSTILE}")
    fields.setdefault("state", State.IN_FORCE)
    return Plan.objects.create(
        body=body, start_year=start, end_year=end, is_published=published, **fields
    )


def goal(plan_, number=1, **titles) -> Goal:
    titles.setdefault("title_ky", f"Максат {number} {HOSTILE}")
    titles.setdefault("title_ru", f"Цель {number}")
    return Goal.objects.create(body=plan_.body, plan=plan_, number=number, **titles)


def objective(goal_, number=1, **titles) -> Objective:
    titles.setdefault("title_ky", f"Милдет {HOSTILE}")
    titles.setdefault("title_ru", "Задача")
    return Objective.objects.create(body=goal_.body, goal=goal_, number=number, **titles)


def action(objective_, *, code="1.1.1", start=None, end=None, costs=(), **fields) -> Action:
    plan_ = objective_.goal.plan
    start = start or datetime.date(plan_.start_year, 3, 1)
    end = end or datetime.date(plan_.start_year, 10, 1)
    fields.setdefault("title_ky", f"Иш-чара {code} {HOSTILE}")
    fields.setdefault("title_ru", f"Мероприятие {code}")
    made = Action.objects.create(
        body=objective_.body,
        objective=objective_,
        code=code,
        starts_on=start,
        ends_on=end,
        **fields,
    )
    for index, (source, year, planned, actual) in enumerate(costs):
        CostLine.objects.create(
            action=made,
            source=source,
            year=year,
            planned=Decimal(planned),
            actual=None if actual is None else Decimal(actual),
            sort_order=index,
        )
    return made


def indicator(plan_, **fields) -> Indicator:
    fields.setdefault("title_ky", f"Көрсөткүч {HOSTILE}")
    made = Indicator.objects.create(
        body=plan_.body, plan=plan_, unit="%", baseline_year=2024, baseline=Decimal("40"), **fields
    )
    IndicatorValue.objects.create(indicator=made, year=plan_.start_year, kind="target", value=50)
    IndicatorValue.objects.create(
        indicator=made, year=plan_.start_year, kind="actual", value=47, women=24, men=23
    )
    return made


def members(plan_, women=2, men=2):
    for index in range(women + men):
        GroupMember.objects.create(
            plan=plan_,
            name=f"Мүчө {index} {HOSTILE}",
            side="okmotu",
            gender="f" if index < women else "m",
            role="chair" if index == 0 else "member",
            sort_order=index,
        )


def full_plan(body, *, actions=3, **fields) -> Plan:
    """A published plan with a goal, an objective, `actions` actions with costs, an indicator
    and a working group."""
    made = plan(body, **fields)
    target = objective(goal(made))
    for index in range(actions):
        action(
            target,
            code=f"1.1.{index + 1}",
            costs=[
                ("local", made.start_year, "1000.50", "900"),
                ("community", made.start_year, "250", None),
            ],
        )
    indicator(made)
    members(made)
    return made


def jmeg_member(body, username="jmeg_member", email="member@example.org"):
    from django.apps import apps

    user = get_user_model().objects.create_user(
        username=username,
        password="Монитор-2026-ң",
        email=email,
        first_name="Айгүл",
        last_name="Токтосунова",
    )
    return apps.get_model("transparency", "JmegMember").objects.create(body=body, user=user)


def expenditure_codes():
    return list(
        Classification.objects.filter(
            country="KG", kind="economic", direction="expenditure", parent__isnull=False
        ).order_by("code")[:2]
    )


def publish_budget(body, year, amounts, *, stage="approved", by=None):
    """The body's budget of `year` with one expenditure line per (code, amount)."""
    quarter = 1 if stage == "executed" else None
    lines = [
        budget_services.LineIn(
            direction="expenditure", economic_id=code.pk, amount=Decimal(a), quarter=quarter
        )
        for code, a in amounts
    ]
    budget_services.replace_stage(body=body, year=year, stage=stage, lines=lines, by=by)
    return budget_services.budget_of(body=body, year=year)
