"""A page begun and left never blocks starting it again: the draft that autosave kept holds
the address made from the title, and the new page gets the next free one; the "add" screen
offers the clerk's unfinished pages to continue, in the admin's language."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.content.tests.test_page_editor import TEXT, speak


def news_form(title, slug, **extra):
    return nested_form_data({
        "title": title, "slug": slug, "intro": "Кыскача", "body": TEXT, "image_alt": "",
        "comments": inline_formset([]), **extra,
    })  # fmt: skip


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["content", "newspage", parent.pk])


def unfinished(html):
    found = re.search(r"<section[^>]*data-unfinished-pages>(.*?)</section>", html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1])).strip() if found else ""


def test_a_page_begun_and_left_does_not_block_starting_it_again(client, body_a, body_b, editor_a):
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, editor_a, "ky")
    # Autosave: the half-filled form is saved as a draft, as Wagtail's script does it.
    form = news_form("Суу түтүгү", "suu-tutugu")
    client.post(add_url(news), form, HTTP_ACCEPT="application/json")
    left = content.NewsPage.objects.get(title="Суу түтүгү")
    assert (left.live, left.slug) == (False, "suu-tutugu")

    response = client.post(
        add_url(news), news_form("Суу түтүгү", "suu-tutugu", **{"action-publish": "publish"})
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    fresh = content.NewsPage.objects.live().get(title="Суу түтүгү")
    assert fresh.slug == "suu-tutugu-2"
    assert content.NewsPage.objects.get(pk=left.pk).slug == "suu-tutugu"  # the draft is kept


def test_the_add_screen_offers_the_clerks_unfinished_pages(client, body_a, body_b, editor_a):
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, editor_a, "ky")
    client.post(add_url(news), news_form("Суу түтүгү", "suu-tutugu"))
    f.news(body_a, "ky", title="Жарыяланган", slug="jar")  # published: not offered

    html = client.get(add_url(news)).content.decode()

    offered = unfinished(html)
    assert "Суу түтүгү" in offered and "Жарыяланган" not in offered
    assert "Бул жерде ушундай барактарды баштап, жарыялаган жоксуз" in offered
    draft = content.NewsPage.objects.get(title="Суу түтүгү")
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html


def test_another_clerks_unfinished_pages_are_not_offered(client, body_a, body_b, editor_a, admin_a):
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, admin_a, "ru")
    client.post(add_url(news), news_form("Суу түтүгү", "suu-tutugu"))
    speak(client, editor_a, "ru")

    assert unfinished(client.get(add_url(news)).content.decode()) == ""


def test_an_existing_page_keeps_its_address_error(client, body_a, body_b, editor_a):
    f.news(body_a, "ky", title="Биринчи", slug="birinchi")
    page = f.news(body_a, "ky", title="Экинчи", slug="ekinchi")
    speak(client, editor_a, "ru")

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        news_form("Экинчи", "birinchi", **{"action-publish": "publish"}),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "birinchi" in html and "уже используется" in html
    page.refresh_from_db()
    assert page.slug == "ekinchi"


def started_form(client, parent) -> str:
    """The one-time mark of the "add" form the clerk opened."""
    html = client.get(add_url(parent)).content.decode()
    found = re.search(r'name="page_start" value="([^"]+)"', html)
    assert found, "the add form carries no page_start mark"
    return found[1]


def test_publish_racing_an_autosave_of_the_same_form_makes_one_page(
    client, body_a, body_b, editor_a
):
    """Publish pressed while the form's first autosave is on its way: both requests go to the
    "add" address (the script moves the form to the page's edit address only when the autosave
    answers). The second one must publish the page the first made, not make another."""
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, editor_a, "ky")
    start = started_form(client, news)
    autosave = client.post(
        add_url(news), news_form("Суу түтүгү", "suu-tutugu", page_start=start),
        HTTP_ACCEPT="application/json",
    )  # fmt: skip
    assert autosave.json()["success"]

    response = client.post(
        add_url(news),
        news_form("Суу түтүгү", "suu-tutugu", page_start=start, **{"action-publish": "publish"}),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    page = content.NewsPage.objects.get(title="Суу түтүгү")
    assert (page.live, page.slug, page.has_unpublished_changes) == (True, "suu-tutugu", False)


def test_an_autosave_arriving_after_the_publish_makes_no_second_page(
    client, body_a, body_b, editor_a
):
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, editor_a, "ky")
    start = started_form(client, news)
    client.post(
        add_url(news),
        news_form("Суу түтүгү", "suu-tutugu", page_start=start, **{"action-publish": "publish"}),
    )

    client.post(
        add_url(news), news_form("Суу түтүгү", "suu-tutugu", page_start=start),
        HTTP_ACCEPT="application/json",
    )  # fmt: skip

    page = content.NewsPage.objects.get(title="Суу түтүгү")
    assert (page.live, page.slug) == (True, "suu-tutugu")


def test_each_opening_of_the_add_form_starts_a_page_of_its_own(client, body_a, body_b, editor_a):
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, editor_a, "ky")
    for _ in range(2):
        start = started_form(client, news)
        client.post(add_url(news), news_form("Суу түтүгү", "suu-tutugu", page_start=start))

    assert sorted(content.NewsPage.objects.values_list("slug", flat=True)) == [
        "suu-tutugu", "suu-tutugu-2",
    ]  # fmt: skip


def test_another_users_mark_does_not_lead_to_their_page(client, body_a, body_b, editor_a, admin_a):
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, admin_a, "ky")
    start = started_form(client, news)
    client.post(add_url(news), news_form("Суу түтүгү", "suu-tutugu", page_start=start))
    speak(client, editor_a, "ky")

    response = client.post(
        add_url(news),
        news_form("Башка", "bashka", page_start=start, **{"action-publish": "publish"}),
    )

    assert response.status_code in (302, 403)
    assert content.NewsPage.objects.get(slug="suu-tutugu").title == "Суу түтүгү"


def test_a_new_page_published_before_its_address_was_filled_in_gets_one_from_its_title(
    client, body_a, body_b, editor_a
):
    """The editor's script fills the address from the title a moment after the title is left:
    a Publish pressed at once sends none. The page is published at an address made from its
    title (the next free one), not refused on the Promote tab the clerk never opened."""
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, editor_a, "ky")
    client.post(add_url(news), news_form("Суу түтүгү", "suu-tutugu"))  # begun and left

    response = client.post(
        add_url(news), news_form("Суу түтүгү", "", **{"action-publish": "publish"})
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert content.NewsPage.objects.live().get().slug == "суу-түтүгү"


def test_a_new_page_whose_title_makes_no_address_is_asked_for_one(client, body_a, body_b, editor_a):
    news = f.section(body_a, "ky", content.NewsIndexPage)
    speak(client, editor_a, "ky")

    response = client.post(add_url(news), news_form("«—»", "", **{"action-publish": "publish"}))

    assert response.status_code == 200
    assert "Бул талааны толтуруу милдеттүү." in response.content.decode()
    assert not content.NewsPage.objects.exists()


def test_an_autosave_and_a_publish_sent_together_make_one_page(
    transactional_db, body_a, body_b, editor_a
):
    """The two posts of one form arrive at the same moment, each on a connection of its own:
    the second waits for the first's claim of the form's token, then edits its page.
    PostgreSQL only: SQLite's in-memory test database answers a second writer "table is
    locked" at once instead of letting it wait (a file database waits, as served)."""
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need PostgreSQL's test database")
    news = f.section(body_a, "ky", content.NewsIndexPage)
    client = Client()
    speak(client, editor_a, "ky")
    start = started_form(client, news)
    ready, answers = threading.Barrier(2), []

    def send(data, **headers):
        own = Client()
        own.cookies = client.cookies
        ready.wait()
        try:
            answers.append(own.post(add_url(news), data, **headers).status_code)
        finally:
            connections.close_all()

    autosave = news_form("Суу түтүгү", "suu-tutugu", page_start=start)
    publish = news_form("Суу түтүгү", "suu-tutugu", page_start=start, **{"action-publish": "1"})
    threads = [
        threading.Thread(target=send, args=(autosave,), kwargs={"HTTP_ACCEPT": "application/json"}),
        threading.Thread(target=send, args=(publish,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [200, 302]
    page = content.NewsPage.objects.get(title="Суу түтүгү")
    assert page.live and page.slug == "suu-tutugu"
