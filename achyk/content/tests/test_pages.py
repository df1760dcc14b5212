"""Every page type of a body's site, in Kyrgyz and Russian, as a reader sees it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone

from achyk.content import models as content
from achyk.content.tests import factories as f

LANGUAGES = ["ky", "ru"]


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def shown_date(value) -> str:
    return dateformat.format(timezone.localtime(value, timezone.get_fixed_timezone(360)), "j.m.Y")


@pytest.mark.parametrize("language", LANGUAGES)
def test_body_home_shows_news_announcements_documents_sections_and_contacts(
    client, body_a, language
):
    body_a.address_ky, body_a.address_ru = (
        "Ивановка айылы, Ленин к. 1",
        "село Ивановка, ул. Ленина 1",
    )
    body_a.hours_ky, body_a.hours_ru = "Дш–Жм 8:00–17:00", "Пн–Пт 8:00–17:00"
    body_a.phone = "+996 3133 5 12 34"
    body_a.save()
    news = f.news(body_a, language, title="Курултай өттү")
    f.announcement(body_a, language, title="Бюджеттик угуулар", event_place="Маданият үйү")
    f.document(body_a, title="Бюджет 2026")

    html = html_of(client, f"/burana/{language}/")

    assert f'<html lang="{language}"' in html
    assert "Курултай өттү" in html and f'href="/burana/{language}/news/{news.slug}/"' in html
    assert "Бюджеттик угуулар" in html and "Маданият үйү" in html
    assert "Бюджет 2026" in html and "PDF" in html
    for section in ["news", "announcements", "documents", "gallery", "leadership", "vacancies",
                    "reception", "contacts"]:  # fmt: skip
        assert f'href="/burana/{language}/{section}/"' in html
    assert body_a.translated("address", language) in html
    assert body_a.translated("hours", language) in html
    assert 'href="tel:+996313351234"' in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "section", ["", "news/", "announcements/", "documents/", "gallery/", "leadership/",
                "vacancies/", "reception/", "contacts/"],
)  # fmt: skip
def test_every_section_shows_its_dates_in_the_language_of_the_address(
    client, body_a, language, section
):
    html = html_of(client, f"/burana/{language}/{section}")
    assert f'<html lang="{language}"' in html
    assert '<p class="dates">' in html and "<time datetime=" in html
    assert '<a class="skip-link" href="#main">' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_item_shows_publication_and_update_dates(client, body_a, language):
    item = f.news(body_a, language, title="Жол оңдолду")
    item.title = "Жол оңдолду (жаңыланды)"
    item.save_revision().publish()
    item.refresh_from_db()

    html = html_of(client, f"/burana/{language}/news/{item.slug}/")

    dates = html.split('<p class="dates">', 1)[1].split("</p>", 1)[0]
    assert dates.count("<time datetime=") == 2
    assert shown_date(item.first_published_at) in dates
    assert item.last_published_at > item.first_published_at


def test_news_item_shows_its_photo_responsively_and_its_document_for_download(client, body_a):
    photo = f.image(body_a)
    doc = f.document(body_a, title="Токтом №5")
    item = f.news(body_a, "ky", image=photo, image_alt="Жаңы мектеп", document=doc)

    html = html_of(client, f"/burana/ky/news/{item.slug}/")

    img = html.split("<figure>", 1)[1].split("</figure>", 1)[0]
    assert 'alt="Жаңы мектеп"' in img and "srcset=" in img and 'width="' in img
    assert f'href="/burana/documents/{doc.pk}/act.pdf" download' in html and "Токтом №5" in html


def test_news_photo_needs_a_text_alternative(body_a):
    page = content.NewsPage(title="Сүрөтсүз", slug="x", image=f.image(body_a), image_alt=" ")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_alt" in error.value.message_dict


def test_gallery_image_needs_a_text_alternative(body_a):
    item = content.GalleryImage(image=f.image(body_a), alt_text="")
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["page"])
    assert "alt_text" in error.value.message_dict


@pytest.mark.parametrize("language", LANGUAGES)
def test_gallery_shows_lazy_responsive_images_with_their_alt_text(client, body_a, language):
    gallery = f.gallery(body_a, language, title="Нооруз майрамы", images=2)

    index = html_of(client, f"/burana/{language}/gallery/")
    html = html_of(client, f"/burana/{language}/gallery/{gallery.slug}/")

    assert "Нооруз майрамы" in index and 'loading="lazy"' in index
    assert html.count("srcset=") == 2 and html.count('loading="lazy"') == 2
    assert 'alt="Сүрөт 0 &lt;script&gt;' in html and 'width="320"' in html


def test_documents_library_lists_public_documents_of_this_body_with_size_and_format(
    client, body_a, body_b
):
    f.document(body_a, title="Уставы")
    f.document(body_a, title="Архивдеги токтом", archived=True)
    f.document(body_b, title="Көк-Жардын бюджети")

    html = html_of(client, "/burana/ky/documents/")

    assert "Уставы" in html and "PDF" in html and " download>" in html
    assert "Архивдеги токтом" not in html
    assert "Көк-Жардын бюджети" not in html


def test_document_download_serves_the_file(client, body_a):
    doc = f.document(body_a, title="Уставы")
    response = client.get(f"/burana/documents/{doc.pk}/act.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("language", LANGUAGES)
def test_leadership_shows_people_with_reception_hours(client, body_a, language):
    f.leadership(body_a, language)
    html = html_of(client, f"/burana/{language}/leadership/")
    assert "Асан Үсөнов &lt;script&gt;" in html
    assert "Дүйшөмбү 9:00–12:00" in html and "Айыл өкмөтүнүн башчысы" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_contacts_show_address_phone_and_hours_in_the_page_language(client, body_a, language):
    body_a.address_ky, body_a.address_ru = "Ленин көчөсү 1", "улица Ленина 1"
    body_a.hours_ky, body_a.hours_ru = "Дүйшөмбү–жума", "Понедельник–пятница"
    body_a.email = "burana@example.kg"
    body_a.save()
    html = html_of(client, f"/burana/{language}/contacts/")
    other = "ru" if language == "ky" else "ky"
    assert body_a.translated("address", language) in html
    assert body_a.translated("hours", language) in html
    assert body_a.translated("hours", other) not in html
    assert 'href="mailto:burana@example.kg"' in html


def test_vacancies_show_open_ones_with_deadline_and_closed_ones_apart(client, body_a):
    open_one = f.vacancy(body_a, title="Бухгалтер", deadline=timezone.localdate() + timedelta(5))
    f.vacancy(body_a, title="Айдоочу", deadline=timezone.localdate() - timedelta(5))

    html = html_of(client, "/burana/ky/vacancies/")
    page = html_of(client, f"/burana/ky/vacancies/{open_one.slug}/")

    open_part, closed_part = html.split("<h2>", 2)[1:]
    assert "Бухгалтер" in open_part and "Айдоочу" in closed_part
    assert dateformat.format(open_one.deadline, "j.m.Y") in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_announcement_shows_event_date_and_place(client, body_a, language):
    item = f.announcement(body_a, language, title="Сход", event_place="Клуб")
    html = html_of(client, f"/burana/{language}/announcements/{item.slug}/")
    assert "Клуб" in html
    assert item.event_start.astimezone(timezone.get_fixed_timezone(360)).strftime("%H:%M") in html


def test_news_list_is_paginated_by_ten(client, body_a):
    for n in range(12):
        f.news(body_a, "ky", title=f"Жаңылык №{n:02d}")

    first = html_of(client, "/burana/ky/news/")
    second = html_of(client, "/burana/ky/news/?page=2")
    beyond = html_of(client, "/burana/ky/news/?page=99")

    assert "Жаңылык №11" in first and "Жаңылык №00" not in first
    assert 'rel="next" href' not in first and 'href="?page=2" rel="next"' in first
    assert "Жаңылык №00" in second and "Жаңылык №01" in second
    assert "Жаңылык №00" in beyond


def test_standard_page_shows_text_and_dates(client, body_a):
    page = f.standard(body_a, "ru", title="Об айыл аймаке", body="<p>Население 12 000</p>")
    html = html_of(client, f"/burana/ru/{page.slug}/")
    assert "Население 12 000" in html and '<p class="dates">' in html


def test_online_reception_without_fields_sends_readers_to_contacts(client, body_a):
    body_a.phone = "+996 555 00 00 00"
    body_a.save()
    html = html_of(client, "/burana/ky/reception/")
    assert "+996 555 00 00 00" in html


def test_body_home_page_queries_stay_bounded(
    client, body_a, django_assert_max_num_queries, settings
):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    for _n in range(6):
        f.news(body_a, "ky", image=f.image(body_a), image_alt="Сүрөт")
        f.announcement(body_a, "ky")
        f.document(body_a)
    client.get("/burana/ky/")  # warm caches that every request shares (content types, sites)
    # 23: the page (test_render_scale.HOME_QUERIES: its lists, score, next event from each
    # source of the calendar, the head and the council), and the news photos' renditions (1).
    with django_assert_max_num_queries(25):
        assert client.get("/burana/ky/").status_code == 200


def test_news_list_queries_stay_bounded(client, body_a, django_assert_max_num_queries, settings):
    settings.CACHE_PAGE_SECONDS = 0  # count the queries of a render, not of a cached copy
    for _n in range(10):
        f.news(body_a, "ky", image=f.image(body_a), image_alt="Сүрөт")
    client.get("/burana/ky/news/")  # renditions are made on the first view
    with django_assert_max_num_queries(19):  # 18, and the sections other apps hold
        assert client.get("/burana/ky/news/").status_code == 200
