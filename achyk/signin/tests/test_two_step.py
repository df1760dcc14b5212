"""Two-step sign-in: required of platform admins, supervisors and body admins when
ACHYK_REQUIRE_2FA is on, offered to editors and monitoring group members; enrolment with a QR
code, the step after the password in the admin and on the public site, recovery codes, and a
platform admin's reset of a lost phone."""

import html
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from achyk.bodies.services import grant_supervisor_reading
from achyk.bodies.tests.factories import PASSWORD

from .helpers import app_code, enrolled

LOGIN = "/admin/login/"
SETUP = "/admin/two-step/setup/"
VERIFY = "/admin/two-step/verify/"


@pytest.fixture
def required(settings):
    settings.ACHYK_REQUIRE_2FA = True


@pytest.fixture
def platform_admin(platform):
    return get_user_model().objects.create_superuser(
        username="root", email="root@example.kg", password=PASSWORD
    )


@pytest.fixture
def supervisor(platform):
    user = get_user_model().objects.create_user(username="inspector", password=PASSWORD)
    user.groups.add(grant_supervisor_reading())
    return user


def sign_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD, **extra})


def test_on_the_embedded_default_a_password_alone_opens_the_admin_and_a_panel_offers_it(
    client, platform_admin
):
    response = sign_in(client, platform_admin)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert 'id="signin-two-step-section"' in html and 'href="/admin/two-step/setup/"' in html


@pytest.mark.django_db  # its users are fixtures it asks for by name
@pytest.mark.parametrize("who", ["platform_admin", "supervisor", "admin_a"])
def test_when_required_admins_and_supervisors_are_sent_to_set_it_up(client, required, who, request):
    user = request.getfixturevalue(who)
    sign_in(client, user)
    for address in ("/admin/", "/admin/pages/", "/admin/documents/"):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(f"{SETUP}?next=")
    assert client.get(SETUP).status_code == 200


def test_when_required_an_editor_may_still_work_without_it(client, required, editor_a):
    sign_in(client, editor_a)
    response = client.get("/admin/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    optional = (
        "Protect your account: after your password, a code from an app on your phone. "
        "It is optional for your role."
    )
    with translation.override(page.split('<html lang="')[1].split('"')[0]):
        assert translation.gettext(optional) in page


def test_setting_up_shows_a_qr_code_and_the_key_then_ten_recovery_codes_once(
    client, required, admin_a
):
    sign_in(client, admin_a)
    page = client.get(SETUP)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=admin_a, confirmed=False)
    figure = html.split('class="signin-qr">')[1]
    svg = figure[figure.index("<svg") : figure.index("</svg>")]
    assert "<path" in svg and "<script" not in svg and "style=" not in svg
    assert page["Cache-Control"].count("no-store") == 1
    assert app_code(device) not in html  # the key is shown, never a code
    key = html.split('class="signin-secret">')[1].split("<")[0].replace(" ", "")
    assert len(key) == 32

    response = client.post(SETUP, {"code": app_code(device)})

    html = response.content.decode()
    codes = list(StaticToken.objects.filter(device__user=admin_a).values_list("token", flat=True))
    assert response.status_code == 200 and len(codes) == 10
    assert all(f"<code>{code}</code>" in html for code in codes)
    assert "no-store" in response["Cache-Control"]
    assert client.get("/admin/").status_code == 200  # this session has proven the code
    assert "<code>" not in client.get("/admin/two-step/").content.decode()


def test_a_wrong_code_does_not_confirm_and_says_so_in_the_readers_language(
    client, required, admin_a
):
    client.cookies["django_language"] = "ru"
    sign_in(client, admin_a)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=admin_a, confirmed=True).exists()
    assert 'class="signin-secret"' in response.content.decode()  # the same key, again
    assert client.get("/admin/").status_code == 302


def test_after_the_password_an_enrolled_account_gives_a_code(client, required, admin_a):
    device, _codes = enrolled(admin_a)
    with time_machine.travel(timedelta(seconds=60)):
        assert sign_in(client, admin_a)["Location"] == "/admin/"
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
        wrong = "000 000" if app_code(device) != "000000" else "111 111"
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
        assert client.get("/admin/").status_code == 302
    # A wrong code slows the next try down (django-otp's throttle): the user tries later.
    with time_machine.travel(timedelta(seconds=90)):
        response = client.post(VERIFY, {"code": app_code(device), "next": "/admin/pages/"})

        assert response["Location"] == "/admin/pages/"
        pages = client.get("/admin/pages/")  # body staff are sent on to their home page
        assert pages.status_code == 302 and not pages["Location"].startswith(VERIFY)
        assert client.get(pages["Location"]).status_code == 200


def test_an_enrolled_editor_gives_a_code_even_when_it_is_not_required(client, editor_a):
    enrolled(editor_a)
    sign_in(client, editor_a)
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_the_verify_step_sends_nowhere_else_than_this_site(client, admin_a):
    device, _codes = enrolled(admin_a)
    with time_machine.travel(timedelta(seconds=60)):
        sign_in(client, admin_a)
        response = client.post(VERIFY, {"code": app_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_a_recovery_code_works_once(client, admin_a):
    _device, codes = enrolled(admin_a)
    sign_in(client, admin_a)
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=admin_a).count() == 9
    client.post("/admin/logout/")
    sign_in(client, admin_a)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 200  # refused
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, admin_a):
    device, old = enrolled(admin_a)
    with time_machine.travel(timedelta(seconds=60)):
        sign_in(client, admin_a)
        client.post(VERIFY, {"code": app_code(device)})
        response = client.post("/admin/two-step/codes/")
    new = set(StaticToken.objects.filter(device__user=admin_a).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    assert all(code in response.content.decode() for code in new)


def test_a_platform_admin_resets_a_lost_phone(client, required, platform_admin, admin_a):
    device, _codes = enrolled(platform_admin)
    enrolled(admin_a)
    with time_machine.travel(timedelta(seconds=60)):
        sign_in(client, platform_admin)
        client.post(VERIFY, {"code": app_code(device)})
        listing = client.get("/admin/two-step/accounts/?q=admin_a").content.decode()
        assert f'href="/admin/two-step/accounts/{admin_a.pk}/reset/"' in listing
        response = client.post(f"/admin/two-step/accounts/{admin_a.pk}/reset/")
    assert response["Location"] == "/admin/two-step/accounts/"
    assert not TOTPDevice.objects.filter(user=admin_a).exists()
    assert not StaticToken.objects.filter(device__user=admin_a).exists()
    client.post("/admin/logout/")
    sign_in(client, admin_a)
    assert client.get("/admin/")["Location"].startswith(SETUP)  # sets it up again


@pytest.mark.parametrize("who", ["admin_a", "supervisor"])
def test_no_one_else_may_reset_anyones_phone(client, who, request, editor_a):
    enrolled(editor_a)
    client.force_login(request.getfixturevalue(who))
    for method in ("get", "post"):
        response = getattr(client, method)(f"/admin/two-step/accounts/{editor_a.pk}/reset/")
        assert response.status_code in (403, 404)
    assert client.get("/admin/two-step/accounts/").status_code == 403
    assert TOTPDevice.objects.filter(user=editor_a, confirmed=True).exists()


def test_a_supervisor_who_reads_only_may_still_set_it_up(client, required, supervisor):
    sign_in(client, supervisor)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=supervisor)
    response = client.post(SETUP, {"code": app_code(device)})
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=supervisor).confirmed
