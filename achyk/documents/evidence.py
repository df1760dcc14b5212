"""What the registry of acts shows the transparency monitor (`achyk.bodies.evidence`).

One kind per document type, "doctype:<code>": each language version (file) of an act is one
item in its language, dated by the act's adoption (`event_date`), published when both the
act and that file were; an act without any file is one item without a language. An item
lacks ("missing") the date, number or signatory the act has not got, or its file. Evidence
is read in bulk: three queries for any number of bodies and types. Saving or deleting an act
or one of its files tells the monitor (`connect()`, from `DocumentsConfig.ready()`).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.db.models.functions import Substr
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from achyk.bodies.evidence import EvidenceItem, EvidenceKind, changed
from achyk.bodies.models import public_url

from .models import Act, Document, DocumentType, act_path

PREFIX = "doctype:"


class DocumentEvidence:
    """The evidence provider of the documents app."""

    def kinds(self) -> Iterable[EvidenceKind]:
        for document_type in DocumentType.objects.all():
            yield EvidenceKind(
                f"{PREFIX}{document_type.code}",
                _("documents: %(type)s") % {"type": document_type.name},
            )

    def editor_url(self, *, key: str, body) -> str | None:
        """The upload of an act with its type chosen (the monitor's to-do list links here)."""
        if not key.startswith(PREFIX):
            return None
        return f"{reverse('wagtaildocs:add')}?{urlencode({'act_type': key[len(PREFIX) :]})}"

    def collect(self, *, keys: set[str], body_ids) -> Iterable[EvidenceItem]:
        codes = [key[len(PREFIX) :] for key in keys if key.startswith(PREFIX)]
        acts = Act.objects.filter(type__code__in=codes)
        if body_ids is not None:
            acts = acts.filter(body_id__in=list(body_ids))
        rows = list(
            acts.values(
                "pk", "body_id", "body__slug", "body__default_language", "type__code", "title",
                "number", "adopted_on", "signatory", "published_at", "updated_at",
            )
        )  # fmt: skip
        if not rows:
            return
        files = _files(acts)
        sections = _sections({act["body_id"] for act in rows})
        for act in rows:
            yield from _items(act, files.get(act["pk"], []), sections)


def _files(acts) -> dict[int, list[dict]]:
    """The files (language versions) of `acts`, a queryset read as a subquery."""
    found: dict[int, list[dict]] = {}
    rows = (
        Document.objects.public()
        .filter(act__in=acts.values("pk"))
        .values("act_id", "language", "created_at", "updated_at")
    )
    for row in rows:
        found.setdefault(row["act_id"], []).append(row)
    return found


def _sections(body_ids: set[int]) -> dict[tuple[int, str], str]:
    """{(body id, language): path of its documents section under /<slug>/<language>/}."""
    homes = {
        row["path"]: row
        for row in Page.objects.filter(depth=2, bodyhomepage__body_id__in=body_ids).values(
            "path", "url_path", "locale__language_code", "bodyhomepage__body_id"
        )
    }
    sections = (
        Page.objects.live()
        .filter(content_type__app_label="content", content_type__model="documentindexpage")
        .annotate(home_path=Substr("path", 1, Page.steplen * 2))
        .filter(depth=3, home_path__in=list(homes))
        .values("path", "url_path")
    )
    found = {}
    for row in sections:
        home = homes.get(row["path"][: Page.steplen * 2])
        if home:
            key = (home["bodyhomepage__body_id"], home["locale__language_code"])
            found[key] = row["url_path"][len(home["url_path"]) :]
    return found


def _items(act: dict, files: list[dict], sections) -> Iterable[EvidenceItem]:
    missing = _missing(act)
    versions = files or [{"language": "", "created_at": act["published_at"], "updated_at": None}]
    for version in versions:
        language = version["language"]
        published = max(act["published_at"], version["created_at"])
        updated = max(filter(None, [published, act["updated_at"], version["updated_at"]]))
        yield EvidenceItem(
            body_id=act["body_id"], key=f"{PREFIX}{act['type__code']}", language=language,
            published_at=published, updated_at=updated,
            title=f"{act['title']} № {act['number']}" if act["number"] else act["title"],
            url=_url(act, language, sections), event_date=act["adopted_on"],
            missing=missing if files else (*missing, "file"),
        )  # fmt: skip


def _missing(act: dict) -> tuple[str, ...]:
    checks = [("date", "adopted_on"), ("number", "number"), ("signatory", "signatory")]
    return tuple(name for name, field in checks if not act[field])


def _url(act: dict, language: str, sections) -> str:
    """The act's page in the body's documents section in `language` (the body's default
    language for an act without files); "" while the body has no such section."""
    language = language or act["body__default_language"]
    section = sections.get((act["body_id"], language))
    if section is None:
        return ""
    home = public_url(act["body__slug"], language)
    return home + section + act_path(pk=act["pk"], title=act["title"])


provider = DocumentEvidence()


def act_changed(sender, instance, **kwargs) -> None:
    """An act or a file was saved or deleted (a file may have joined or left an act)."""
    changed(instance.body_id)


def connect() -> None:
    uid = "achyk.documents.evidence"
    for signal in (post_save, post_delete):
        signal.connect(act_changed, sender=Act, dispatch_uid=f"{uid}.act.{id(signal)}")
        signal.connect(act_changed, sender=Document, dispatch_uid=f"{uid}.file.{id(signal)}")
