"""Anonymous readers who ask too often from one address get a 429 page in their language: the
search, the registry, exports, sign-in and every anonymous form have a limit per minute."""

import pytest

LIMITS = {"search": 3, "registry": 3, "export": 2, "form": 2, "signin": 2}


@pytest.fixture
def limits(settings, rate_window):
    settings.ACHYK_RATE_LIMITS = LIMITS
    return LIMITS


def hammer(client, method, url, times, data=None, **extra):
    return [getattr(client, method)(url, data, **extra).status_code for _ in range(times)]


def hammer_reads(client, url, times):
    """GETs of `url`, each with a query of its own, as a scraper's: the page cache answers a
    repeated address before the limits count it (a kept page costs no more than the count)."""
    join = "&" if "?" in url else "?"
    return [client.get(f"{url}{join}n={n}").status_code for n in range(times)]


@pytest.mark.parametrize(
    "kind, url",
    [
        ("search", "/ky/search/?q=бюджет"), ("search", "/burana/ky/search/?q=x"),
        ("registry", "/ky/registry/"), ("export", "/ky/registry/export.csv"),
        ("export", "/ky/transparency/rating/export.csv"),
    ],
)  # fmt: skip
def test_reading_too_often_is_answered_429_after_the_limit(client, body_a, limits, kind, url):
    codes = hammer_reads(client, url, limits[kind] + 1)
    assert codes[-1] == 429 and 429 not in codes[:-1]


def test_the_429_page_speaks_the_readers_language_and_says_when_to_retry(client, body_a, limits):
    hammer_reads(client, "/ru/search/?q=x", limits["search"])
    response = client.get("/ru/search/?q=y")
    html = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert '<html lang="ru"' in html and 'role="alert"' in html


def test_another_address_is_counted_apart(client, body_a, limits):
    assert hammer_reads(client, "/ky/search/?q=x", limits["search"] + 1)[-1] == 429
    assert client.get("/ky/search/?q=z", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_anonymous_forms_and_sign_in_are_limited(client, body_a, limits):
    codes = hammer(client, "post", "/accessibility/", 3, {"toggle": "1", "next": "/"})
    assert codes[-1] == 429
    codes = hammer(client, "post", "/ky/login/", 3, {"username": "x", "password": "y"})
    assert codes == [200, 200, 429]


def test_signed_in_staff_read_without_a_limit(client, body_a, editor_a, limits):
    client.force_login(editor_a)
    assert 429 not in hammer_reads(client, "/ky/search/?q=x", 6)


def test_limits_can_be_turned_off(client, body_a, limits, settings):
    settings.ACHYK_RATE_LIMITS_ON = False
    assert 429 not in hammer_reads(client, "/ky/search/?q=x", 6)
