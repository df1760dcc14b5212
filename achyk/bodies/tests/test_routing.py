"""A body is reached at its own host and under the platform's address, in its languages; each
process remembers which body an address is for until a body or a site changes."""

import pytest

from achyk.bodies import routing
from achyk.bodies.models import Body
from achyk.pagecache import generations


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


def opens(client, path: str, **extra) -> bool:
    """Whether `path` opens a page of a body (an unknown slug is sent to the platform's)."""
    return client.get(path, **extra).status_code == 200


def test_each_request_gets_its_own_copy_of_the_body_it_is_for(body_a):
    first, by_host = routing.find_body("testserver", "burana")
    second, _by_host = routing.find_body("testserver", "burana")
    assert (first.pk, by_host) == (body_a.pk, False)
    assert first is not second and first.site is not second.site
    first.name_ky, first.site.hostname = "Башка", "elsewhere.kg"
    assert second.name_ky == body_a.name_ky and second.site.hostname == body_a.site.hostname


def test_a_body_is_found_once_per_process_then_without_the_database(
    client, body_a, django_assert_num_queries
):
    assert routing.find_body("testserver", "burana")[0].pk == body_a.pk
    assert routing.find_body("testserver", "no-such-body") == (None, False)
    with django_assert_num_queries(0):
        assert routing.find_body("testserver", "burana")[0].pk == body_a.pk
        assert routing.find_body("testserver", "no-such-body") == (None, False)


def test_a_body_closed_or_renamed_is_seen_by_the_next_request(client, body_a):
    assert opens(client, "/burana/ky/")
    body_a.slug = "burana-2"
    body_a.save()
    assert not opens(client, "/burana/ky/") and opens(client, "/burana-2/ky/")
    body_a.is_active = False
    body_a.save()
    assert not opens(client, "/burana-2/ky/")


def test_a_site_s_new_host_name_is_seen_by_the_next_request(client, body_a):
    assert opens(client, "/ru/", HTTP_HOST="burana.localhost")
    site = body_a.site
    site.hostname = "burana-aimak.localhost"
    site.save()
    assert opens(client, "/ru/", HTTP_HOST="burana-aimak.localhost")
    assert routing.find_body("burana.localhost", "ru") == (None, False)


def test_a_change_behind_django_s_back_is_seen_once_the_page_cache_is_cleared(client, body_a):
    """SQL or a script changes rows without signals: `clear_page_cache` (forget_everything)
    makes every process find bodies afresh too."""
    assert opens(client, "/burana/ky/")
    Body.objects.filter(pk=body_a.pk).update(is_active=False)
    assert routing.find_body("testserver", "burana")[0] is not None  # no signal was sent
    generations.forget_everything()
    assert not opens(client, "/burana/ky/")


def test_the_body_of_a_page_is_found_once_per_process_and_afresh_after_a_site_changes(
    body_a, body_b, django_assert_num_queries
):
    """The admin asks which body owns a page on every screen (`tenancy.body_for_page`)."""
    from wagtail.models import Page

    from achyk.bodies.tenancy import body_for_page

    page = Page.objects.get(pk=body_a.site.root_page_id).get_children().first()
    assert body_for_page(page).pk == body_a.pk
    with django_assert_num_queries(0):
        assert body_for_page(page).pk == body_a.pk
    site = body_a.site
    site.root_page_id = body_b.site.root_page_id  # the body's site now shows another tree
    site.save()
    assert body_for_page(page) is None
