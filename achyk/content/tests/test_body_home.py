"""A body's home and what every page of its site carries: the menu of the sections that hold
something, the transparency score and page, the monitoring group's sign-in, the contacts
once, each phone number its own link, and the next public event."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from achyk.budget.tests import factories_citizens as hearings
from achyk.participation.tests import factories as participation
from achyk.plans.tests import factories as plans
from achyk.transparency.models import BodySummary


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def menu_of(html: str) -> str:
    start = html.index('<nav class="wrap menu"')
    return html[start : html.index("</nav>", start)]


def footer_of(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_menu_lists_the_sections_a_body_holds_and_not_the_empty_ones(
    client, body_a, body_b, language
):
    plans.plan(body_a)
    hearings.hearing(body_a)
    participation.event(body_a)
    burana = menu_of(html_of(client, f"/burana/{language}/news/"))
    kok_jar = menu_of(html_of(client, f"/kok-jar/{language}/news/"))
    for url in ["budget/", "plans/", "participation/calendar/"]:
        assert f'href="/burana/{language}/{url}"' in burana, url
        assert f'href="/kok-jar/{language}/{url}"' not in kok_jar, url
    for body, menu in (("burana", burana), ("kok-jar", kok_jar)):
        # Always there: pages, asking for information, the transparency page.
        assert f'href="/{body}/{language}/news/" aria-current="page"' in menu
        assert f'href="/{body}/{language}/requests/"' in menu
        assert f'href="/{body}/{language}/transparency/"' in menu
        assert f'href="/{body}/{language}/social-order/"' not in menu


def test_menu_marks_the_transparency_page_as_current(client, body_a):
    menu = menu_of(html_of(client, "/burana/ru/transparency/"))
    assert 'href="/burana/ru/transparency/" aria-current="page"' in menu


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_footer_leads_to_transparency_and_the_monitoring_groups_sign_in(
    client, body_a, body_b, language
):
    for slug in ("burana", "kok-jar"):
        footer = footer_of(html_of(client, f"/{slug}/{language}/news/"))
        assert f'href="/{slug}/{language}/transparency/"' in footer
        assert f'href="/{slug}/{language}/login/"' in footer
    assert client.get(f"/burana/{language}/login/").status_code == 200


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_body_home_shows_its_transparency_score_with_a_link(client, body_a, body_b, language):
    now = timezone.now()
    BodySummary.objects.create(body=body_a, index=Decimal("72.5"), as_of=now, computed_at=now)
    burana = html_of(client, f"/burana/{language}/")
    kok_jar = html_of(client, f"/kok-jar/{language}/")
    score = "72,5" if language == "ru" else "72.5"
    notice = burana[burana.index('<p class="notice">') :].split("</p>", 1)[0]
    assert f"<strong>{score}\xa0%</strong>" in notice
    assert f'href="/burana/{language}/transparency/"' in notice
    notice = kok_jar[kok_jar.index('<p class="notice">') :].split("</p>", 1)[0]
    assert "<strong>" not in notice and f'href="/kok-jar/{language}/transparency/"' in notice


def test_contacts_appear_once_on_a_page(client, body_a):
    body_a.address_ru = "село Ивановка, ул. Ленина 1"
    body_a.save()
    for url in ["/burana/ru/", "/burana/ru/contacts/", "/burana/ru/news/", "/burana/ru/budget/"]:
        assert html_of(client, url).count("село Ивановка, ул. Ленина 1") == 1, url


def test_phone_numbers_separated_by_commas_or_semicolons_are_separate_links(client, body_a):
    body_a.phone = "+996 3133 5 12 34, 0555 00-00-00; (0312) 61 10 10"
    body_a.save()
    html = html_of(client, "/burana/ky/")
    assert re.findall(r'href="tel:([^"]+)"', html) == ["+996313351234", "0555000000", "0312611010"]
    assert '<a href="tel:0555000000">0555 00-00-00</a>' in html


def test_body_home_shows_the_next_upcoming_event_of_any_kind(client, body_a, body_b, settings):
    settings.CACHE_PAGE_SECONDS = 300  # a change of the events shows at once on the cached home
    hearing = hearings.hearing(body_a, year=2027)  # in ten days
    participation.event(body_a, days=3, title_ru="Сход в Ивановке")
    participation.event(body_a, days=-3, title_ru="Прошедший сход")
    html = html_of(client, "/burana/ru/")
    upcoming = html[html.index('id="h-next-event"') :].split("</section>", 1)[0]
    assert "Сход в Ивановке" in upcoming and "Прошедший сход" not in upcoming
    assert 'href="/burana/ru/participation/calendar/"' in upcoming
    assert "h-next-event" not in html_of(client, "/kok-jar/ru/")

    participation.event(body_a, days=1, published=False, title_ru="Черновик")
    from achyk.participation.models import Event

    Event.objects.filter(title_ru="Сход в Ивановке").delete()
    html = html_of(client, "/burana/ru/")
    upcoming = html[html.index('id="h-next-event"') :].split("</section>", 1)[0]
    assert "Черновик" not in upcoming
    assert "2027" in upcoming and f'href="/burana/ru/budget/hearings/{hearing.pk}/"' in upcoming
    when = timezone.localtime(hearing.starts_at, datetime.timezone(datetime.timedelta(hours=6)))
    assert when.strftime("%d.%m.%Y").lstrip("0") in upcoming


def test_a_new_plan_shows_in_the_menu_of_the_cached_pages_at_once(client, body_a, settings):
    settings.CACHE_PAGE_SECONDS = 300
    assert 'href="/burana/ru/plans/"' not in menu_of(html_of(client, "/burana/ru/"))
    assert client.get("/burana/ru/")["X-Cache"] == "hit"
    plans.plan(body_a)
    response = client.get("/burana/ru/")
    assert response["X-Cache"] == "miss"
    assert 'href="/burana/ru/plans/"' in menu_of(response.content.decode())


def test_rows_no_section_reads_leave_the_cached_pages_alone(client, body_a, settings):
    from achyk.bodies.tests import factories as body_factories

    settings.CACHE_PAGE_SECONDS = 300
    client.get("/burana/ru/")
    body_factories.staff(body_a, username="new-clerk")  # a membership: on no public page
    assert client.get("/burana/ru/")["X-Cache"] == "hit"
