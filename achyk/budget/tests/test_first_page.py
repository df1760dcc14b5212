"""The first page of a body's budget opens on the current year: the plan against execution,
its charts and its open data; next year's draft is linked beside it, never shown instead."""

import datetime
import re

import pytest
import time_machine
from django.utils import translation

from achyk.budget.models import StageName
from achyk.budget.services import replace_stage
from achyk.budget.tests.factories import line, small_budget

pytestmark = pytest.mark.django_db

SEPTEMBER_2026 = datetime.datetime(2026, 9, 15, 6, tzinfo=datetime.UTC)


def draft(body, year):
    replace_stage(body=body, year=year, stage=StageName.DRAFT,
                  lines=[line("1111", "2000000.00"), line("2111", "1900000.00", functional="7011")],
                  by=None)  # fmt: skip


@pytest.fixture
def budgets(body_a, body_b):
    """Burana: 2026 approved with two quarters executed, and the 2027 draft. Kok-Jar: only
    a 2027 draft."""
    body_a.population = 12000
    body_a.save()
    small_budget(body_a, year=2026)
    draft(body_a, 2027)
    draft(body_b, 2027)


def first_page(client, url) -> str:
    with time_machine.travel(SEPTEMBER_2026, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_budget_opens_on_this_year_with_execution_charts_and_open_data(client, budgets, language):
    html = first_page(client, f"/burana/{language}/budget/")
    main = html[html.index('<main id="main"') :]
    current = main[main.index('id="h-current"') :]
    assert "2026" in current.split("</h2>", 1)[0]
    assert 'id="h-quarters"' in current  # plan against execution by quarter
    figures = re.findall(r'<figure class="chart.*?</figure>', current, re.S)
    assert len(figures) >= 3 and all("<table>" in figure for figure in figures)
    for data in ("data.csv", "data.json", "datapackage.json"):
        assert f'href="/burana/{language}/budget/2026/{data}"' in current
    assert "/budget/2027/data" not in main


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_next_years_draft_is_linked_beside_this_year(client, budgets, language):
    html = first_page(client, f"/burana/{language}/budget/")
    later = html[html.index('id="h-later"') :].split("</aside>", 1)[0]
    assert f'href="/burana/{language}/budget/2027/"' in later
    with translation.override(language):
        assert str(StageName.DRAFT.label) in later
    assert html.index('id="h-later"') < html.index('id="h-current"')


def test_a_body_with_only_a_draft_opens_on_it_with_nothing_beside(client, budgets):
    html = first_page(client, "/kok-jar/ru/budget/")
    assert "2027" in html[html.index('id="h-current"') :].split("</h2>", 1)[0]
    assert 'id="h-later"' not in html
    assert 'href="/kok-jar/ru/budget/2027/data.csv"' in html
    assert "/burana/" not in html[html.index('<main id="main"') :]


def test_in_a_new_year_before_its_budget_the_last_year_stays_first(client, budgets):
    with time_machine.travel(datetime.datetime(2028, 1, 10, tzinfo=datetime.UTC), tick=False):
        html = client.get("/burana/ru/budget/").content.decode()
    assert "2027" in html[html.index('id="h-current"') :].split("</h2>", 1)[0]
    assert 'id="h-later"' not in html


def test_first_page_queries_are_pinned(client, budgets, django_assert_max_num_queries, settings):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    first_page(client, "/burana/ru/budget/")  # warm the site's caches
    with django_assert_max_num_queries(18):  # the year page's, and the stages of next year
        first_page(client, "/burana/ru/budget/")
