"""Languages: the switch leads to the same item, or says plainly it is not translated yet."""

import pytest

from achyk.content.tests import factories as f


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_language_switch_leads_to_the_same_item_in_the_other_language(client, body_a):
    item = f.news(body_a, "ky", title="Суу түтүгү", slug="suu")
    f.translate(item, "ru", title="Водопровод", slug="vodoprovod")

    ky = html_of(client, "/burana/ky/news/suu/")
    ru = html_of(client, "/burana/ru/news/vodoprovod/")

    assert 'href="/burana/ru/news/vodoprovod/" lang="ru" hreflang="ru"' in ky
    assert 'href="/burana/ky/news/suu/" lang="ky" hreflang="ky"' in ru
    assert '<html lang="ru"' in ru and "Водопровод" in ru


def test_language_switch_on_an_untranslated_item_leads_to_a_plain_notice(client, body_a):
    item = f.news(body_a, "ky", title="Тек кыргызча", slug="tek")

    ky = html_of(client, "/burana/ky/news/tek/")
    notice = html_of(client, f"/burana/ru/untranslated/{item.pk}/")

    assert f'href="/burana/ru/untranslated/{item.pk}/" lang="ru" hreflang="ru" rel="nofollow"' in ky
    assert '<html lang="ru"' in notice and '<meta name="robots" content="noindex">' in notice
    assert 'href="/burana/ky/news/tek/" lang="ky" hreflang="ky">Тек кыргызча</a>' in notice
    assert 'href="/burana/ru/news/"' in notice  # the same section, in Russian


def test_untranslated_notice_leads_back_to_the_original_through_the_switch(client, body_a):
    item = f.news(body_a, "ky", slug="tek")
    notice = html_of(client, f"/burana/ru/untranslated/{item.pk}/")
    switch = notice.split('<ul class="langs">', 1)[1].split("</ul>", 1)[0]
    assert 'href="/burana/ky/news/tek/"' in switch


def test_untranslated_notice_is_404_for_another_bodys_page(client, body_a, body_b):
    other = f.news(body_b, "ky", title="Көк-Жардын сыры")
    response = client.get(f"/burana/ru/untranslated/{other.pk}/")
    assert response.status_code == 404
    assert "Көк-Жардын сыры" not in response.content.decode()


def test_untranslated_notice_is_404_when_the_page_is_in_this_language(client, body_a):
    item = f.news(body_a, "ky")
    assert client.get(f"/burana/ky/untranslated/{item.pk}/").status_code == 404


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_not_found_page_speaks_the_language_of_the_address(client, body_a, language):
    html = html_of(client, f"/burana/{language}/no-such-page/", status=404)
    assert f'<html lang="{language}"' in html
    assert f'href="/burana/{language}/">' in html  # back to the body's home


@pytest.mark.parametrize("language", ["ky", "ru", "kk", "en"])
def test_platform_home_speaks_every_platform_language(client, platform, language):
    html = html_of(client, f"/{language}/")
    assert f'<html lang="{language}"' in html


def test_kazakh_body_opens_in_kazakh_and_offers_russian(client, platform):
    from achyk.bodies.tests import factories

    factories.body(slug="ak-tal-kz", country="KZ", name="Ақтал")
    assert client.get("/ak-tal-kz/")["Location"] == "/ak-tal-kz/kk/"
    html = html_of(client, "/ak-tal-kz/kk/")
    assert '<html lang="kk"' in html and "Ақтал (kk)" in html
    assert 'href="/ak-tal-kz/ru/" lang="ru"' in html
    assert 'lang="ky"' not in html.split('<ul class="langs">', 1)[1].split("</ul>", 1)[0]
