"""The platform's home as a reader sees it: the ways into the platform-wide pages, the best
and the weakest bodies of the transparency rating, every body with its score."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from achyk.transparency.models import BodySummary

from .layers import scored


def shown(index: str, language: str) -> str:
    """A score as the page writes it: 90,0 % in Russian, 90.0 % in Kyrgyz."""
    return (index.replace(".", ",") if language == "ru" else index) + "\xa0%"


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_platform_home_leads_to_rating_registry_search_budget_data_and_methodology(
    client, body_a, body_b, language
):
    year = timezone.localdate().year
    html = client.get(f"/{language}/").content.decode()
    for url in [f"/{language}/transparency/rating/", f"/{language}/registry/",
                f"/{language}/search/", f"/{language}/budget/export/{year}.csv",
                f"/{language}/transparency/methodology/"]:  # fmt: skip
        assert f'href="{url}"' in html, url
        assert client.get(url).status_code == 200, url


def test_platform_home_shows_the_three_best_and_three_weakest_bodies_with_scores(client, rated):
    html = client.get("/ru/").content.decode()
    ends = section(html, "h-rating")
    best, weakest = ends.split("<h3>")[1], ends.split("<h3>")[2]
    assert re.findall(r'href="/([a-z-]+)/ru/transparency/"', best) == ["burana", "alpha", "beta"]
    assert re.findall(r'href="/([a-z-]+)/ru/transparency/"', weakest) == [
        "delta",
        "epsilon",
        "kok-jar",
    ]
    assert "Бурана (ru)" in best and shown("90.0", "ru") in best
    assert "Көк-Жар (ru)" in weakest and shown("10.0", "ru") in weakest
    assert "gamma" not in ends  # the middle of the rating is on the rating page
    assert 'href="/ru/transparency/rating/"' in ends


def test_platform_home_lists_every_body_with_its_score_and_transparency_page(client, rated):
    html = client.get("/ky/").content.decode()
    listing = html[html.index('id="body-q"') :]
    assert 'href="/burana/ky/"' in listing and 'href="/kok-jar/ky/"' in listing
    assert 'href="/burana/ky/transparency/"' in listing
    assert 'href="/kok-jar/ky/transparency/"' in listing
    burana = listing[listing.index('href="/burana/ky/"') :].split("</li>", 1)[0]
    assert shown("90.0", "ky") in burana


def test_a_body_not_scored_yet_says_so_and_is_not_in_the_rating(client, body_a, body_b):
    scored(body_a, "55.5")
    html = client.get("/en/").content.decode()
    kok_jar = html[html.index('href="/kok-jar/ky/"') :].split("</li>", 1)[0]
    assert "transparency: not scored yet" in kok_jar
    assert "Көк-Жар" not in section(html, "h-rating")
    assert shown("55.5", "en") in section(html, "h-rating")


def test_new_scores_show_at_once_on_the_cached_platform_home(
    client, body_a, body_b, settings, django_capture_on_commit_callbacks
):
    settings.CACHE_PAGE_SECONDS = 300
    scored(body_a, "40")
    assert shown("40.0", "ru") in client.get("/ru/").content.decode()
    assert client.get("/ru/")["X-Cache"] == "hit"
    from achyk.transparency import services

    with django_capture_on_commit_callbacks(execute=True):
        services.recompute(body_ids=[body_a.pk])
    index = BodySummary.objects.get(body=body_a).index
    response = client.get("/ru/")
    assert response["X-Cache"] == "miss"
    assert index != Decimal("40")
    assert shown("40.0", "ru") not in response.content.decode()


def test_platform_home_queries_stay_bounded(client, rated, django_assert_max_num_queries, settings):
    settings.CACHE_PAGE_SECONDS = 0
    client.get("/ru/")
    # Pages and bodies as before, and one query of the scores (bodies.scores).
    with django_assert_max_num_queries(15) as counted:
        assert client.get("/ru/").status_code == 200
    with django_assert_max_num_queries(len(counted) + 1):
        assert client.get("/ru/", {"q": "Бурана"}).status_code == 200
