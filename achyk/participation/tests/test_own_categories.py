"""A body's own categories on problems, beside the platform's sectors and categories of
residents: its editors manage them, its focus groups' problems take them, readers see them;
another body's editor never sees nor picks them (the isolation walk aims at them too)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from achyk.participation.models import OwnCategory, Problem, ProblemCategory

from . import factories as f
from .test_admin import _focus_group_form

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_category_of_problems_and_a_problem_takes_it(client, body_a, editor_a):
    study = f.study(body_a)
    client.force_login(editor_a)
    response = client.post("/admin/participation_problem_categories/new/",
                           {"name_ky": "Жайыттар <b>", "name_ru": "Пастбища"})  # fmt: skip
    assert response.status_code == 302
    pastures = ProblemCategory.objects.get()
    assert pastures.body == body_a
    residents = OwnCategory.objects.create(body=body_a, name_ky="Мигранттар")
    form = client.get("/admin/participation_focus_groups/new/").content.decode()
    assert "Жайыттар &lt;b&gt;" in form and "Мигранттар" in form
    data = _focus_group_form(study) | {"problems-0-own_category": str(pastures.pk),
                                       "problems-0-raised_by": residents.code}  # fmt: skip
    response = client.post("/admin/participation_focus_groups/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    problem = Problem.objects.get()
    assert (problem.own_category, problem.raised_by) == (pastures, residents.code)
    page = client.get(f"/burana/ru/participation/needs/{study.pk}/").content.decode()
    assert " · Пастбища" in page  # beside the platform's sector


def test_another_body_s_editor_never_sees_nor_picks_them(client, body_a, body_b, editor_b):
    mine = ProblemCategory.objects.create(body=body_a, name_ky="СЕКРЕТ жайыттар")
    residents = OwnCategory.objects.create(body=body_a, name_ky="СЕКРЕТ мигранттар")
    study_b = f.study(body_b)
    client.force_login(editor_b)
    listing = client.get("/admin/participation_problem_categories/").content.decode()
    assert "СЕКРЕТ" not in listing
    edit = f"/admin/participation_problem_categories/edit/{mine.pk}/"
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"name_ky": "Башка"}).status_code == 404
    form = client.get("/admin/participation_focus_groups/new/").content.decode()
    assert "СЕКРЕТ" not in form
    messages = {
        "own_category": forms.ModelChoiceField.default_error_messages["invalid_choice"],
        "raised_by": forms.ChoiceField.default_error_messages["invalid_choice"],
    }
    for field, value in (("own_category", str(mine.pk)), ("raised_by", residents.code)):
        data = _focus_group_form(study_b) | {f"problems-0-{field}": value}
        response = client.post("/admin/participation_focus_groups/new/", data)
        assert response.status_code == 200
        with translation.override("ky"):  # the admin speaks Kyrgyz
            message = str(messages[field]) % {"value": value}
        assert message in response.content.decode()
    assert not Problem.objects.exists()
    mine.refresh_from_db()
    assert mine.name_ky == "СЕКРЕТ жайыттар"


def test_a_category_is_named_in_one_language_at_least(body_a):
    with pytest.raises(ValidationError) as error:
        ProblemCategory(body=body_a).full_clean()
    with translation.override("ru"):  # the message is translated when it is read
        assert error.value.messages == ["Назовите категорию хотя бы на одном языке."]


def test_the_study_page_shows_a_problem_s_own_category_without_more_queries(
    client, body_a, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0
    study = f.study(body_a)
    category = ProblemCategory.objects.create(body=body_a, name_ky="Жайыттар", name_ru="Пастбища")
    for n in range(4):
        group = f.focus_group(study, days=n)
        f.problem(group, own_category=category)
        f.problem(group)
    url = f"/burana/ru/participation/needs/{study.pk}/"
    client.get(url)
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert page.count("Пастбища") == 4
