"""A body's rows are read in the reader's language, else in the body's default language, then
Russian, Kyrgyz, Kazakh and English; the body itself is read only when that fallback is needed."""

from django.utils import translation

from achyk.bodies.tests import factories as bodies
from achyk.plans.models import Goal
from achyk.plans.tests import factories as plans


def test_rows_written_in_the_reader_s_language_are_titled_without_reading_their_body(
    body_a, django_assert_num_queries
):
    plan = plans.plan(body_a)
    for number in (1, 2, 3):
        plans.goal(plan, number, title_ky=f"Максат {number}", title_ru=f"Цель {number}")
    goals = list(Goal.objects.filter(body=body_a).order_by("number"))
    with translation.override("ru"), django_assert_num_queries(0):
        assert [str(goal) for goal in goals] == ["1. Цель 1", "2. Цель 2", "3. Цель 3"]


def test_a_row_without_the_reader_s_language_falls_back_to_its_body_s_language_first(
    body_a, platform
):
    kazakh = bodies.body(slug="almaty-ak", country="KZ", name="Алатау")
    plan = plans.plan(kazakh, title_ky="", title_ru="ПСЭР", title_kk="ӘЭДБ")
    plans.goal(plan, 1, title_ky="", title_ru="Цель", title_kk="Мақсат")
    plans.goal(plans.plan(body_a), 1, title_ky="Максат", title_ru="Цель")
    kyrgyz_goal, kazakh_goal = Goal.objects.order_by("body__country", "pk")  # KG, KZ
    with translation.override("en"):
        assert kazakh_goal.title == "Мақсат"  # the body's own language (kk), before Russian
        assert kyrgyz_goal.title == "Максат"  # the body's own language (ky), before Russian
    with translation.override("ky"):
        assert kazakh_goal.title == "Мақсат"
    assert kyrgyz_goal.translated("title", "kk") == "Максат"
