"""A monitoring group member with two-step sign-in gives a code on the public site; until then
the site treats them as a reader who has not signed in."""

from datetime import timedelta

import pytest
import time_machine

from achyk.bodies.tests.factories import PASSWORD
from achyk.transparency import flags as flag_services

from .helpers import app_code, enrolled


@pytest.fixture
def member(body_a):
    return flag_services.register_jmeg_member(
        body=body_a, username="nurlan", first_name="Нурлан", last_name="Үсөнов",
        email="nurlan@example.kg", password=PASSWORD, by=None,
    ).user  # fmt: skip


def test_a_member_without_it_signs_in_with_the_password(client, member):
    response = client.post("/ky/login/", {"username": "nurlan", "password": PASSWORD})
    assert response["Location"] == "/burana/ky/transparency/"


def test_a_member_with_it_gives_a_code_before_flagging(client, member):
    device, _codes = enrolled(member)
    with time_machine.travel(timedelta(seconds=60)):
        response = client.post("/ky/login/", {"username": "nurlan", "password": PASSWORD})
        assert response["Location"] == "/ky/login/verify/?next=%2Fburana%2Fky%2Ftransparency%2F"
        # With the password alone the member is a reader who has not signed in.
        assert client.post("/burana/ky/transparency/flag/", {}).status_code == 403
        page = client.get("/ky/login/verify/?next=/burana/ky/transparency/")
        assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.content.decode()

        response = client.post(
            "/ky/login/verify/", {"code": app_code(device), "next": "/burana/ky/transparency/"}
        )

    assert response["Location"] == "/burana/ky/transparency/"
    assert client.post("/burana/ky/transparency/flag/", {}).status_code == 400  # a form error


def test_a_member_sets_it_up_on_the_public_site(client, member):
    client.force_login(member)
    page = client.get("/ru/login/two-step/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = member.totpdevice_set.get()
    response = client.post("/ru/login/two-step/", {"code": app_code(device)})
    assert response.status_code == 200
    assert response.content.decode().count("<li><code>") == 10


def test_setting_it_up_asks_a_reader_to_sign_in_first(client, db, platform):
    response = client.get("/ky/login/two-step/")
    assert response.status_code == 302 and response["Location"].startswith("/ky/login/")
