"""The plan's invariants: dates in the period, no cycles among steps, costs as money, progress
rolled up by weight, and the body's and the group's voices apart."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from achyk.plans import selectors, services
from achyk.plans.models import Action, Plan, Status
from achyk.plans.validation import parse_amount

from . import factories

pytestmark = pytest.mark.django_db


def test_plan_years_must_be_in_order(body_a):
    plan = Plan(body=body_a, start_year=2029, end_year=2025, title_ky="x")
    with pytest.raises(ValidationError) as caught:
        plan.full_clean()
    assert "end_year" in caught.value.message_dict


def test_action_dates_outside_the_plan_period_are_refused(body_a):
    plan = factories.plan(body_a, start=2025, end=2029)
    objective = factories.objective(factories.goal(plan))
    action = Action(
        body=body_a,
        objective=objective,
        title_ky="x",
        starts_on=datetime.date(2024, 12, 1),
        ends_on=datetime.date(2030, 1, 5),
    )
    with pytest.raises(ValidationError) as caught:
        action.full_clean()
    assert set(caught.value.message_dict) >= {"starts_on", "ends_on"}
    assert "2025–2029" in caught.value.message_dict["starts_on"][0]


def test_deadline_before_start_is_refused(body_a):
    objective = factories.objective(factories.goal(factories.plan(body_a)))
    action = Action(
        body=body_a,
        objective=objective,
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as caught:
        action.full_clean()
    assert "ends_on" in caught.value.message_dict


def test_a_cycle_of_steps_is_refused(body_a):
    objective = factories.objective(factories.goal(factories.plan(body_a)))
    first = factories.action(objective, code="1")
    second = factories.action(objective, code="2", parent=first)
    first.parent = second
    with pytest.raises(ValidationError) as caught:
        first.full_clean()
    assert "parent" in caught.value.message_dict
    first.parent = first
    with pytest.raises(ValidationError):
        first.full_clean()


def test_a_step_of_another_plan_s_action_is_refused(body_a):
    one = factories.objective(factories.goal(factories.plan(body_a)))
    other = factories.objective(factories.goal(factories.plan(body_a)))
    foreign = factories.action(other)
    action = Action(
        body=body_a,
        objective=one,
        parent=foreign,
        starts_on=datetime.date(2025, 1, 2),
        ends_on=datetime.date(2025, 2, 2),
    )
    with pytest.raises(ValidationError) as caught:
        action.full_clean()
    assert "parent" in caught.value.message_dict


def test_an_objective_of_another_body_is_refused(body_a, body_b):
    objective_b = factories.objective(factories.goal(factories.plan(body_b)))
    action = Action(
        body=body_a,
        objective=objective_b,
        starts_on=datetime.date(2025, 1, 2),
        ends_on=datetime.date(2025, 2, 2),
    )
    with pytest.raises(ValidationError) as caught:
        action.full_clean()
    assert "objective" in caught.value.message_dict


@pytest.mark.parametrize(
    ("text", "value", "error"),
    [
        ("1 250 000,50", Decimal("1250000.50"), False),
        ("12.5", Decimal("12.50"), False),
        ("беш миң", None, True),
        ("-5", None, True),
        ("1e400", None, True),
        ("NaN", None, True),
        ("", None, False),
    ],
)
def test_amounts_written_by_people(text, value, error):
    parsed, message = parse_amount(text)
    assert parsed == value
    assert bool(message) is error


def test_progress_rolls_up_by_weight_and_leaves_cancelled_out(body_a):
    plan = factories.plan(body_a)
    objective = factories.objective(factories.goal(plan))
    factories.action(objective, code="1", progress=100, weight=3, status=Status.DONE)
    factories.action(objective, code="2", progress=0, weight=1)
    factories.action(objective, code="3", progress=0, weight=5, status=Status.CANCELLED)
    tree = selectors.plan_tree(plan, today=datetime.date(2025, 1, 1))
    assert tree.goals[0].progress == Decimal("75.0")
    assert tree.goals[0].children[0].progress == Decimal("75.0")
    assert tree.progress == Decimal("75.0")


def test_an_action_with_steps_counts_once_and_the_list_agrees_with_the_tree(body_a):
    plan = factories.plan(body_a)
    objective = factories.objective(factories.goal(plan))
    parent = factories.action(objective, code="1", progress=40)
    factories.action(objective, code="1.a", parent=parent, progress=100)
    factories.action(objective, code="2", progress=10, weight=2)
    tree = selectors.plan_tree(plan)
    assert [node.action.code for node in tree.goals[0].nodes] == ["1", "2"]
    assert [step.action.code for step in tree.goals[0].nodes[0].steps] == ["1.a"]
    assert tree.progress == Decimal("20.0")
    assert selectors.progress_of([plan]) == {plan.pk: Decimal("20.0")}


def test_late_actions_are_past_their_deadline_and_not_done(body_a):
    plan = factories.plan(body_a, start=2020, end=2024)
    objective = factories.objective(factories.goal(plan))
    factories.action(objective, code="1", end=datetime.date(2020, 6, 1))
    factories.action(objective, code="2", end=datetime.date(2020, 6, 1), status=Status.DONE)
    tree = selectors.plan_tree(plan, today=datetime.date(2021, 1, 1))
    assert [node.action.code for node in tree.late] == ["1"]


def test_financing_sums_by_source_and_year_with_the_community_share(body_a):
    plan = factories.full_plan(body_a, actions=2)
    money = selectors.financing(plan)
    assert money["planned"] == Decimal("2501.00")
    assert money["actual"] == Decimal("1800.00")
    assert money["by_source"]["community"] == [Decimal("500"), Decimal("0")]
    assert money["community_share"] == Decimal("20.0")
    assert money["by_year"][2025][0] == Decimal("2501.00")


def test_the_newest_update_sets_the_action_status_and_the_group_keeps_its_own(body_a):
    plan = factories.full_plan(body_a, actions=1)
    action = plan.actions.get()
    services.record_progress(
        action=action,
        reported_on=datetime.date(2025, 4, 1),
        status=Status.DONE,
        progress=100,
        text="Бүттү",
        language="ky",
    )
    member = factories.jmeg_member(body_a)
    services.assess_action(
        member=member,
        action=action,
        status=Status.IN_PROGRESS,
        rating=2,
        comment="Түтүк али тартыла элек",
    )
    action.refresh_from_db()
    assert (action.status, action.progress) == (Status.DONE, 100)
    node = selectors.plan_tree(plan).nodes[0]
    assert node.assessment.status == Status.IN_PROGRESS
    assert node.disagrees


def test_a_member_cannot_assess_another_body_s_action(body_a, body_b):
    action = factories.full_plan(body_b, actions=1).actions.get()
    member = factories.jmeg_member(body_a)
    with pytest.raises(ValidationError):
        services.assess_action(member=member, action=action, status="done", rating=5, comment="x")


def test_the_body_answers_a_published_report_and_the_author_hears_of_it(
    body_a, admin_a, mailoutbox, django_capture_on_commit_callbacks
):
    plan = factories.full_plan(body_a, actions=1)
    member = factories.jmeg_member(body_a)
    report = services.file_report(
        member=member,
        plan=plan,
        period="2025",
        checked="Суу",
        findings="Кечигүү",
        recommendations=["Бүтүрүү", "Отчёт"],
    )
    recommendation = report.recommendations.first()
    with pytest.raises(ValidationError):
        services.answer_recommendation(recommendation=recommendation, answer="x", by=admin_a)
    services.publish_report(member=member, report=report)
    with pytest.raises(ValidationError) as caught:
        services.answer_recommendation(recommendation=recommendation, answer="  ", by=admin_a)
    assert "answer" in caught.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_recommendation(recommendation=recommendation, answer="Макул", by=admin_a)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["member@example.org"]
    assert "Макул" in mailoutbox[0].body
    assert f"/plans/reports/{report.pk}/" in mailoutbox[0].body
