"""The admin of plans: staff see their own body's, another body's is a 404, a platform admin
picks the body, bad costs and dates are refused with the reason and nothing is lost, staff
answer the group's reports and a supervisor may not."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from achyk.bodies.services import grant_supervisor_reading
from achyk.plans import services
from achyk.plans.models import Action, CostLine, Plan

from . import factories

pytestmark = pytest.mark.django_db


def _action_form(objective, **overrides):
    data = {
        "objective": objective.pk,
        "code": "9.9.9",
        "title_ky": "Көпүрө",
        "title_ru": "Мост",
        "starts_on": "2025-04-01",
        "ends_on": "2025-09-30",
        "status": "planned",
        "progress": "0",
        "weight": "1",
        "costs-TOTAL_FORMS": "1",
        "costs-INITIAL_FORMS": "0",
        "costs-MIN_NUM_FORMS": "0",
        "costs-MAX_NUM_FORMS": "60",
        "costs-0-source": "community",
        "costs-0-year": "2025",
        "costs-0-planned": "125000.50",
        "costs-0-actual": "",
        "costs-0-ORDER": "1",
        "costs-0-id": "",
    }
    data.update(overrides)
    return data


def test_staff_list_only_their_body_s_plans_and_another_body_s_is_a_404(
    client, body_a, body_b, editor_a, editor_b
):
    own = factories.plan(body_a, title_ky="Наш план")
    factories.plan(body_b, title_ky="Чужой план")
    client.force_login(editor_a)
    listing = client.get("/admin/plans/plans/").content.decode()
    assert "Наш план" in listing and "Чужой план" not in listing
    client.force_login(editor_b)
    assert client.get(f"/admin/plans/plans/edit/{own.pk}/").status_code == 404


def test_a_platform_admin_picks_the_body_of_a_new_plan(client, body_a):
    admin = get_user_model().objects.create_superuser("root", password="x" * 12)
    client.force_login(admin)
    form = client.get("/admin/plans/plans/new/").context["form"]
    assert "body" in form.fields
    client.force_login(admin)


def test_an_editor_adds_an_action_with_its_costs(client, body_a, editor_a):
    objective = factories.objective(factories.goal(factories.plan(body_a)))
    client.force_login(editor_a)
    response = client.post("/admin/plans/actions/new/", _action_form(objective))
    assert response.status_code == 302, response.context["form"].errors
    action = Action.objects.get(code="9.9.9")
    assert action.body == body_a and action.plan == objective.goal.plan
    assert CostLine.objects.get(action=action).planned == 125000.50


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"costs-0-planned": "жүз миң"}, "planned"),
        ({"costs-0-planned": "-5"}, "planned"),
        ({"costs-0-year": "2031"}, "year"),
    ],
)
def test_bad_costs_are_refused_and_the_form_keeps_what_was_typed(
    client, body_a, editor_a, overrides, field
):
    objective = factories.objective(factories.goal(factories.plan(body_a)))
    client.force_login(editor_a)
    with translation.override("en"):
        response = client.post(
            "/admin/plans/actions/new/",
            _action_form(objective, **overrides),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    row = response.context["form"].formsets["costs"].forms[0]
    assert field in row.errors
    assert 'value="Көпүрө"' in response.content.decode()  # nothing typed is lost
    assert not Action.objects.filter(code="9.9.9").exists()


def test_dates_outside_the_period_are_refused(client, body_a, editor_a):
    objective = factories.objective(factories.goal(factories.plan(body_a, start=2025, end=2026)))
    client.force_login(editor_a)
    response = client.post(
        "/admin/plans/actions/new/", _action_form(objective, ends_on="2027-01-10")
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert not Action.objects.filter(code="9.9.9").exists()


def _published_report(body):
    plan = factories.full_plan(body, actions=1)
    member = factories.jmeg_member(body, username=f"jmeg-{body.slug}")
    report = services.file_report(
        member=member,
        plan=plan,
        period="2025",
        checked="Суу",
        findings="Кечигүү",
        recommendations=["Бүтүрүү", "Отчёт"],
    )
    return services.publish_report(member=member, report=report)


def test_staff_answer_a_recommendation_and_the_author_is_told(
    client, body_a, editor_a, mailoutbox, django_capture_on_commit_callbacks
):
    report = _published_report(body_a)
    item = report.recommendations.first()
    client.force_login(editor_a)
    listing = client.get("/admin/plans/reports/")
    assert f"/admin/plans/reports/{report.pk}/" in listing.content.decode()
    empty = client.post(
        f"/admin/plans/reports/{report.pk}/", {"item": item.pk, f"{item.pk}-answer": ""}
    )
    assert empty.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/plans/reports/{report.pk}/",
            {"item": item.pk, f"{item.pk}-answer": "Апрелде бүтөт"},
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.answer == "Апрелде бүтөт" and item.answered_by == editor_a
    assert len(mailoutbox) == 1
    public = client.get(f"/burana/ru/plans/reports/{report.pk}/").content.decode()
    assert "Апрелде бүтөт" in public


def test_staff_of_another_body_and_supervisors_cannot_answer(client, body_a, editor_b):
    report = _published_report(body_a)
    item = report.recommendations.first()
    data = {"item": item.pk, f"{item.pk}-answer": "Жок"}
    client.force_login(editor_b)
    assert client.get(f"/admin/plans/reports/{report.pk}/").status_code == 404
    assert client.post(f"/admin/plans/reports/{report.pk}/", data).status_code == 404
    supervisor = get_user_model().objects.create_user("supervisor", password="x" * 12)
    supervisor.groups.add(grant_supervisor_reading())
    client.force_login(supervisor)
    assert client.get(f"/admin/plans/reports/{report.pk}/").status_code == 200
    assert client.post(f"/admin/plans/reports/{report.pk}/", data).status_code == 403
    item.refresh_from_db()
    assert item.answer == ""


def test_draft_reports_are_not_shown_to_staff(client, body_a, editor_a):
    plan = factories.full_plan(body_a, actions=1)
    member = factories.jmeg_member(body_a)
    draft = services.file_report(
        member=member, plan=plan, period="2025", checked="a", findings="b", recommendations=["c"]
    )
    client.force_login(editor_a)
    assert client.get(f"/admin/plans/reports/{draft.pk}/").status_code == 404
    assert Plan.objects.count() == 1


def test_an_indicator_takes_one_target_and_one_actual_a_year(client, body_a, editor_a):
    plan = factories.plan(body_a)
    client.force_login(editor_a)
    data = {
        "plan": plan.pk,
        "title_ky": "Суу",
        "unit": "%",
        "direction": "up",
        "baseline_year": "2024",
        "baseline": "40",
        "values-TOTAL_FORMS": "2",
        "values-INITIAL_FORMS": "0",
        "values-MIN_NUM_FORMS": "0",
        "values-MAX_NUM_FORMS": "60",
        "values-0-year": "2025",
        "values-0-kind": "target",
        "values-0-value": "50",
        "values-0-ORDER": "1",
        "values-0-id": "",
        "values-1-year": "2025",
        "values-1-kind": "target",
        "values-1-value": "55",
        "values-1-ORDER": "2",
        "values-1-id": "",
    }
    response = client.post("/admin/plans/indicators/new/", data)
    assert response.status_code == 200
    assert "year" in response.context["form"].formsets["values"].forms[1].errors
    data["values-1-kind"] = "actual"
    assert client.post("/admin/plans/indicators/new/", data).status_code == 302
    assert plan.indicators.get().values.count() == 2


def test_the_list_of_plans_says_published_in_words_not_true_or_false(client, body_a, editor_a):
    from django.conf import settings

    factories.plan(body_a, title_ky="Суу программасы", published=True)
    factories.plan(body_a, title_ky="Жол программасы", published=False)
    client.force_login(editor_a)
    html = client.get("/admin/plans/plans/").content.decode()
    cells = [row.split("</tr>", 1)[0] for row in html.split("<tr")[1:]]
    with translation.override(settings.LANGUAGE_CODE):  # the admin's language
        yes, no = translation.gettext("Yes"), translation.gettext("No")
    published = next(row for row in cells if "Суу программасы" in row)
    draft = next(row for row in cells if "Жол программасы" in row)
    assert f">{yes}</td>" in published and f">{no}</td>" in draft
    assert ">True<" not in html and ">False<" not in html
