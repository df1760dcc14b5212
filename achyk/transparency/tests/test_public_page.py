"""The public transparency page of a body: the checklist in plain words, links to the
evidence, the next due dates and the history of the score, in Kyrgyz and Russian."""

import html
import re
from decimal import Decimal

import pytest
import time_machine

from achyk.transparency import services

from . import factories, scored


@pytest.fixture
def world(provider, body_a, body_b):
    with time_machine.travel(scored.NOW, tick=False):
        scored.scored(provider, body_a, body_b)
        scored.history(body_a, [("40", "50", "30"), ("45.5", "55", "36"), ("50", "60", "40")])
        yield body_a


def duty_block(page: str, code: str) -> str:
    return re.search(rf'<li id="duty-{code}".*?</li>\s*(?=<li id="duty-|</ol>)', page, re.S).group(
        0
    )


def text(fragment: str) -> str:
    plain = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))
    return plain.replace(" :", ":")


def test_checklist_says_in_kyrgyz_what_is_published_with_links_and_due_dates(client, world):
    page = client.get("/burana/ky/transparency/").content.decode()

    news = duty_block(page, "news")
    assert "Жаңылык &lt;b&gt;ө&lt;/b&gt;" in news and 'href="/burana/ky/news/jangylyk/"' in news
    assert 'href="/burana/ru/news/novost/"' in news
    assert '<span lang="ky">Кыргызча</span>' in news and '<span lang="ru">Русский</span>' in news
    acts = duty_block(page, "council-acts")
    assert 'href="/burana/ky/documents/act/1/"' in acts
    contacts = duty_block(page, "contacts")
    assert "href=" not in contacts  # nothing published: nothing to link to
    assert "&lt;script&gt;" in page and "<script>alert" not in page  # hostile titles escaped
    assert 'href="/burana/ky/transparency/methodology/"' in page


def test_plain_words_per_language_in_russian(client, world):
    page = client.get("/burana/ru/transparency/").content.decode()
    news = text(duty_block(page, "news"))
    assert "Кыргызча:" in news and "Русский:" in news
    assert page.count('class="duty status-') == 3


def test_score_history_is_a_chart_with_a_table_of_the_months(client, world):
    page = client.get("/burana/ky/transparency/").content.decode()
    history = page[page.index('id="history"') :]
    assert '<svg class="chart-svg"' in history and 'role="img"' in history
    rows = re.findall(r"<tr><th scope=\"row\">(2026-0\d)</th>", history)
    assert rows == ["2026-01", "2026-02", "2026-03"]
    assert "45.5\u00a0%" in history  # ky writes the decimal point


def test_summary_figures_are_shown(client, world):
    from achyk.transparency.selectors import summary_for

    summary = summary_for(world)
    page = client.get("/burana/ru/transparency/").content.decode()
    expected = f"{summary.index.quantize(Decimal('0.1'))}".replace(".", ",") + "\u00a0%"
    assert expected in page


def test_anonymous_reader_gets_no_form_and_no_cookie_but_a_sign_in_link(client, world):
    response = client.get("/burana/ky/transparency/")
    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page and not response.cookies
    assert 'href="/burana/ky/login/?next=/burana/ky/transparency/"' in page


def test_platform_site_leads_to_the_rating(client, world):
    response = client.get("/ky/transparency/")
    assert response.status_code == 302 and response["Location"] == "/ky/transparency/rating/"


def test_page_reads_a_fixed_number_of_queries(client, world, provider, body_b,
                                              django_assert_max_num_queries, settings):  # fmt: skip
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    # The site template's menus take 9 (8, and the sections other apps hold) and the body's
    # routing 2; the checklist, the flags, the figures, the measures of other apps (requests'
    # answer times) and the history one each, whatever the number of duties and evidence.
    with django_assert_max_num_queries(16):
        assert client.get("/burana/ky/transparency/").status_code == 200
    with time_machine.travel(scored.NOW, tick=False):
        for n in range(6):
            factories.duty(code=f"more-{n}", keys="test:page")
        for n in range(5):
            provider.add(world, key="test:page", language="ru", title=f"Новость {n}")
        services.recompute(body_ids=[world.pk])
    with django_assert_max_num_queries(15):
        page = client.get("/burana/ky/transparency/").content.decode()
    assert page.count('class="duty status-') == 9
