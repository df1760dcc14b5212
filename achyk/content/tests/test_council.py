"""The local council's section, the head with a photo on the home, and the body's look (emblem
and banner): what residents see, in Kyrgyz and Russian, and nothing of another body."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from achyk.bodies.tests.factories import HOSTILE
from achyk.content import models as content
from achyk.content.tests import factories as f

pytestmark = pytest.mark.django_db


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def council(body, language, *, deputies=2, photo=True) -> content.CouncilPage:
    page = f.section(body, language, content.CouncilPage)
    page.about = "<p>Кеңеш бюджетти бекитет</p>"
    for n in range(deputies):
        page.deputies.add(content.Deputy(
            name=f"Депутат {n} Үсөнов {HOSTILE}", position="Төрага" if n == 0 else "",
            constituency=f"№{n + 1} округ", reception_hours="Жума 10:00",
            phone="+996 3135 5-12-40" if n == 0 else "",
            photo=f.image(body, size=(300, 400)) if photo and n == 0 else None,
        ))  # fmt: skip
    page.commissions.add(content.Commission(
        name="Бюджет боюнча комиссия", chair="Депутат 1", members="Айбек\n\nЧолпон\n",
        remit="Бюджеттин долбоору",
    ))  # fmt: skip
    page.save()
    return f.publish(page)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_body_site_has_a_council_section_in_each_language(client, body_a, language):
    page = f.section(body_a, language, content.CouncilPage)
    assert page.show_in_menus and page.live
    home = html_of(client, f"/burana/{language}/")
    assert f'href="/burana/{language}/council/"' in home


def test_a_state_body_gets_no_council_section(body_a):
    from achyk.bodies.models import Body
    from achyk.bodies.services import BodyIn, create_body

    state = create_body(data=BodyIn(
        territory=body_a.territory, kind=Body.Kind.STATE_BODY, slug="ministry",
        languages=["ky", "ru"], names={"ky": "Министрлик", "ru": "Министерство"},
    ))  # fmt: skip
    assert not content.CouncilPage.objects.filter(path__startswith=f.home(state, "ky").path)
    assert content.BodyHomePage.objects.filter(body=state).count() == 2


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_council_page_shows_deputies_commissions_sessions_and_decisions(
    client, body_a, body_b, language
):
    from achyk.documents.tests import factories as documents
    from achyk.participation.tests import factories as events

    council(body_a, language)
    council(body_b, language, deputies=1)
    documents.act(body_a, title="Бюджетти бекитүү жөнүндө", number="14/2",
                  adopted_on=date.today() - timedelta(days=3))  # fmt: skip
    documents.act(body_a, title="Башчынын буйругу", adopted_by="head")
    documents.act(body_b, title="Көк-Жардын токтому")
    events.event(body_a, kind="council", days=5, title_ky="Кеңештин сессиясы",
                 title_ru="Сессия кенеша")  # fmt: skip
    events.event(body_a, kind="council", days=-40, title_ky="Өткөн сессия",
                 title_ru="Прошедшая сессия")  # fmt: skip
    events.event(body_a, kind="gathering", days=6, title_ky="Чогулуш", title_ru="Сход")
    html = html_of(client, f"/burana/{language}/council/")
    assert html.count('class="person-card"') == 2
    assert "Депутат 0 Үсөнов &lt;script&gt;" in html and "<script>alert" not in html
    assert "Төрага" in html and "№1 округ" in html and "Жума 10:00" in html
    assert 'href="tel:+996313551240"' in html
    assert re.search(r'<img [^>]*class="portrait"', html)
    assert "Бюджет боюнча комиссия" in html
    assert "<li>Айбек</li><li>Чолпон</li>" in html
    session = "Кеңештин сессиясы" if language == "ky" else "Сессия кенеша"
    past = "Өткөн сессия" if language == "ky" else "Прошедшая сессия"
    assert session in html and past in html
    assert "Чогулуш" not in html and "Сход<" not in html  # a gathering is not a session
    assert "Бюджетти бекитүү жөнүндө" in html and "№ 14/2" in html
    assert "Башчынын буйругу" not in html  # the head's order is not the council's
    assert "Көк-Жардын токтому" not in html
    assert f'href="/burana/{language}/documents/?adopted_by=council"' in html
    assert f'href="/burana/{language}/participation/calendar/?kind=council"' in html


def test_commissions_and_deputies_of_the_same_name_link_to_each_other(client, body_a):
    page = f.section(body_a, "ru", content.CouncilPage)
    page.deputies.add(content.Deputy(name="Асанов  Бакыт"))
    page.deputies.add(content.Deputy(name=f"Токтосунова Айгүл {HOSTILE}"))
    page.commissions.add(content.Commission(
        name="Бюджетная комиссия", chair="асанов бакыт",
        members=f"Токтосунова Айгүл {HOSTILE}\nЖители села",
    ))  # fmt: skip
    page.commissions.add(content.Commission(name="Комиссия по образованию", chair="Асанов Бакыт"))
    page.save()
    f.publish(page)
    html = html_of(client, "/burana/ru/council/")
    asanov, toktosunova = page.deputies.order_by("sort_order", "pk")
    budget, school = page.commissions.order_by("sort_order", "pk")
    card = html.split(f'id="deputy-{asanov.pk}"', 1)[1].split("</li>", 1)[0]
    assert f'<a href="#commission-{budget.pk}">Бюджетная комиссия</a>' in card
    assert f'<a href="#commission-{school.pk}">Комиссия по образованию</a>' in card
    other = html.split(f'id="deputy-{toktosunova.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Бюджетная комиссия" in other and "Комиссия по образованию" not in other
    section = html.split(f'id="commission-{budget.pk}"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="#deputy-{asanov.pk}">асанов бакыт</a>' in section  # the chair, as typed
    assert f'href="#deputy-{toktosunova.pk}">Токтосунова Айгүл &lt;script&gt;' in section
    assert "<li>Жители села</li>" in section  # a name of no deputy stays plain text
    assert "<script>alert" not in html


def test_an_empty_council_page_says_what_is_not_published_yet(client, body_a):
    with translation.override("ru"):
        html = html_of(client, "/burana/ru/council/")
    assert "Список депутатов ещё не опубликован." in html


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_home_shows_the_head_with_photo_and_the_council(client, body_a, language):
    leadership = f.section(body_a, language, content.LeadershipPage)
    leadership.people.add(content.Person(
        name="Асан Үсөнов", position="Айыл өкмөтүнүн башчысы", reception_hours="Дүйшөмбү",
        photo=f.image(body_a, size=(300, 400)),
    ))  # fmt: skip
    leadership.people.add(content.Person(name="Орун басар", position="Орун басары"))
    leadership.save()
    f.publish(leadership)
    council(body_a, language, deputies=3)
    html = html_of(client, f"/burana/{language}/")
    head = html[html.index('id="h-head"') - 200 : html.index('id="h-council"')]
    assert "Айыл өкмөтүнүн башчысы" in head and "Асан Үсөнов" in head and "Дүйшөмбү" in head
    assert re.search(r'<img [^>]*class="portrait"', head)
    assert "Орун басар" not in head
    assert f'href="/burana/{language}/leadership/"' in head
    block = html[html.index('id="h-council"') :]
    deputies = "3 депутат" if language == "ky" else "3 депутата"
    assert deputies in block, block[:600]
    assert f'href="/burana/{language}/council/#council-sessions"' in block
    assert f'href="/burana/{language}/council/#council-decisions"' in block


def test_home_without_leadership_people_shows_no_head_block(client, body_a):
    assert 'id="h-head"' not in html_of(client, "/burana/ky/")


def test_a_banner_needs_its_text_alternative(body_a):
    home = f.home(body_a, "ky")
    home.banner = f.image(body_a, size=(1200, 300))
    with pytest.raises(ValidationError) as refused:
        home.full_clean()
    assert "banner_alt" in refused.value.message_dict


def test_home_shows_its_banner_and_news_photos(client, body_a):
    home = f.home(body_a, "ky")
    home.banner, home.banner_alt = f.image(body_a, size=(1200, 300)), "Тоолор жана айыл"
    f.publish(home)
    f.news(body_a, "ky", image=f.image(body_a), image_alt="Курултайдын сүрөтү")
    html = html_of(client, "/burana/ky/")
    assert re.search(r'<figure class="banner"><img alt="Тоолор жана айыл"[^>]*\.webp"', html)
    assert re.search(r'<img alt="Курултайдын сүрөтү"[^>]*class="card-photo"', html)


def test_every_page_names_the_official_site_with_the_emblem(client, body_a):
    html = html_of(client, "/burana/ru/news/")
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert '<img class="emblem" src="/burana/ru/emblem/" alt=""' in header
    assert "Официальный сайт" in header
    assert '<body class="country-kg">' in html


def test_default_emblem_is_a_sun_in_the_country_colours(client, body_a):
    response = client.get("/burana/ky/emblem/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=3600" in response["Cache-Control"]
    svg = response.content.decode()
    assert svg.startswith("<svg") and "#d8121f" in svg and "<script" not in svg


def test_an_uploaded_emblem_is_served_for_its_body_only(client, body_a, body_b):
    home = f.home(body_a, "ky")
    home.emblem = f.image(body_a, size=(400, 400))
    f.publish(home)
    mine = client.get("/burana/ru/emblem/")  # the Russian home has none: the Kyrgyz one's
    assert mine.status_code == 302 and "/images/" in mine["Location"]
    assert mine["Location"].endswith(".jpg") or ".max-160x160" in mine["Location"]
    other = client.get("/kok-jar/ky/emblem/")
    assert other.status_code == 200 and other["Content-Type"] == "image/svg+xml"


def test_the_platform_has_no_body_emblem(client, platform):
    assert client.get("/ky/emblem/").status_code == 404


def test_council_page_queries_do_not_grow_with_deputies(
    client, body_a, django_assert_max_num_queries, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from achyk.documents.tests import factories as documents

    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    for n in range(3):
        documents.act(body_a, title=f"Токтом {n}")
    council(body_a, "ky", deputies=2)
    client.get("/burana/ky/council/")  # renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/burana/ky/council/").status_code == 200
    few = len(captured.captured_queries)
    page = f.section(body_a, "ky", content.CouncilPage)
    for n in range(8):
        page.deputies.add(content.Deputy(name=f"Депутат {n}", photo=f.image(body_a)))
    page.save()
    f.publish(page)
    client.get("/burana/ky/council/")
    with django_assert_max_num_queries(few):
        assert client.get("/burana/ky/council/").status_code == 200
    # The page, the menu and the sections other apps hold, its deputies (with their photos'
    # renditions) and commissions, the council's sessions and the decisions with their links.
    assert few <= 24, "\n".join(q["sql"][:100] for q in captured.captured_queries)


def test_setup_adds_the_council_to_sites_built_before_it(client, body_a, body_b):
    from django.core.management import call_command

    from achyk.content.services import ensure_sections

    for language in ("ky", "ru"):
        f.section(body_a, language, content.CouncilPage).delete()
    f.section(body_b, "ru", content.CouncilPage).delete()
    f.standard(body_b, "ru", slug="council", title="Кенеш (своя страница)")
    out = io.StringIO()
    call_command("setup_platform", stdout=out)
    assert "burana: 2 section pages added." in out.getvalue()
    ky, ru = (f.section(body_a, language, content.CouncilPage) for language in ("ky", "ru"))
    assert ky.live and ru.live and ky.show_in_menus
    assert ky.translation_key == ru.translation_key and ky.title != ru.title
    assert 'href="/burana/ru/council/"' in html_of(client, "/burana/ru/")
    assert not content.CouncilPage.objects.child_of(f.home(body_b, "ru")).exists()
    assert ensure_sections(body_a) == 0 and ensure_sections(body_b) == 0


def test_an_emblem_whose_file_is_gone_gives_the_default(client, body_a):
    home = f.home(body_a, "ky")
    home.emblem = f.image(body_a, size=(400, 400))
    f.publish(home)
    home.emblem.file.storage.delete(home.emblem.file.name)
    response = client.get("/burana/ky/emblem/")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
