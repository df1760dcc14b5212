"""A body is reached at its own host and under the platform's address, in its languages."""

import pytest


@pytest.mark.django_db
def test_platform_address_redirects_bare_slug_to_default_language(client, body_a):
    response = client.get("/burana/")
    assert response.status_code == 302
    assert response["Location"] == "/burana/ky/"


def test_kazakh_body_opens_in_kazakh(client, platform):
    from achyk.bodies.tests import factories

    factories.body(slug="almaty-ak", country="KZ", name="Алатау")
    response = client.get("/almaty-ak/")
    assert response["Location"] == "/almaty-ak/kk/"


def test_home_page_under_platform_address_links_sections_with_prefix(client, body_a):
    response = client.get("/burana/ky/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ky"' in html
    assert 'href="/burana/ky/news/"' in html
    assert "Бурана (ky)" in html


def test_same_site_at_its_own_host_name_has_no_prefix(client, body_a):
    response = client.get("/ru/", HTTP_HOST="burana.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru"' in html
    assert 'href="/ru/news/"' in html


def test_language_the_body_does_not_publish_in_is_404_with_links(client, body_a):
    response = client.get("/burana/kk/")
    assert response.status_code == 404
    assert 'href="/burana/ky/"' in response.content.decode()


def test_hostile_body_name_is_escaped(client, body_a, platform):
    from achyk.bodies.tests import factories

    factories.body(slug="hostile")
    html = client.get("/hostile/ky/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_platform_home_lists_bodies_and_searches_by_name(client, body_a, body_b):
    html = client.get("/ru/").content.decode()
    assert "Бурана (ru)" in html and "Көк-Жар (ru)" in html
    html = client.get("/ru/", {"q": "көк"}).content.decode()
    assert "Көк-Жар (ru)" in html and "Бурана (ru)" not in html
