"""Failed sign-ins are throttled: after five wrong passwords the account is paused for 15
minutes, even for the right password, with a translated page; then it opens again. One
address that tries many user names is paused too, at a higher limit."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from achyk.bodies.tests.factories import PASSWORD

LOGIN = "/admin/login/"


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def fail(client, username, times):
    """`times` wrong passwords; the fifth one is already answered with the lockout page."""
    for attempt in range(1, times + 1):
        response = sign_in(client, username, "wrong-password")
        assert response.status_code == (429 if attempt >= 5 else 200)


@pytest.fixture
def user(editor_a):
    return editor_a


def test_five_failures_lock_the_account_even_for_the_right_password(client, user):
    fail(client, user.username, 4)
    response = sign_in(client, user.username, "wrong-password")
    assert response.status_code == 429
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_speaks_the_readers_language(client, user):
    client.cookies["django_language"] = "ru"
    fail(client, user.username, 5)
    response = sign_in(client, user.username, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="ru"' in html
    assert "Слишком много неудачных попыток входа" in html


def test_lockout_page_is_kyrgyz_by_default(client, user):
    fail(client, user.username, 5)
    html = sign_in(client, user.username, PASSWORD).content.decode()
    assert '<html lang="ky"' in html
    assert "Кирүү аракеттери өтө көп болду" in html


def test_account_opens_again_after_the_cool_off(client, user, settings):
    fail(client, user.username, 5)
    assert sign_in(client, user.username, PASSWORD).status_code == 429
    later = AccessAttempt.objects.get(username=user.username)
    AccessAttempt.objects.filter(pk=later.pk).update(
        attempt_time=later.attempt_time - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_successful_sign_in_forgets_earlier_failures(client, user):
    fail(client, user.username, 4)
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.logout()
    fail(client, user.username, 4)
    assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_failures_on_one_account_do_not_lock_another(client, user, admin_a):
    fail(client, user.username, 5)
    assert sign_in(client, admin_a.username, PASSWORD).status_code == 302


@pytest.mark.parametrize("address", [LOGIN, "/ky/login/"])
def test_a_ten_kilobyte_username_is_refused_like_a_wrong_one(client, db, address):
    # PostgreSQL refuses a username longer than axes' columns (255): it was a server error.
    response = client.post(address, {"username": "ө" * 10_000, "password": "x"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # Wagtail's form refuses the length before trying; Django's tries, and axes counts it.
    recorded = list(AccessAttempt.objects.values_list("username", flat=True))
    assert recorded == ([] if address == LOGIN else ["ө" * 255])


def test_one_address_trying_many_user_names_is_paused_at_its_own_higher_limit(
    client, user, settings
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for n in range(7):  # a different user name each time: no account reaches five
        assert sign_in(client, f"guess-{n}", "wrong-password").status_code == 200
    assert sign_in(client, "guess-7", "wrong-password").status_code == 429
    # The address is paused for every account, even with the right password...
    assert sign_in(client, user.username, PASSWORD).status_code == 429
    # ...but not another address.
    other = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_one_account_is_paused_whatever_address_the_guesses_come_from(client, user):
    for n in range(4):
        client.post(
            LOGIN, {"username": user.username, "password": "nope"}, REMOTE_ADDR=f"10.0.1.{n}"
        )
    response = client.post(
        LOGIN, {"username": user.username, "password": "nope"}, REMOTE_ADDR="10.0.1.99"
    )
    assert response.status_code == 429


def test_signing_in_to_ones_own_account_does_not_clear_the_addresss_failures(
    client, user, admin_a, settings
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    fail(client, admin_a.username, 4)
    for n in range(3):
        sign_in(client, f"guess-{n}", "wrong-password")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "guess-9", "wrong-password").status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(client, user, settings):
    settings.USE_X_FORWARDED_FOR = True
    settings.AXES_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):  # the client's own X-Forwarded-For entries change; the proxy's do not
        client.post(
            LOGIN, {"username": f"guess-{n}", "password": "x"},
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.7", REMOTE_ADDR="127.0.0.1",
        )  # fmt: skip
    paused = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="127.0.0.1",
    )  # fmt: skip
    other = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.4", REMOTE_ADDR="127.0.0.1",
    )  # fmt: skip
    assert (paused.status_code, other.status_code) == (429, 302)
