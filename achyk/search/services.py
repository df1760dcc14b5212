"""Writes to the search index: what a page, a document or an act's record shows the public,
in stems.

Called by the receivers in `signals.py`; `rebuild()` indexes everything again (the
`rebuild_search_index` command). Every function is idempotent: indexing an item that is
not public removes its entry.
"""

import html

from django.db import transaction
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from achyk.bodies.tenancy import body_for_page
from achyk.content.models import BodyHomePage, DocumentIndexPage
from achyk.documents.models import Act, Document, act_path

from . import text
from .models import Kind, SearchEntry

#: Text kept for snippets; the stems cover the whole text, up to MAX_TERMS characters of
#: distinct stems (PostgreSQL refuses a tsvector over 1 MB: a long act must still save).
MAX_STORED_TEXT = 100_000
MAX_TERMS = 200_000
#: Fields of page types that readers see as text (rich text included).
PAGE_TEXT_FIELDS = ("intro", "body", "body_text", "event_place", "structure")
DOCUMENT_KINDS = (Kind.DOCUMENT, Kind.ACT)


def plain(value: str) -> str:
    """Rich text or HTML as the words a reader sees."""
    return html.unescape(strip_tags(value.replace("<", " <"))).strip()


def _page_text(page: Page) -> str:
    parts = [getattr(page, name, None) for name in PAGE_TEXT_FIELDS]
    parts = [plain(part) for part in parts if isinstance(part, str) and part]
    people = page.people.all() if hasattr(page, "people") else ()  # leadership pages
    parts += [f"{person.name} {person.position} {person.duties}" for person in people]
    return "\n".join(part for part in parts if part)


def _without_script_prefix(path: str) -> str:
    """The address from the root of the site, whatever request is being served."""
    prefix = get_script_prefix()
    return "/" + path[len(prefix) :] if path and path.startswith(prefix) else path


def _page_is_public(page: Page) -> bool:
    return page.depth > 1 and page.live and not page.get_view_restrictions().exists()


def _write(*, kind: str, object_id: int, body, language: str, title: str, body_text: str,
           url: str, date) -> SearchEntry:  # fmt: skip
    # PostgreSQL cannot store NUL in text; a file's extracted text might carry one.
    title, body_text = title.replace("\x00", ""), body_text.replace("\x00", "")
    terms = text.terms(f"{title}\n{body_text}", language)
    if len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS].rsplit(" ", 1)[0]
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind, object_id=object_id,
        defaults={
            "body": body, "language": language, "title": title[:500],
            "text": body_text[:MAX_STORED_TEXT], "url": url[:1000], "date": date,
            "terms": terms,
        },
    )  # fmt: skip
    return entry


def index_page(page: Page) -> SearchEntry | None:
    """Index `page` if it is public (live, not private, not the tree's root); else forget it."""
    page = page.specific_deferred if type(page) is Page else page
    if not _page_is_public(page):
        remove_page(page_id=page.pk)
        return None
    _site_id, _root, path = Page.get_url_parts(page) or (None, "", "")
    path = _without_script_prefix(path)
    if not path:
        remove_page(page_id=page.pk)
        return None
    with transaction.atomic():
        return _write(
            kind=Kind.PAGE, object_id=page.pk, body=body_for_page(page),
            language=page.locale.language_code, title=page.title, body_text=_page_text(page),
            url=path, date=page.last_published_at or page.first_published_at,
        )  # fmt: skip


def index_page_tree(page: Page) -> None:
    """Index `page` and every page under it (after a move, or a change of view restriction)."""
    for each in page.get_descendants(inclusive=True).specific():
        index_page(each)


def remove_page(*, page_id: int) -> None:
    SearchEntry.objects.filter(kind=Kind.PAGE, object_id=page_id).delete()


def index_document(*, document_id: int) -> SearchEntry | None:
    """Index a document the public can read (its body's, not archived); else forget it.

    Read afresh from the database: its text is written apart from its other fields.
    """
    document = Document.objects.select_related("body").filter(pk=document_id).first()
    if document is None or document.body_id is None or document.is_archived:
        remove_document(document_id=document_id)
        return None
    act = Act.objects.select_related("type").filter(pk=document.act_id).first()
    parts = [document.description, document.text]
    kind, title, url = Kind.DOCUMENT, document.title, _without_script_prefix(document.url)
    act_path = act and _act_path(act, document.language or document.body.default_language)
    if act_path:
        kind, title, url = Kind.ACT, str(act), act_path
        parts = [act.type.name, act.signatory, *parts]
    with transaction.atomic():
        SearchEntry.objects.filter(kind__in=DOCUMENT_KINDS, object_id=document.pk).exclude(
            kind=kind
        ).delete()
        return _write(
            kind=kind, object_id=document.pk, body=document.body, language=document.language,
            title=title, body_text="\n".join(part for part in parts if part),
            url=url, date=document.created_at,
        )  # fmt: skip


def _act_path(act: Act, language: str) -> str | None:
    """The act's page from its site's root (/ky/documents/acts/<id>-<slug>/), or None while
    the body has no documents section in that language."""
    home = BodyHomePage.objects.filter(body_id=act.body_id, locale__language_code=language).first()
    section = home and DocumentIndexPage.objects.live().child_of(home).first()
    if section is None:
        return None
    _site_id, _root, path = Page.get_url_parts(section) or (None, "", "")
    return _without_script_prefix(path) + act_path(act) if path else None


def remove_document(*, document_id: int) -> None:
    SearchEntry.objects.filter(kind__in=DOCUMENT_KINDS, object_id=document_id).delete()


def index_act(*, act_id: int) -> list[SearchEntry]:
    """Index the registry record of an act (title, number, type, date, who adopted and signed
    it, status, topics) in each language of its body where it has no public file: a file's
    entry finds the act where there is one, and an act with no file at all is still found in
    every language its page is read in. Forgets the records of a deleted act."""
    act = Act.objects.select_related("type", "body").filter(pk=act_id).first()
    if act is None:
        remove_act(act_id=act_id)
        return []
    covered = set(act.files.filter(is_archived=False).values_list("language", flat=True))
    languages = [] if "" in covered else [c for c in act.body.language_list if c not in covered]
    entries = []
    with transaction.atomic():
        for language in languages:
            path = _act_path(act, language)
            if path:
                entries.append(_write_record(act, language, path))
        SearchEntry.objects.filter(kind=Kind.ACT_RECORD, object_id=act.pk).exclude(
            language__in=[entry.language for entry in entries]
        ).delete()
    return entries


def _write_record(act: Act, language: str, path: str) -> SearchEntry:
    with translation.override(language):
        parts = [
            act.type.name, act.number and f"№ {act.number}",
            act.adopted_on and act.adopted_on.strftime("%d.%m.%Y"),
            act.get_adopted_by_display(), act.signatory, act.get_status_display(),
            " ".join(act.tags.names()),
        ]  # fmt: skip
    body_text = "\n".join(str(part) for part in parts if part)
    title, body_text = str(act).replace("\x00", ""), body_text.replace("\x00", "")
    entry, _created = SearchEntry.objects.update_or_create(
        kind=Kind.ACT_RECORD, object_id=act.pk, language=language,
        defaults={
            "body": act.body, "title": title[:500], "text": body_text, "url": path[:1000],
            "date": act.published_at, "terms": text.terms(f"{title}\n{body_text}", language),
        },
    )  # fmt: skip
    return entry


def remove_act(*, act_id: int) -> None:
    SearchEntry.objects.filter(kind=Kind.ACT_RECORD, object_id=act_id).delete()


def rebuild() -> int:
    """Index every page and document again; returns how many entries there are."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for page in Page.objects.filter(depth__gt=1).live().public().specific():
            index_page(page)
        for document_id in Document.objects.filter(is_archived=False).values_list("pk", flat=True):
            index_document(document_id=document_id)
        for act_id in Act.objects.values_list("pk", flat=True):
            index_act(act_id=act_id)
    return SearchEntry.objects.count()
