"""An action names the line of the body's budget that funds it: its code in a year's budget.
Staff choose among their own budget's lines only (another body's, or a made-up reference, is
refused and nothing is stored); the action's page and the plan's page show the line with
what the budget plans and has spent, linked to the budget's page; a new import of the
budget keeps the link (it names the budget and the code, not the rows)."""

import pytest
from django.core.exceptions import ValidationError

from achyk.plans.models import Action
from achyk.plans.validation import budget_line_choices

from . import factories
from .test_admin import _action_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(body_a, body_b):
    code, other_code = factories.expenditure_codes()
    own = factories.publish_budget(body_a, 2025, [(code, "1200000"), (other_code, "5000")])
    factories.publish_budget(body_a, 2025, [(code, "800000")], stage="executed")
    foreign = factories.publish_budget(body_b, 2025, [(code, "999")])
    plan = factories.plan(body_a)
    objective = factories.objective(factories.goal(plan))
    return (
        plan,
        objective,
        code,
        f"budget.line:{own.pk}-{code.pk}",
        f"budget.line:{foreign.pk}-{code.pk}",
    )


def test_staff_link_their_budget_line_and_readers_see_it_with_its_amounts(
    client, body_a, editor_a, funded
):
    plan, objective, code, own_key, _foreign = funded
    client.force_login(editor_a)
    form = client.get("/admin/plans/actions/new/").context["form"]
    offered = dict(form.fields["budget_line"].choices)
    assert own_key in offered and offered[own_key].startswith(f"2025 · {code.code}")
    response = client.post(
        "/admin/plans/actions/new/", _action_form(objective, budget_line=own_key)
    )
    assert response.status_code == 302, response.context["form"].errors
    action = Action.objects.get(code="9.9.9")
    assert action.budget_line == own_key
    client.logout()
    page = client.get(f"/burana/ru/plans/actions/{action.pk}/").content.decode()
    shown = page.split('id="budget-line">', 1)[1].split("</dd>", 1)[0]
    assert 'href="/burana/ru/budget/2025/#h-expenditure"' in shown and code.code in shown
    assert "1 200 000" in shown.replace("\xa0", " ") and "800 000" in shown.replace("\xa0", " ")
    plan_page = client.get(f"/burana/ru/plans/{plan.pk}/").content.decode()
    table = plan_page.split('id="budget-lines"', 1)[1].split("</table>", 1)[0]
    assert code.code in table and f"/burana/ru/plans/actions/{action.pk}/" in table


def test_a_new_import_of_the_budget_keeps_the_link(client, body_a, funded):
    plan, objective, code, own_key, _foreign = funded
    action = factories.action(objective, budget_line=own_key)
    factories.publish_budget(body_a, 2025, [(code, "1500000")])  # the lines are written again
    page = client.get(f"/burana/ru/plans/actions/{action.pk}/").content.decode()
    shown = page.split('id="budget-line">', 1)[1].split("</dd>", 1)[0]
    assert "1 500 000" in shown.replace("\xa0", " ")


@pytest.mark.parametrize(
    "reference",
    ["foreign", "budget.line:abc", "budget.line:1", "budget.line:99999-99999", "plans.step:1"],
)
def test_another_body_s_line_or_a_made_up_one_is_refused(
    client, body_a, editor_a, funded, reference
):
    plan, objective, _code, _own, foreign = funded
    reference = foreign if reference == "foreign" else reference
    client.force_login(editor_a)
    response = client.post(
        "/admin/plans/actions/new/", _action_form(objective, budget_line=reference)
    )
    assert response.status_code == 200
    assert "budget_line" in response.context["form"].errors
    assert not Action.objects.filter(code="9.9.9").exists()
    # and whatever writes an action without the form (a script, a service) is refused alike
    action = factories.action(objective)
    action.budget_line = reference
    with pytest.raises(ValidationError) as caught:
        action.full_clean()
    assert "budget_line" in caught.value.message_dict


def test_another_body_s_action_form_does_not_offer_this_body_s_lines(client, editor_b, funded):
    _plan, _objective, _code, own_key, foreign_key = funded
    client.force_login(editor_b)
    offered = dict(
        client.get("/admin/plans/actions/new/").context["form"].fields["budget_line"].choices
    )
    assert own_key not in offered and foreign_key in offered


def test_the_plan_page_reads_every_line_at_once(
    client, body_a, funded, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    _plan, _objective, _code, own_key, _foreign = funded
    second = next(k for k, _label in budget_line_choices(body_a) if k != own_key)
    pages = []
    for count in (2, 30):
        objective = factories.objective(factories.goal(factories.plan(body_a)))
        for index in range(count):
            factories.action(
                objective, code=f"1.1.{index}", budget_line=(own_key, second)[index % 2]
            )
        pages.append(f"/burana/ru/plans/{objective.goal.plan_id}/")
    client.get(pages[0])  # warm the site's caches
    runs = []
    for url in pages:
        with django_assert_max_num_queries(25) as run:
            page = client.get(url).content.decode()
        assert page.count("/burana/ru/budget/2025/#h-expenditure") == 2
        runs.append(len(run.captured_queries))
    assert runs[0] == runs[1]


def test_the_budget_year_page_lists_the_actions_each_line_funds(client, body_a, funded):
    plan, objective, code, own_key, foreign_key = funded
    action = factories.action(objective, code="2.1.1", title_ru="Ремонт водопровода",
                              budget_line=own_key)  # fmt: skip
    draft = factories.objective(factories.goal(factories.plan(body_a, published=False)))
    factories.action(draft, code="3.1.1", title_ru="Черновик", budget_line=own_key)
    url = "/burana/ru/budget/2025/"
    page = client.get(url).content.decode()
    table = page.split('id="funded"', 1)[1].split("</table>", 1)[0]
    row = table.split("<tbody>", 1)[1]
    assert row.count("<tr>") == 1 and code.code in row  # the one line that funds something
    assert (
        f'href="/burana/ru/plans/actions/{action.pk}/"' in row and "2.1.1 Ремонт водопровода" in row
    )
    assert "Черновик" not in page  # a draft plan's action is not public

    plan.is_published = False
    plan.save()  # the page cache forgets the budget's page with the plan
    assert 'id="funded"' not in client.get(url).content.decode()


def test_the_actions_a_year_page_lists_cost_no_query_however_many(
    client, body_a, funded, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    plan, objective, _code, own_key, _foreign = funded
    client.get("/burana/ru/budget/2025/")  # warm the site's caches
    with django_assert_max_num_queries(40) as bare:
        client.get("/burana/ru/budget/2025/")
    for index in range(5):
        factories.action(objective, code=f"4.1.{index}", budget_line=own_key)
    client.get("/burana/ru/budget/2025/")  # the body's caches, forgotten by the change
    with django_assert_max_num_queries(40) as linked:
        page = client.get("/burana/ru/budget/2025/").content.decode()
    assert page.count("/burana/ru/plans/actions/") == 5
    # the lines' names are among the codes the page has read for its charts
    assert len(linked.captured_queries) == len(bare.captured_queries)
