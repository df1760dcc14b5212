"""No input reaches a server error: odd query strings, paging, ids, paths and languages are
answered with a page or a 4xx, forms with hostile data answer with their errors, public form
posts need a CSRF token, and `next=` never sends a reader to another site."""

import pytest
from django.test import Client

from achyk.content.models import FeedbackFormField, FeedbackFormPage, GalleryPage
from achyk.content.tests import factories

GARBAGE_QUERIES = [
    "'", '"', "<>", "[]{}()", "' OR 1=1 --", "%", "_", "\\", "Ңөү %27%22<script>",
    "x" * 10_000, "%00", "a%00b", "%ff%fe", "%c0%af", "%e2%82", "%", "%%", "%zz", "+" * 50,
    "😀" * 100, "\u202e", "null", "undefined", "0" * 300,
]  # fmt: skip
PAGE_NUMBERS = ["-1", "0", "abc", "999999", "1e9", "9" * 40, "", "1.5", "%00", "%ff", "[]"]
HUGE = "9" * 30


@pytest.fixture
def site(body_a, body_b):
    factories.news(body_a, "ky")
    factories.announcement(body_a, "ru")
    factories.document(body_a)
    factories.vacancy(body_a, "ky")
    factories.gallery(body_a, "ky", images=1)
    return body_a


def urls_to_try(site):
    document = site.documents.first()
    base = [
        "/", "/ky/", "/ru/", "/kk/", "/en/", "/burana/", "/burana/ky/", "/burana/ru/news/",
        "/burana/ky/news/", "/burana/ky/announcements/", "/burana/ky/documents/",
        "/burana/ky/gallery/", "/burana/ky/vacancies/", "/burana/ky/leadership/",
        "/burana/ky/contacts/", "/burana/ky/reception/", "/burana/ky/feeds/rss/",
        "/burana/ky/feeds/atom/", "/ky/feeds/rss/", "/burana/ru/feeds/atom/",
    ]  # fmt: skip
    urls = list(base)
    urls += [f"/ky/?q={q}" for q in GARBAGE_QUERIES]
    urls += [f"/burana/ky/news/?page={n}" for n in PAGE_NUMBERS]
    urls += [f"/burana/ky/documents/?page={n}" for n in PAGE_NUMBERS]
    urls += [f"/burana/ru/announcements/?page={n}" for n in PAGE_NUMBERS]
    urls += [f"/burana/ky/gallery/?page={n}" for n in PAGE_NUMBERS]
    urls += [f"/burana/ky/feeds/rss/?{q}" for q in ("page=-1", "format=json", "q=%ff", "x=%00")]
    urls += [
        f"/ky/untranslated/{HUGE}/", "/ky/untranslated/0/", "/ky/untranslated/-1/",
        f"/burana/ky/untranslated/{HUGE}/", "/burana/ru/untranslated/1/",
        "/accessibility/?next=//evil.example/", "/accessibility/?next=https://evil.example/",
        "/accessibility/?next=javascript:alert(1)", "/accessibility/?next=%00",
        "/accessibility/?next=" + "a" * 5000, "/accessibility/?next=/\\evil.example",
        "/documents/99999/missing.pdf", f"/documents/{HUGE}/x.pdf", "/documents/abc/x.pdf",
        f"/documents/{document.pk}/wrong-name.pdf", "/documents/1/%00.pdf",
        "/" + "a" * 5000, "/burana/ky/" + "x/" * 400, "/ky/" + "ө" * 2000 + "/",
        "/xx/", "/zz-yy/news/", "/burana/de/", "/burana/kk/news/", "/burana/xx/news/",
        "/%ff/", "/burana/%ff%fe/", "/ky/%00/", "/burana%00/ky/", "/ky/news/%c0%af/",
        "/healthz?x=%00", "/media/../../etc/passwd", "/media/%2e%2e/%2e%2e/etc/passwd",
        "/burana/ky/news/?page=1&page=2&q=" + "%" * 100,
    ]  # fmt: skip
    return urls


def test_no_public_url_answers_with_a_server_error(client, site):
    client.raise_request_exception = False
    failures = []
    for url in urls_to_try(site):
        for host in ("testserver", "burana.localhost"):
            response = client.get(url, HTTP_HOST=host)
            if response.status_code >= 500:
                failures.append((host, url[:120], response.status_code))
    assert failures == []


def test_nul_bytes_are_refused_with_a_translated_page(client, site):
    response = client.get("/ru/?q=a%00b")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ru"' in html
    assert "Запрос не удалось прочитать" in html


OFFSITE = ["//evil.example/", "https://evil.example/x", "javascript:alert(1)", "/\\evil.example",
           "http:\\\\evil.example"]  # fmt: skip


@pytest.mark.parametrize("target", OFFSITE)
def test_accessibility_toggle_never_redirects_to_another_site(client, db, target):
    response = client.post("/accessibility/", {"toggle": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_accessibility_toggle_returns_to_the_page_of_this_site(client, db):
    response = client.post("/accessibility/", {"toggle": "1", "next": "/burana/ky/news/?page=2"})
    assert response["Location"] == "/burana/ky/news/?page=2"


@pytest.fixture
def reception(body_a):
    home = factories.home(body_a, "ky")
    page = FeedbackFormPage.objects.child_of(home).get()
    FeedbackFormField.objects.create(page=page, label="Аты-жөнү", field_type="singleline",
                                     required=True, sort_order=0)  # fmt: skip
    FeedbackFormField.objects.create(page=page, label="Кайрылуу", field_type="multiline",
                                     required=True, sort_order=1)  # fmt: skip
    FeedbackFormField.objects.create(page=page, label="Email", field_type="email",
                                     required=False, sort_order=2)  # fmt: skip
    return factories.publish(page)


def test_feedback_form_needs_a_csrf_token(reception):
    browser = Client(enforce_csrf_checks=True)
    url = reception.get_url()
    data = {"aty_zhonu": "Асан", "kairyluu": "Суроо"}
    assert browser.post(url, data).status_code == 403
    page = browser.get(url)
    token = page.cookies["csrftoken"].value
    response = browser.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"unknown": "x"},
        {"aty_zhonu": "x" * 100_000, "kairyluu": "<script>alert(1)</script>" * 1000},
        {"aty_zhonu": ["a", "b"], "kairyluu": "", "email": "not-an-email"},
        {"aty_zhonu": "ңөү", "kairyluu": "ңөү", "email": "a@" + "b" * 300 + ".kg"},
        {"aty_zhonu": "a\x00b", "kairyluu": "ok"},
    ],
)
def test_feedback_form_with_garbage_answers_with_errors_not_a_crash(client, reception, data):
    client.raise_request_exception = False
    response = client.post(reception.get_url(), data)
    assert response.status_code < 500


def test_feedback_form_with_broken_utf8_answers_with_errors_not_a_crash(client, reception):
    client.raise_request_exception = False
    body = b"aty_zhonu=%ED%A0%80%FF&kairyluu=%C0%AF&email=%E2%82"
    response = client.post(
        reception.get_url(), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500


def test_a_gallery_form_claiming_a_million_images_builds_a_hundred_forms_and_refuses(
    body_a, editor_a
):
    gallery = factories.gallery(body_a, "ky", images=1)
    form_class = GalleryPage.get_edit_handler().get_form_class()
    data = {"title": "Сүрөттөр", "slug": "suurottor", "gallery_images-TOTAL_FORMS": "1000000",
            "gallery_images-INITIAL_FORMS": "0"}  # fmt: skip
    form = form_class(data, instance=gallery, parent_page=gallery.get_parent(), for_user=editor_a)
    formset = form.formsets["gallery_images"]
    assert not form.is_valid()
    assert len(formset.forms) == 100
    assert [e.code for e in formset.non_form_errors().as_data()] == ["too_many_forms"]
