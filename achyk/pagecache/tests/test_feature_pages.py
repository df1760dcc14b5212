"""The public pages of the budget, the transparency monitor, search and the registry are kept
by the page cache (a second read is a hit) and show a change made through the real write path
(a service, the admin) at once; search and the registry, which read every body, are kept for
SHORT_SECONDS only."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from achyk.bodies.tests import factories as body_factories
from achyk.budget.models import StageName
from achyk.budget.services import replace_stage, withdraw_stage
from achyk.budget.tests.factories import line, small_budget
from achyk.budget.tests.factories_citizens import citizens_budget
from achyk.pagecache.middleware import SHORT_SECONDS
from achyk.transparency import services as transparency

pytestmark = pytest.mark.django_db


def read(client, url: str) -> str:
    """What an anonymous reader gets at `url`: rendered afresh, then the same from the cache."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Cache"] == "miss", url
    # A streamed export is kept once it has been sent whole.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    again = client.get(url)
    assert again["X-Cache"] == "hit", url
    assert again.content == body, url
    return body.decode()


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def staff_client(body) -> Client:
    editor = Client()
    editor.force_login(body_factories.staff(body))
    return editor


def test_budget_year_page_and_its_open_data_show_a_new_import_at_once(client, body_a):
    small_budget(body_a, year=2026)
    pages = ["/burana/ru/budget/2026/", "/burana/ru/budget/2026/data.csv",
             "/burana/ru/budget/2026/data.json", "/burana/ru/budget/"]  # fmt: skip
    for url in pages:
        assert "9876543" not in plain(read(client, url)).replace(" ", "")
    approved = [line("1111", "9876543.00"), line("2111", "9876543.00", functional="7011")]
    replace_stage(body=body_a, year=2026, stage=StageName.APPROVED, lines=approved, by=None)
    for url in pages[:3]:
        assert "9876543" in plain(read(client, url)).replace(" ", ""), url
    withdraw_stage(budget=body_a.budgets.get(year=2026), stage=StageName.APPROVED)
    assert "9876543" not in read(client, "/burana/ru/budget/2026/data.csv")


def test_citizens_budget_edited_in_the_admin_shows_at_once(client, body_a):
    small_budget(body_a, year=2026)
    item = citizens_budget(body_a, general_ru="Старый текст для жителей")
    page = "/burana/ru/budget/2026/citizens/approved/"
    assert "Старый текст для жителей" in read(client, page)
    form = {"year": "2026", "stage": "approved", "general_ky": "Жалпы маалымат",
            "general_ru": "Новый текст для жителей", "is_published": "on"}  # fmt: skip
    response = staff_client(body_a).post(f"/admin/citizens-budgets/edit/{item.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = read(client, page)
    assert "Новый текст для жителей" in html and "Старый текст" not in html


def test_hearing_announced_in_the_admin_shows_on_the_list_at_once(client, body_a):
    page = "/burana/ky/budget/hearings/"
    assert "Көпүрө боюнча угуу" not in read(client, page)
    form = {
        "year": "2027", "starts_at": "2026-07-15 10:00", "place_ky": "Көпүрө боюнча угуу",
        "place_ru": "Клуб", "announcement_ky": "Чакырабыз", "announcement_ru": "Приглашаем",
        "is_published": "on", "proposals-TOTAL_FORMS": "0", "proposals-INITIAL_FORMS": "0",
        "proposals-MIN_NUM_FORMS": "0", "proposals-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = staff_client(body_a).post("/admin/budget-hearings/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Көпүрө боюнча угуу" in read(client, page)


def test_transparency_page_and_rating_show_recomputed_scores_at_once(client, body_a):
    body_page, rating = "/burana/ru/transparency/", "/ru/transparency/rating/"
    assert "Рассчитано 30 ноября 2026" not in plain(read(client, body_page))
    assert "Бурана" not in plain(read(client, rating))  # not computed yet
    at = timezone.make_aware(datetime.datetime(2026, 11, 30, 12, 0))
    transparency.recompute(body_ids=[body_a.pk], at=at)
    assert "Рассчитано 30 ноября 2026 г. 12:00" in plain(read(client, body_page))
    assert "1 Бурана" in plain(read(client, rating))


def test_other_bodies_keep_their_pages_when_one_body_is_recomputed(client, body_a, body_b):
    read(client, "/kok-jar/ky/transparency/")
    transparency.recompute(body_ids=[body_a.pk])
    assert client.get("/kok-jar/ky/transparency/")["X-Cache"] == "hit"
    transparency.recompute()
    assert client.get("/kok-jar/ky/transparency/")["X-Cache"] == "miss"


@pytest.mark.own_platform
def test_search_and_registry_are_kept_for_a_short_time_only(client, body_a):
    pages = ["/ky/search/?q=бюджет", "/burana/ky/search/?q=бюджет", "/ky/registry/",
             "/ky/registry/export.csv", "/ky/registry/rss/"]  # fmt: skip
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for url in pages:
            read(client, url)
        clock.move_to(start + datetime.timedelta(seconds=SHORT_SECONDS - 1))
        assert [client.get(url)["X-Cache"] for url in pages] == ["hit"] * len(pages)
        clock.move_to(start + datetime.timedelta(seconds=SHORT_SECONDS + 1))
        assert [client.get(url)["X-Cache"] for url in pages] == ["miss"] * len(pages)
