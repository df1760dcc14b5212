"""A priority of the needs study and the joint action plan's step that answers it, linked
both ways through the references seam of `bodies` (neither app imports the other)."""

import pytest
from django.forms import modelform_factory

from achyk.bodies import references
from achyk.participation.forms import PriorityForm
from achyk.participation.needs.models import Priority
from achyk.participation.tests import test_public
from achyk.plans.tests import factories as plans

pytestmark = pytest.mark.django_db


def test_the_study_links_the_step_and_the_step_names_the_priority(client, body_a):
    study, water, _road = test_public._ranked_study(body_a)
    step = plans.full_plan(body_a).actions.first()
    water.answered_by = f"plans.step:{step.pk}"
    water.save()

    study_page = client.get(f"/burana/ru/participation/needs/{study.pk}/").content.decode()
    assert f'href="/burana/ru/plans/actions/{step.pk}/"' in study_page

    action_page = client.get(f"/burana/ru/plans/actions/{step.pk}/").content.decode()
    assert f'href="/burana/ru/participation/needs/{study.pk}/#priority-{water.pk}"' in action_page
    assert "Таза суу" in action_page


def test_a_draft_plans_step_is_not_linked_in_public(client, body_a):
    study, water, _road = test_public._ranked_study(body_a)
    step = plans.full_plan(body_a, published=False).actions.first()
    water.answered_by = f"plans.step:{step.pk}"
    water.save()
    study_page = client.get(f"/burana/ru/participation/needs/{study.pk}/").content.decode()
    assert f"/plans/actions/{step.pk}/" not in study_page


def test_the_priority_form_offers_only_the_body_s_own_steps(body_a, body_b, editor_a):
    study, water, _road = test_public._ranked_study(body_a)
    own = plans.full_plan(body_a).actions.first()
    other = plans.full_plan(body_b).actions.first()
    form_class = modelform_factory(Priority, form=PriorityForm, fields=["answered_by"])
    form = form_class(instance=water, for_user=editor_a)
    offered = {key for key, _label in form.fields["answered_by"].choices}
    assert f"plans.step:{own.pk}" in offered
    assert f"plans.step:{other.pk}" not in offered
    data = {"answered_by": f"plans.step:{other.pk}"}
    form = form_class(data=data, instance=water, for_user=editor_a)
    assert not form.is_valid() and "answered_by" in form.errors


def test_the_steps_a_priority_form_offers_cost_one_query_however_many(
    body_a, django_assert_num_queries
):
    plans.full_plan(body_a, actions=2)
    plans.full_plan(body_a, actions=2, start=2030, end=2034)
    with django_assert_num_queries(1):  # each action's and plan's title falls back to the body
        offered = references.choices("plans.step", body_a, "ru")
    assert len(offered) == 4
    assert all(" · " in label for _key, label in offered)  # "plan · code title"
