"""Rich text shown to readers never carries scripts, whether it was typed in the admin or
written by code (an import, a script, a bulk update, raw SQL)."""

import json

import pytest
from django.db import connection
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from achyk.content.models import StandardPage
from achyk.content.tests import factories

PAYLOADS = (
    '<p>Кабар <script>alert("ө")</script></p>'
    "<p><img src=x onerror=alert(1)></p>"
    '<p onclick="alert(2)"><a href="javascript:alert(3)">басыңыз</a></p>'
    '<p><a href="JaVaScRiPt:alert(4)">b</a><a href="jav&#x09;ascript:alert(5)">c</a></p>'
    "<svg><g onload=alert(6)></g></svg><iframe src=//evil.example></iframe>"
    '<p><a href="https://example.kg/?a=1&amp;b=2">сайт</a></p>'
)
DANGEROUS = (
    "<script",
    "onerror",
    "onclick",
    "onload",
    "javascript:",
    "<iframe",
    "<svg",
    "<img src=x",
)


def assert_clean(html: str):
    lowered = html.lower()
    for marker in DANGEROUS:
        assert marker not in lowered, marker


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_payload_saved_through_the_orm_is_stored_and_shown_clean(client, body_a):
    page = factories.standard(body_a, "ky", body=PAYLOADS)
    stored = StandardPage.objects.filter(pk=page.pk).values_list("body", flat=True).get()
    assert_clean(stored)
    shown = main_of(client.get(page.get_url()))
    assert_clean(shown)
    assert "Кабар" in shown and 'href="https://example.kg/?a=1&amp;b=2"' in shown


def test_bulk_update_cannot_bypass_the_sanitiser(client, body_a):
    page = factories.standard(body_a, "ky")
    StandardPage.objects.filter(pk=page.pk).update(body=PAYLOADS)
    assert_clean(StandardPage.objects.values_list("body", flat=True).get(pk=page.pk))
    assert_clean(main_of(client.get(page.get_url())))


def test_rows_written_by_raw_sql_are_sanitised_when_read(client, body_a):
    page = factories.standard(body_a, "ky")
    table = StandardPage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET body = %s WHERE page_ptr_id = %s", [PAYLOADS, page.pk])  # noqa: S608
    assert_clean(StandardPage.objects.get(pk=page.pk).body)
    assert_clean(main_of(client.get(page.get_url())))


def test_revision_written_by_code_is_clean_in_preview(admin_client, body_a):
    page = factories.standard(body_a, "ky")
    page.body = PAYLOADS
    revision = page.save_revision()
    assert_clean(revision.as_object().body)


def test_images_and_internal_links_survive_sanitising(body_a):
    image = factories.image(body_a)
    html = (
        f'<p><a linktype="page" id="{body_a.site.root_page_id}">үй</a></p>'
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="Айыл &amp; тоо"/>'
    )
    page = factories.standard(body_a, "ky", body=html)
    assert StandardPage.objects.get(pk=page.pk).body == html


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    return client


def contentstate(text: str, url: str) -> str:
    return json.dumps({
        "blocks": [{"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text,
                    "inlineStyleRanges": [], "data": {},
                    "entityRanges": [{"offset": 0, "length": 5, "key": 0}]}],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
    })  # fmt: skip


def test_payload_typed_in_the_admin_is_stored_clean(editor, client, body_a):
    page = factories.standard(body_a, "ky", title="Маалымат")
    data = nested_form_data({
        "title": "Маалымат", "slug": page.slug, "intro": "",
        "body": contentstate('Click <script>alert(1)</script><img src=x onerror=alert(2)>',
                             "javascript:alert(document.cookie)"),
        "comments": inline_formset([]), "action-publish": "publish",
    })  # fmt: skip
    response = editor.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = StandardPage.objects.get(pk=page.pk).body
    assert "Click" in stored
    assert "javascript:" not in stored and "<script" not in stored and "<img" not in stored
    client.logout()
    shown = main_of(client.get(page.get_url()))
    assert "&lt;script&gt;" in shown  # typed text stays text
    assert "<script" not in shown and "<img" not in shown and "javascript:" not in shown
