"""Public pages are served to anonymous readers from the cache, and never stale or personal."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from achyk.content.models import FeedbackFormField, FeedbackFormPage
from achyk.content.tests import factories as f
from achyk.ui.accessibility import COOKIE_NAME

HOME, NEWS = "/burana/ky/", "/burana/ky/news/"


def read(client, url, **extra):
    """(what the reader got, hit or miss) for an anonymous GET of `url`."""
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.content.decode(), response.get("X-Cache")


def test_second_anonymous_request_is_served_from_the_cache_with_the_same_page(client, body_a):
    first, state = read(client, HOME)
    assert state == "miss"
    second, state = read(client, HOME)
    assert state == "hit"
    assert second == first


def test_cached_page_is_served_without_rendering(client, body_a, django_assert_max_num_queries):
    read(client, HOME)
    with django_assert_max_num_queries(0):  # the body is remembered (bodies.routing)
        assert read(client, HOME)[1] == "hit"


def test_a_hit_is_one_read_of_the_cache(client, body_a, monkeypatch):
    """The routing version, the generations and the page are asked together; the body is the
    one this process keeps for the address."""
    from django.core.cache import caches

    read(client, HOME)
    cache, calls = caches["default"], []
    for name in ("get", "get_many", "add", "set", "incr", "has_key", "set_many"):
        monkeypatch.setattr(cache, name, _counted(calls, name, getattr(cache, name)))
    assert read(client, HOME)[1] == "hit"
    assert [name for name, _args in calls] == ["get_many"], calls
    assert any(key.startswith("pagecache:page:") for key in calls[0][1][0])


def _counted(calls: list, name: str, original):
    """`original`, noting each call in `calls` unless it is made inside another noted call
    (the local-memory cache's `get_many` calls `get` for each key; Redis asks once)."""

    def counted(*args, **kwargs):
        if calls and calls[-1] is _INSIDE:
            return original(*args, **kwargs)
        calls.append((name, args))
        calls.append(_INSIDE)
        try:
            return original(*args, **kwargs)
        finally:
            calls.remove(_INSIDE)

    return counted


_INSIDE = ("inside", ())


def test_a_body_saved_meanwhile_is_found_again_before_its_pages_are_served(client, body_a):
    """Another process saved the body (the routing version moved): the hit is not served from
    what this process kept, the body is found afresh, and its page is still a hit."""
    from achyk.bodies import routing

    read(client, HOME)
    routing.changed()
    assert read(client, HOME)[1] == "hit"
    body_a.is_active = False
    body_a.save()
    response = client.get(HOME)
    assert response.status_code != 200 and response.get("X-Cache") != "hit"


def test_head_request_is_answered_from_the_cache(client, body_a):
    read(client, HOME)
    response = client.head(HOME)
    assert response.status_code == 200 and response["X-Cache"] == "hit"


def test_order_of_query_parameters_does_not_split_the_cache(client, body_a):
    read(client, f"{NEWS}?page=1&sort=new")
    assert read(client, f"{NEWS}?sort=new&page=1")[1] == "hit"


def test_published_news_appears_on_home_and_news_list_at_once(client, body_a):
    read(client, HOME), read(client, NEWS)
    f.news(body_a, "ky", title="Жаңы көпүрө ачылды")
    for url in (HOME, NEWS):
        html, state = read(client, url)
        assert state == "miss" and "Жаңы көпүрө ачылды" in html
        assert read(client, url) == (html, "hit")


def test_unpublished_news_disappears_from_home_and_news_list(client, body_a):
    news = f.news(body_a, "ky", title="Жаңылыш жаңылык")
    assert "Жаңылыш жаңылык" in read(client, HOME)[0] and read(client, HOME)[1] == "hit"
    read(client, NEWS)
    news.unpublish()
    for url in (HOME, NEWS):
        assert "Жаңылыш жаңылык" not in read(client, url)[0]


def test_new_document_appears_on_the_home_page(client, body_a):
    read(client, HOME)
    f.document(body_a, title="Бюджет 2027")
    assert "Бюджет 2027" in read(client, HOME)[0]


def test_edited_contacts_show_the_new_phone_on_every_page(client, body_a):
    body_a.phone = "+996 3133 5 00 01"
    body_a.save()
    read(client, HOME), read(client, NEWS)
    body_a.phone = "+996 3133 5 99 99"
    body_a.save()
    for url in (HOME, NEWS):
        html, _state = read(client, url)
        assert 'href="tel:+996313359999"' in html and "+996313350001" not in html


def test_visually_impaired_and_normal_versions_never_get_each_others_page(client, body_a):
    special = Client()
    special.cookies[COOKIE_NAME] = "s=xl.c=inverse.p=wide.i=0"
    for _round in range(2):
        normal_html, _state = read(client, HOME)
        special_html, _state = read(special, HOME)
        assert '<html lang="ky" class="">' in normal_html
        assert '<html lang="ky" class="a11y a11y-size-xl a11y-contrast-inverse' in special_html
    larger = Client()
    larger.cookies[COOKIE_NAME] = "s=l.c=high.p=wide.i=1"
    assert '<html lang="ky" class="a11y a11y-size-l a11y-contrast-high' in read(larger, HOME)[0]


def test_languages_never_mix(client, body_a):
    f.news(body_a, "ky", title="Кыргызча жаңылык")
    f.news(body_a, "ru", title="Новость по-русски")
    for _round in range(2):
        ky, _state = read(client, "/burana/ky/")
        ru, _state = read(client, "/burana/ru/")
        assert '<html lang="ky"' in ky and "Кыргызча жаңылык" in ky and "по-русски" not in ky
        assert '<html lang="ru"' in ru and "Новость по-русски" in ru
        assert "Кыргызча жаңылык" not in ru


def test_signed_in_editor_never_gets_nor_leaves_a_cached_page(client, body_a, editor_a):
    editor = Client()
    editor.force_login(editor_a)
    response = editor.get(HOME)
    assert response.status_code == 200 and "X-Cache" not in response
    assert read(client, HOME)[1] == "miss"
    assert read(client, HOME)[1] == "hit"
    response = editor.get(HOME)
    assert response.status_code == 200 and "X-Cache" not in response


def test_change_in_one_body_keeps_the_other_cached_and_renames_it_on_the_platform(
    client, body_a, body_b
):
    read(client, "/kok-jar/ky/"), read(client, "/ky/")
    assert read(client, "/kok-jar/ky/")[1] == "hit"
    f.news(body_a, "ky", title="Бурананын жаңылыгы")
    body_a.name_ky = "Бурана айыл аймагы"
    body_a.save()
    assert read(client, "/kok-jar/ky/")[1] == "hit"
    platform_html, state = read(client, "/ky/")
    assert state == "miss" and "Бурана айыл аймагы" in platform_html
    assert "Бурананын жаңылыгы" in read(client, HOME)[0]


def test_online_reception_form_is_never_cached(client, body_a):
    page = FeedbackFormPage.objects.child_of(f.home(body_a, "ky")).get()
    FeedbackFormField.objects.create(
        page=page, label="Кайрылуу", field_type="multiline", required=True
    )
    url = f.publish(page).get_url()
    for _round in range(2):
        response = client.get(url)
        assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.text
        assert response["X-Cache"] == "miss" and "no-store" in response["Cache-Control"]


def test_page_made_private_is_no_longer_served_from_the_cache(client, body_a):
    page = f.standard(body_a, "ky", title="Ички тартип")
    url = page.get_url()
    read(client, url), read(client, url)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302 and "Ички тартип" not in response.content.decode()


def test_missing_page_is_not_cached(client, body_a):
    for _round in range(2):
        response = client.get("/burana/ky/no-such-page/")
        assert response.status_code == 404 and response["X-Cache"] == "miss"


def test_page_cache_can_be_turned_off(client, body_a, settings):
    settings.CACHE_PAGE_SECONDS = 0
    read(client, HOME)
    assert read(client, HOME)[1] is None


@pytest.mark.parametrize("url", ["/burana/ky/feeds/rss/", "/burana/ky/feeds/atom/"])
def test_feeds_are_cached_and_show_new_news(client, body_a, url):
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    f.news(body_a, "ky", title="Жаңы тасма")
    response = client.get(url)
    assert response["X-Cache"] == "miss" and "Жаңы тасма" in response.content.decode()
