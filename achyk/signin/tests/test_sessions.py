"""Sessions end on the server when a user signs out (by POST only) or stays idle too long;
passwords are at least twelve characters and not common ones."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError

from achyk.bodies.tests.factories import PASSWORD
from achyk.demo import password as demo_password
from achyk.transparency import flags as flag_services


def test_an_idle_admin_session_ends_after_the_timeout(client, settings, editor_a):
    settings.ACHYK_IDLE_TIMEOUT = 8 * 3600
    client.post("/admin/login/", {"username": editor_a.username, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200
    with time_machine.travel(timedelta(hours=7, minutes=59)):
        assert client.get("/admin/").status_code == 200  # a request keeps it alive
    with time_machine.travel(timedelta(hours=7, minutes=59) + timedelta(hours=8, seconds=61)):
        response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("address", ["/admin/logout/", "/ky/logout/"])
def test_signing_out_is_a_post_and_ends_the_session_on_the_server(client, editor_a, address):
    client.post("/admin/login/", {"username": editor_a.username, "password": PASSWORD})
    assert client.get(address).status_code == 405  # a link or an image cannot sign anyone out
    client.post("/admin/login/", {"username": editor_a.username, "password": PASSWORD})
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    assert client.post(address).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "password", ["short-Бур4", "password1234", "qwertyuiop123", "1234567890123"]
)
def test_short_or_common_passwords_are_refused(password, db):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_the_tests_and_the_demos_passwords_pass_the_rules(db, tmp_path):
    validate_password(PASSWORD)
    for _ in range(20):
        validate_password(demo_password.choose(directory=tmp_path))


def test_a_members_public_session_ends_by_post_too(client, body_a):
    flag_services.register_jmeg_member(
        body=body_a, username="nurlan", first_name="Н", last_name="Ү",
        email="n@example.kg", password=PASSWORD, by=None,
    )  # fmt: skip
    client.post("/ky/login/", {"username": "nurlan", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    client.post("/ky/logout/")
    assert "_auth_user_id" not in client.session
