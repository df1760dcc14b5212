"""The version for the visually impaired, images off: the budget year page and the body's
transparency page keep their charts (inline SVG, not images) and each chart's data table."""

import re

import pytest

from achyk.ui.accessibility import COOKIE_NAME

from .factories import small_budget

pytestmark = pytest.mark.django_db

NO_IMAGES = "s=xl.c=inverse.p=wide.i=0"


def charts_of(html: str) -> list[str]:
    return re.findall(r'<figure class="chart.*?</figure>', html, re.S)


def test_budget_year_charts_keep_svg_and_table_with_images_off(client, body_a):
    small_budget(body_a, year=2026)
    client.cookies[COOKIE_NAME] = NO_IMAGES
    response = client.get("/burana/ky/budget/2026/")
    html = response.content.decode()
    assert response.status_code == 200 and "a11y-no-images" in html
    figures = charts_of(html)
    assert figures
    for figure in figures:
        assert "<svg" in figure and "<table" in figure and "<img" not in figure
