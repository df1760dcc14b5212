"""Participation statistics: counts by activity, age and category; cells under 5 hidden."""

import re

import pytest
from django.utils import timezone

from achyk.participation.statistics.tables import suppress

from . import factories as f

pytestmark = pytest.mark.django_db


def _cells(html: str, table: str) -> list[list[str]]:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows[1:]]


def test_small_counts_are_suppressed():
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


def test_a_body_s_statistics_count_by_activity_age_and_category(client, body_a):
    study = f.study(body_a)
    f.focus_group(study, category="women", women=(0, 6, 9, 4), men=(0, 0, 0, 0))
    f.focus_group(study, category="youth", women=(3, 4, 0, 0), men=(2, 1, 0, 0))
    f.event(body_a, days=-1, women_30_59=12, men_30_59=11)
    f.group(body_a)  # one woman and one man: hidden
    year = timezone.localdate().year
    response = client.get(f"/burana/ru/participation/statistics/?year={year}")
    assert response.status_code == 200
    html = response.content.decode()
    categories = sorted(row[1:] for row in _cells(html, "by-category"))
    assert categories == [["19", "0", "19"], ["7", "—", "10"]]  # women's group; youth
    rows = _cells(html, "by-activity")
    assert rows[0][1:] == ["26", "—", "29"]  # focus groups: 26 women, 3 men (hidden)
    assert ["12", "11", "23"] in [row[1:] for row in rows]  # the gathering
    assert rows[-1][1:] == ["—", "—", "—"]  # groups: 1 woman and 1 man
    assert "<svg" in html


def test_the_platform_compares_bodies(client, body_a, body_b):
    f.focus_group(f.study(body_a), women=(5, 5, 5, 5), men=(1, 1, 1, 1))
    f.focus_group(f.study(body_b), women=(1, 0, 0, 0), men=(0, 0, 0, 0))
    html = client.get("/ru/participation/statistics/").content.decode()
    burana = re.search(r'data-body="burana">(.*?)</tr>', html, re.S).group(1)
    kok_jar = re.search(r'data-body="kok-jar">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", burana) == ["20", "—", "24"]
    assert re.findall(r"<td>(.*?)</td>", kok_jar) == ["—", "0", "—"]


def test_a_strange_year_shows_the_latest(client, body_a):
    for query in ("?year=abc", "?year=1", "?year=99999999999999999999"):
        assert client.get(f"/burana/ru/participation/statistics/{query}").status_code == 200
