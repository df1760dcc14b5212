"""No input to the monitor's addresses reaches a server error: hostile query strings on the
body's page, the rating and its exports, and JMEG sign-in and flag posts with missing or
garbage fields or another body's evidence answer with a page, their errors or a 4xx."""

import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from achyk.bodies.tests.factories import PASSWORD
from achyk.transparency import flags as flag_services
from achyk.transparency.followup import EvidenceFlag
from achyk.ui.tests.hostile import server_errors

from . import scored

HUGE = "1" * 21
QUERIES = [
    "sort=garbage", "sort=-", "sort=--index", "page=-1", f"page={10**20}", "page=abc", "page=",
    "territory=abc", f"territory={HUGE}", "territory=-1", "kind=nonsense", "language=xx",
    "threshold=NaN", "threshold=Infinity", "threshold=-1", "threshold=1e999", "threshold=abc",
    f"threshold={HUGE}", "threshold=50,5", "q=" + "x" * 10_000, "sort=" + "x" * 10_000,
    "sort='\"<>[]{}", "territory[]=1", "sort=index&sort=fill", "kind=%ff", "language=%c0%af",
]  # fmt: skip
PATHS = [
    "/burana/ky/transparency/", "/burana/ru/transparency/", "/ky/transparency/",
    "/ky/transparency/methodology/", "/burana/ky/transparency/methodology/",
    "/ky/transparency/rating/", "/ru/transparency/rating/duties/",
    "/ky/transparency/rating/hearing/", "/ky/transparency/rating/export.csv",
    "/ky/transparency/rating/export.xlsx", "/ky/transparency/rating/export.json",
    "/burana/ky/transparency/rating/",
]  # fmt: skip


@pytest.fixture
def world(provider, body_a, body_b):
    with time_machine.travel(scored.NOW, tick=False):
        scored.scored(provider, body_a, body_b)
        provider.add(body_b, key="test:page", language="ky", title="Көк-Жар жаңылыгы",
                     url="/kok-jar/ky/news/jangylyk/")  # fmt: skip
        from achyk.transparency import services

        services.recompute(at=scored.NOW)
    return body_a


def supervisor():
    user = get_user_model().objects.create_user("inspector", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Supervisors"))
    return user


def member_of(body, username="nurlan"):
    return flag_services.register_jmeg_member(
        body=body, username=username, first_name="Нурлан", last_name="Үсөнов",
        email=f"{username}@example.kg", password=PASSWORD, by=None,
    )  # fmt: skip


def hostile_urls() -> list[str]:
    return PATHS + [f"{path}?{query}" for path in PATHS for query in QUERIES]


def test_no_transparency_address_answers_with_a_server_error_to_a_reader(client, world):
    client.raise_request_exception = False
    assert server_errors(client, hostile_urls()) == []


def test_no_transparency_address_answers_with_a_server_error_to_a_supervisor(client, world):
    client.raise_request_exception = False
    client.force_login(supervisor())
    assert server_errors(client, hostile_urls()) == []


def test_no_transparency_address_answers_with_a_server_error_to_a_member(client, world):
    client.raise_request_exception = False
    client.force_login(member_of(world).user)
    assert server_errors(client, [u for u in hostile_urls() if "/burana/" in u]) == []


@pytest.mark.parametrize("threshold", ["NaN", "abc", "-1", "1e999", HUGE])
def test_a_bad_threshold_is_refused_with_a_translated_message(client, world, threshold):
    client.force_login(supervisor())
    response = client.get(f"/ky/transparency/rating/hearing/?threshold={threshold}")
    assert response.status_code == 400
    assert response.context["threshold_error"]
    assert '<html lang="ky"' in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [{}, {"username": "nurlan"}, {"password": PASSWORD},
     {"username": "x" * 10_000, "password": "x"},
     {"username": ["a", "b"], "password": ["c", "d"]}, {"username": "nurlan\x00", "password": "x"},
     {"username": "' OR 1=1 --", "password": "' OR 1=1 --", "next": "//evil.example/"},
     {"username": "nurlan", "password": PASSWORD, "next": "https://evil.example/"}],
)  # fmt: skip
def test_sign_in_with_garbage_is_refused_or_stays_on_this_site(client, world, data):
    member_of(world)
    client.raise_request_exception = False
    response = client.post("/burana/ky/login/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    else:
        assert response.context["form"].errors
        assert "_auth_user_id" not in client.session


FLAG = {"duty_code": "news", "evidence_url": "/burana/ky/news/jangylyk/", "kind": "incomplete",
        "comment": "Сүрөт жок"}  # fmt: skip
GARBAGE_FLAGS = [
    {}, {"duty_code": "nonexistent"}, {**FLAG, "duty_code": ""}, {**FLAG, "kind": "nonsense"},
    {**FLAG, "evidence_url": "/kok-jar/ky/news/jangylyk/"},
    {**FLAG, "evidence_url": "javascript:alert(1)"}, {**FLAG, "comment": "x" * 10_000},
    {**FLAG, "duty_code": ["news", "contacts"]}, {**FLAG, "duty_code": "x" * 10_000},
    {**FLAG, "duty_code": "news\x00"}, {**FLAG, "evidence_url": ["a", "b"]},
]  # fmt: skip


@pytest.mark.parametrize("data", GARBAGE_FLAGS)
def test_a_flag_with_garbage_is_shown_again_with_its_errors(client, world, data):
    client.force_login(member_of(world).user)
    client.raise_request_exception = False
    response = client.post("/burana/ky/transparency/flag/", data)
    assert response.status_code == 400
    assert response.context["failed_form"].errors
    assert '<html lang="ky"' in response.content.decode()
    assert not EvidenceFlag.objects.exists()


def test_a_flag_of_another_bodys_evidence_is_refused(client, world, body_b):
    client.force_login(member_of(world).user)
    response = client.post(
        "/burana/ky/transparency/flag/", {**FLAG, "evidence_url": "/kok-jar/ky/news/jangylyk/"}
    )
    assert response.status_code == 400
    assert response.context["failed_form"].errors["evidence_url"]
    # and a member of this body cannot flag on the other body's page
    response = client.post("/kok-jar/ky/transparency/flag/", FLAG)
    assert response.status_code == 403
    assert not EvidenceFlag.objects.exists()


@pytest.mark.parametrize("url", ["/ky/transparency/flag/", "/burana/ky/transparency/flag/"])
def test_a_flag_from_anyone_but_a_member_is_refused(client, world, url):
    client.raise_request_exception = False
    assert client.post(url, FLAG).status_code == 403
    assert client.get(url).status_code == 405
    assert not EvidenceFlag.objects.exists()


def test_body_page_with_images_off_keeps_its_chart_svg_and_table(client, world):
    from achyk.transparency.models import Snapshot
    from achyk.ui.accessibility import COOKIE_NAME

    scored.history(world, [("40", "50", "30"), ("45", "55", "36"), ("50", "60", "40")])
    assert Snapshot.objects.filter(body=world).count() == 3
    client.cookies[COOKIE_NAME] = "s=xl.c=inverse.p=wide.i=0"
    response = client.get("/burana/ky/transparency/")
    html = response.content.decode()
    assert response.status_code == 200 and "a11y-no-images" in html
    figures = re.findall(r'<figure class="chart.*?</figure>', html, re.S)
    assert figures
    for figure in figures:
        assert "<svg" in figure and "<table" in figure and "<img" not in figure
