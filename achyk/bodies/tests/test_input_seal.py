"""The input seal: ids carried by an admin request (a form's chooser, an inline row, a link in
rich text, a copy's or move's destination, a listing's user filter) reach nothing of another
body, and are answered exactly like missing ones.

Each test replays an attack made with the demo logins: an editor of Burana (body A) sends ids
of Kok-Jar's (body B) objects.
"""

import json

import pytest
from django import forms
from django.apps import apps
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.blocks import (
    CharBlock,
    ListBlock,
    PageChooserBlock,
    RichTextBlock,
    StreamBlock,
    StructBlock,
)
from wagtail.blocks.base import BlockField
from wagtail.coreutils import resolve_model_string
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from achyk.bodies.seal_forms import SealedFormMixin

from .isolation import snapshot
from .isolation_inputs import block_data, chooser_blocks
from .test_isolation import leaks_in

MISSING = 987654
FEATURES = ["link", "document-link", "image"]


@pytest.fixture
def worlds(isolation_worlds):
    """Body A's and body B's marked content, built once for the tests that read it."""
    return isolation_worlds


@pytest.fixture
def editor(client, editor_a):
    client.force_login(editor_a)
    client.raise_request_exception = False
    return client


def contentstate(html: str) -> str:
    return get_rich_text_editor_widget(features=FEATURES).format_value(html)


def news_edit(client, page, **fields):
    data = nested_form_data({
        "title": "Бурана жаңылык", "slug": page.slug, "intro": "", "image_alt": "сүрөт",
        "body": contentstate("<p>Текст</p>"), "comments": inline_formset([]), **fields,
    })  # fmt: skip
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def saved_draft(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object()


def refused_fields(response) -> set[str]:
    """The fields of the response's form (and its inline rows) that carry an error."""
    form = (response.context or {}).get("form")
    if form is None:
        return set()
    fields = set(form.errors)
    for name, formset in getattr(form, "formsets", {}).items():
        fields |= {f"{name}-{field}" for errors in formset.errors for field in errors}
    return fields


def answer_of(response) -> tuple:
    """What a user sees of a refusal: the status and the errors of the form."""
    form = (response.context or {}).get("form")
    errors = sorted((k, str(v)) for k, v in form.errors.items()) if form is not None else []
    return response.status_code, errors


def test_news_page_takes_no_image_of_another_body(editor, worlds):
    world_a, world_b = worlds
    response = news_edit(editor, world_a.published, image=world_b.image.pk)
    assert response.status_code == 200
    assert refused_fields(response) == {"image"}
    assert leaks_in(response, world_b.marks()) == []
    assert saved_draft(world_a.published).image_id is None
    assert answer_of(response) == answer_of(news_edit(editor, world_a.published, image=MISSING)), (
        "another body's image is answered like a missing one"
    )


def test_news_page_takes_its_own_body_s_image(editor, worlds):
    world_a, _world_b = worlds
    response = news_edit(editor, world_a.published, image=world_a.image.pk)
    assert response.status_code == 302, answer_of(response)
    assert saved_draft(world_a.published).image_id == world_a.image.pk


def test_news_page_takes_no_document_of_another_body(editor, worlds):
    world_a, world_b = worlds
    response = news_edit(editor, world_a.published, document=world_b.document.pk)
    assert refused_fields(response) == {"document"}
    assert leaks_in(response, world_b.marks()) == []
    assert saved_draft(world_a.published).document_id is None


@pytest.mark.parametrize(
    "html",
    [
        '<p><a linktype="page" id="{draft}">кабар</a></p>',
        '<embed embedtype="image" id="{image}" format="fullwidth" alt="сүрөт"/>',
        '<p><a linktype="document" id="{document}">токтом</a></p>',
    ],
    ids=["page link", "image embed", "document link"],
)
def test_rich_text_refers_to_nothing_of_another_body(editor, worlds, html):
    world_a, world_b = worlds
    ids = {"draft": world_b.draft.pk, "image": world_b.image.pk, "document": world_b.document.pk}
    response = news_edit(editor, world_a.published, body=contentstate(html.format(**ids)))
    text = response.content.decode()
    assert response.status_code == 200 and refused_fields(response) == {"body"}
    assert leaks_in(response, world_b.marks()) == []
    assert world_b.draft.slug not in text, "the draft's address is not published"
    assert str(world_b.draft.pk) not in saved_draft(world_a.published).body
    missing = {key: MISSING for key in ids}
    assert answer_of(response) == answer_of(
        news_edit(editor, world_a.published, body=contentstate(html.format(**missing)))
    )


def test_rich_text_links_to_the_body_s_own_pages_and_files(editor, worlds):
    world_a, _world_b = worlds
    html = (
        f'<p><a linktype="page" id="{world_a.draft.pk}">кабар</a> '
        f'<a linktype="document" id="{world_a.document.pk}">токтом</a></p>'
    )
    response = news_edit(editor, world_a.published, body=contentstate(html))
    assert response.status_code == 302, answer_of(response)
    assert f'id="{world_a.document.pk}"' in saved_draft(world_a.published).body


def test_gallery_row_takes_no_image_of_another_body(editor, worlds):
    world_a, world_b = worlds
    gallery = apps.get_model("content", "GalleryPage")(title="Сүрөттөр", slug="surottor")
    world_a.home.add_child(instance=gallery)
    row = {"image": world_b.image.pk, "alt_text": "сүрөт", "caption": ""}
    data = nested_form_data({
        "title": "Сүрөттөр", "slug": "surottor", "intro": "",
        "gallery_images": inline_formset([row]), "comments": inline_formset([]),
    })  # fmt: skip
    response = editor.post(f"/admin/pages/{gallery.pk}/edit/", data)
    assert response.status_code == 200
    assert refused_fields(response) == {"gallery_images-image"}
    assert leaks_in(response, world_b.marks()) == []
    assert list(saved_draft(gallery).gallery_images.all()) == []


def test_copy_to_another_body_s_page_is_answered_like_a_missing_page(editor, worlds):
    world_a, world_b = worlds
    before = snapshot(world_b)
    url = f"/admin/pages/{world_a.published.pk}/copy/"
    data = {"new_title": "көчүрмө", "new_slug": "kochurmo", "new_parent_page": world_b.draft.pk}
    response = editor.post(url, data)
    assert response.status_code == 404
    assert leaks_in(response, world_b.marks()) == []
    assert editor.post(url, {**data, "new_parent_page": MISSING}).status_code == 404
    assert snapshot(world_b) == before


@pytest.mark.parametrize("action", ["copy", "move"])
def test_admin_api_actions_take_no_destination_of_another_body(editor, worlds, action):
    world_a, world_b = worlds
    before = snapshot(world_b)
    url = f"/admin/api/main/pages/{world_a.published.pk}/action/{action}/"
    for destination in (world_b.news_index.pk, world_b.draft.pk, MISSING):
        body = json.dumps({"destination_page_id": destination})
        response = editor.post(url, body, content_type="application/json")
        assert response.status_code == 404
        assert leaks_in(response, world_b.marks()) == []
    assert snapshot(world_b) == before


def test_move_and_bulk_move_take_no_destination_of_another_body(editor, worlds):
    world_a, world_b = worlds
    before = snapshot(world_b)
    page = world_a.published.pk
    for destination in (world_b.news_index.pk, MISSING):
        move = editor.post(f"/admin/pages/{page}/move/", {"new_parent_page": destination})
        bulk = editor.post(
            f"/admin/bulk/wagtailcore/page/move/?id={page}", {"chooser": destination}
        )
        for response in (move, bulk):
            assert response.status_code == 404
            assert leaks_in(response, world_b.marks()) == []
    assert snapshot(world_b) == before


def test_page_explorer_owner_filter_lists_only_the_body_s_staff(editor, worlds):
    world_a, world_b = worlds
    Page.objects.filter(pk=world_b.draft.pk).update(owner=world_b.admin)
    Page.objects.filter(pk=world_a.draft.pk).update(owner=world_a.admin)
    response = editor.get(f"/admin/pages/{world_a.news_index.pk}/")
    assert response.status_code == 200
    assert "СЕКРЕТ-SEKRETA" in response.content.decode(), "the body's own staff are offered"
    assert leaks_in(response, world_b.marks()) == []
    probe = editor.get(f"/admin/pages/{world_a.news_index.pk}/?owner={world_b.admin.pk}")
    assert probe.status_code == 404


def test_site_history_user_filter_lists_only_the_body_s_staff(editor, worlds):
    world_a, world_b = worlds
    for world in (world_a, world_b):
        PageLogEntry.objects.log_action(world.draft, "wagtail.edit", user=world.admin)
    response = editor.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert leaks_in(response, world_b.marks()) == []
    probe = editor.get(f"/admin/reports/site-history/?user={world_b.admin.pk}")
    assert probe.status_code == 404


class StreamForm(SealedFormMixin, forms.Form):
    """A form of a StreamField as the modules to come will have: choosers at every depth."""

    content = BlockField(
        StreamBlock([
            ("page", PageChooserBlock()),
            ("figure", StructBlock([("image", ImageChooserBlock()),
                                    ("caption", CharBlock(required=False))])),
            ("files", ListBlock(DocumentChooserBlock())),
            ("text", RichTextBlock(features=FEATURES)),
        ])
    )  # fmt: skip

    def __init__(self, *args, for_user=None, **kwargs):
        self.for_user = for_user
        super().__init__(*args, **kwargs)


@pytest.mark.parametrize("key", ["draft", "image", "document"])
def test_stream_field_chooser_blocks_take_no_object_of_another_body(worlds, editor_a, key):
    world_a, world_b = worlds
    block = StreamForm.base_fields["content"].block
    obj = world_a.objects[key]
    choosers = chooser_blocks(block)
    (chooser,) = [c for c in choosers if isinstance(obj, resolve_model_string(c.target_model))]

    def form_for(pk):
        data = nested_form_data({"content": block_data(block, chooser, pk)})
        return StreamForm(data, for_user=editor_a)

    assert form_for(obj.pk).is_valid()
    refused = form_for(world_b.objects[key].pk)
    assert not refused.is_valid() and set(refused.errors) == {"content"}
    assert refused.fields["content"].disabled, "drawn again from its saved value"
    assert not form_for(MISSING).is_valid()


def test_rich_text_inside_a_stream_links_to_nothing_of_another_body(worlds, editor_a):
    world_a, world_b = worlds
    html = '<p><a linktype="page" id="{}">кабар</a></p>'

    def form_for(page):
        text = contentstate(html.format(page.pk))
        data = nested_form_data({"content": streamfield([("text", text)])})
        return StreamForm(data, for_user=editor_a)

    assert form_for(world_a.draft).is_valid()
    assert not form_for(world_b.draft).is_valid()


@pytest.mark.parametrize(
    "url",
    ["/admin/reports/site-history/", "/admin/reports/site-history/results/",
     "/admin/reports/site-history/?export=csv", "/admin/reports/site-history/?q=image"],
)  # fmt: skip
def test_site_history_shows_no_log_entry_of_another_body_s_files(editor, worlds, url):
    """Each body's images, documents and acts were edited; an editor's site history (its
    list, its results, its export, its search) shows none of the other body's entries, and
    its own page entries. Wagtail shows a log entry of a model to a user holding a permission
    on that model, and body staff hold theirs per collection, never on a model: a model
    permission granted to a body's group would show it every body's entries."""
    world_a, world_b = worlds
    for world in (world_a, world_b):
        for key in ("image", "document", "act"):
            log(instance=world.objects[key], action="wagtail.edit", user=world.admin)
        PageLogEntry.objects.log_action(world.draft, "wagtail.edit", user=world.admin)
    response = editor.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode().lower()
    assert [mark for mark in world_b.marks() if mark.lower() in text] == []
    if "?q=" not in url:
        assert world_a.draft.title.lower() in text
