"""A body's redirects send readers from an old address of its site to the page; an address of
the admin panel that answers 404 stays a 404, whatever redirects say."""

from wagtail.contrib.redirects.models import Redirect

from achyk.content.tests import factories


def test_an_old_address_of_a_body_s_site_sends_the_reader_to_its_page(client, body_a):
    news = factories.news(body_a, slug="water", title="Суу")
    Redirect.objects.create(old_path="/ky/eski-jangylyk", site=body_a.site, redirect_page=news)
    response = client.get("/ky/eski-jangylyk/", HTTP_HOST="burana.localhost")
    assert response.status_code == 301
    assert response["Location"].endswith("/news/water/")


def test_an_admin_address_that_answers_404_is_not_redirected(client, body_a, editor_a):
    news = factories.news(body_a, slug="water", title="Суу")
    for site in (body_a.site, None):
        Redirect.objects.create(old_path="/admin/eski-ekran", site=site, redirect_page=news)
    client.force_login(editor_a)
    for host in ("testserver", "burana.localhost"):
        response = client.get("/admin/eski-ekran/", HTTP_HOST=host)
        assert response.status_code == 404, host
