"""Public budget pages of a body: charts with their tables, per resident, the years before."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from achyk.bodies.tests import factories as body_factories
from achyk.budget.formatting import currency_name
from achyk.budget.models import Classification, StageName
from achyk.budget.services import LineIn, replace_stage
from achyk.budget.tests.factories import line, small_budget

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(NBSP, " ")


def som(language: str) -> str:
    with translation.override(language):
        return currency_name("KGS")


def figures_of(html: str) -> list[str]:
    return re.findall(r'<figure class="chart.*?</figure>', html, re.S)


@pytest.fixture
def burana(body_a):
    body_a.population = 12000
    body_a.save()
    small_budget(body_a, year=2026)
    return body_a


def test_year_page_shows_revenue_and_expenditure_by_category_as_charts_with_tables(client, burana):
    response = client.get("/burana/ru/budget/2026/")
    assert response.status_code == 200
    figures = figures_of(response.content.decode())
    # revenue, expenditure, quarters, per resident: each an SVG image with its own table
    assert len(figures) == 4
    for figure in figures:
        assert 'role="img"' in figure and "<table>" in figure
    text = text_of(response)
    # approved revenue: taxes 1 250 000,30 + transfers 3 000 000,00 = 4 250 000 (whole som)
    assert f"4 250 000 {som('ru')}" in text
    assert "Налоги" in text and "Официальные трансферты" in text
    assert "Образование" in text


def test_year_page_reads_in_kyrgyz(client, burana):
    text = text_of(client.get("/burana/ky/budget/2026/"))
    assert "Салыктар" in text and "Билим берүү" in text
    assert f"4 250 000 {som('ky')}" in text


def test_plan_against_execution_by_quarter_shows_cumulative_share_of_the_plan(client, burana):
    html = client.get("/burana/ru/budget/2026/").content.decode()
    quarters = next(f for f in figures_of(html) if "chart-column" in f)
    # expenditure plan 4 200 000,15; executed 600 000 + 650 000 = 1 250 000 → 29,8 %
    assert "29,8" in quarters and "14,3" in quarters
    text = text_of(client.get("/burana/ru/budget/2026/"))
    assert f"1 250 000 {som('ru')}" in text


def test_per_resident_amounts_come_from_the_body_population(client, burana):
    text = text_of(client.get("/burana/ru/budget/2026/"))
    # approved expenditure 4 200 000,15 / 12 000 residents = 350 som each
    assert f"350 {som('ru')}" in text


def test_without_population_no_amount_per_resident_is_invented(client, body_a):
    small_budget(body_a, year=2026)
    html = client.get("/burana/ru/budget/2026/").content.decode()
    assert len(figures_of(html)) == 3


def test_years_before_are_compared_when_published(client, burana):
    earlier = [line("1111", "900000.00"), line("2111", "800000.00", functional="7011")]
    replace_stage(body=burana, year=2025, stage=StageName.APPROVED, lines=earlier, by=None)
    html = client.get("/burana/ru/budget/2026/").content.decode()
    history = [f for f in figures_of(html) if "2025" in f and "2026" in f]
    assert history, "no chart compares 2026 with 2025"
    assert "900 000" in history[0].replace(NBSP, " ")
    index = text_of(client.get("/burana/ru/budget/"))
    assert "2025" in index and "2026" in index


def test_the_budget_of_kazakh_body_is_in_tenge(client, platform):
    body = body_factories.body(slug="akkol", country="KZ", name="Ақкөл")
    code = Classification.objects.filter(country="KZ", kind="economic", direction="revenue")
    lines = [LineIn(direction="revenue", economic_id=code.first().pk, amount=Decimal("1500.00"))]
    replace_stage(body=body, year=2026, stage=StageName.APPROVED, lines=lines, by=None)
    text = text_of(client.get("/akkol/ru/budget/2026/"))
    with translation.override("ru"):
        assert f"1 500 {currency_name('KZT')}" in text


def test_another_body_has_no_budget_under_its_address(client, burana, body_b):
    assert client.get("/kok-jar/ru/budget/2026/").status_code == 404
    assert client.get("/burana/ru/budget/2019/").status_code == 404
    assert client.get("/ru/budget/").status_code == 404


def test_the_body_navigation_links_to_the_budget(client, burana):
    html = client.get("/burana/ky/").content.decode()
    assert 'href="/burana/ky/budget/"' in html


def test_descriptions_are_escaped(client, burana):
    html = client.get("/burana/ru/budget/2026/").content.decode()
    assert "<script>alert" not in html


def test_year_page_queries_are_pinned(client, burana, django_assert_max_num_queries, settings):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    client.get("/burana/ru/budget/2026/")  # warm the site's caches
    # 30 before the budget and its act held the page's body, the documents section was found
    # in two queries fewer (the site's root paths read once, its homes in one query) and the
    # budget's sums were read in one query for every figure (selectors.LineSums); 17 before
    # the codes the page names were read in one query (`LineSums.codes`)
    with django_assert_max_num_queries(16):
        assert client.get("/burana/ru/budget/2026/").status_code == 200
    # The first page shows the current year in full, as its year page does (it was 14 when
    # it showed only the totals of the newest year; 27 before it listed what the lines fund,
    # 29 before the budget's sums were read once, 17 before its codes were read at once).
    with django_assert_max_num_queries(16):
        assert client.get("/burana/ru/budget/").status_code == 200
