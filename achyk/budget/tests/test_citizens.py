"""The Citizens' Budget: the public page in each language with figures from the budget data,
and its editing by the body's staff in the admin."""

import re

import pytest
from django.utils import translation

from achyk.bodies.tests import factories as body_factories
from achyk.budget.citizens.models import CitizensBudget
from achyk.budget.formatting import currency_name
from achyk.budget.tests.factories import small_budget
from achyk.budget.tests.factories_citizens import citizens_budget

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


@pytest.fixture
def burana(body_a):
    body_a.population = 12000
    body_a.phone = "+996 3138 6-12-34"
    body_a.save()
    small_budget(body_a, year=2026)
    return body_a


def test_citizens_budget_reads_in_kyrgyz_and_russian_with_figures_from_the_data(client, burana):
    citizens_budget(burana)
    ky = text_of(client.get("/burana/ky/budget/2026/citizens/approved/"))
    ru = text_of(client.get("/burana/ru/budget/2026/citizens/approved/"))
    assert "айыл өкмөтүнүн түшүндүрмөсү" in ky and "пояснение" not in ky
    assert "пояснение айыл окмоту" in ru and "түшүндүрмөсү" not in ru
    with translation.override("ru"):
        assert f"4 250 000 {currency_name('KGS')}" in ru  # approved revenue
    assert "+996 3138 6-12-34" in ru  # contacts come from the body's data
    assert "Билим берүү" in ky  # a development priority: the largest spending areas


def test_texts_are_escaped_and_split_into_paragraphs(client, burana):
    citizens_budget(burana, general_ru="Первый абзац.\n\nВторой <b>абзац</b>.")
    html = client.get("/burana/ru/budget/2026/citizens/approved/").content.decode()
    assert "<p>Первый абзац.</p>" in html
    assert "<p>Второй &lt;b&gt;абзац&lt;/b&gt;.</p>" in html
    assert "<script>alert" not in html


def test_unpublished_or_unknown_stage_or_other_body_is_404(client, burana, body_b):
    citizens_budget(burana, stage="draft", published=False)
    citizens_budget(body_b)
    assert client.get("/burana/ru/budget/2026/citizens/draft/").status_code == 404
    assert client.get("/burana/ru/budget/2026/citizens/approved/").status_code == 404
    assert client.get("/burana/ru/budget/2026/citizens/nonsense/").status_code == 404
    assert client.get("/kok-jar/ru/budget/2026/citizens/approved/").status_code == 200


def test_without_budget_data_the_text_is_shown_with_a_notice(client, body_a):
    citizens_budget(body_a, year=2031)
    response = client.get("/burana/ru/budget/2031/citizens/approved/")
    assert response.status_code == 200
    assert 'class="notice"' in response.content.decode()


def test_year_page_and_index_link_the_citizens_budget(client, burana):
    citizens_budget(burana)
    for url in ("/burana/ru/budget/", "/burana/ru/budget/2026/"):
        html = client.get(url).content.decode()
        assert 'href="/burana/ru/budget/2026/citizens/approved/"' in html
        assert 'href="/burana/ru/budget/2026/citizens/approved/pdf/"' in html


def test_citizens_page_queries_are_pinned(client, burana, django_assert_max_num_queries, settings):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    citizens_budget(burana)
    client.get("/burana/ru/budget/2026/citizens/approved/")
    with django_assert_max_num_queries(15):
        assert client.get("/burana/ru/budget/2026/citizens/approved/").status_code == 200


def _form(**overrides):
    data = {"year": "2026", "stage": "approved", "general_ky": "Жалпы маалымат",
            "general_ru": "Общие сведения", "is_published": "on"}  # fmt: skip
    data.update(overrides)
    return data


def test_editor_creates_a_citizens_budget_of_their_own_body(client, burana):
    editor = body_factories.staff(burana)
    client.force_login(editor)
    response = client.post("/admin/citizens-budgets/new/", _form())
    assert response.status_code == 302, response.content.decode()[:3000]
    item = CitizensBudget.objects.get()
    assert item.body == burana and item.is_published and item.published_at is not None
    assert client.get("/burana/ky/budget/2026/citizens/approved/").status_code == 200


def test_the_same_year_and_stage_twice_is_refused_with_a_message(client, burana):
    citizens_budget(burana)
    client.force_login(body_factories.staff(burana))
    response = client.post("/admin/citizens-budgets/new/", _form())
    assert response.status_code == 200
    assert CitizensBudget.objects.count() == 1
    assert response.context["form"].errors["stage"]


def test_a_text_longer_than_the_print_allows_is_refused(client, burana):
    client.force_login(body_factories.staff(burana))
    response = client.post("/admin/citizens-budgets/new/", _form(general_ru="ы" * 1501))
    assert response.status_code == 200
    assert response.context["form"].errors["general_ru"]
    assert not CitizensBudget.objects.exists()


def test_editor_of_another_body_gets_404_on_edit(client, burana, body_b):
    item = citizens_budget(burana)
    client.force_login(body_factories.staff(body_b))
    assert client.get(f"/admin/citizens-budgets/edit/{item.pk}/").status_code == 404
    listing = client.get("/admin/citizens-budgets/").content.decode()
    assert "2026" not in listing or f"/edit/{item.pk}/" not in listing


def test_kazakh_fields_are_left_out_for_a_kyrgyz_body(client, burana):
    client.force_login(body_factories.staff(burana))
    form = client.get("/admin/citizens-budgets/new/").context["form"]
    assert "general_ky" in form.fields and "general_ru" in form.fields
    assert "general_kk" not in form.fields and "body" not in form.fields
