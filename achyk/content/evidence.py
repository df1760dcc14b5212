"""What the content of bodies' sites shows the transparency monitor (`achyk.bodies.evidence`).

Kinds: "page:<section>" for the page types of the common site template (each live, public
page is one item, in its locale's language), and "section:<value>" for standard pages whose
editors said which information required by law they publish (`StandardPage.section`); the
council's page is an item of "section:council" (partial without deputies).
Evidence is read in bulk: one query per page type for any number of bodies, the body of a
page found through its home page (the depth-2 ancestor).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from django.db.models.functions import Substr
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail import signals as wagtail_signals
from wagtail.models import Page

from achyk.bodies.evidence import EvidenceItem, EvidenceKind, changed
from achyk.bodies.models import public_url
from achyk.bodies.tenancy import body_for_page

from . import models

#: key → (page model or models, label)
PAGE_KINDS = {
    "page:news": (models.NewsPage, _("news items")),
    "page:announcements": (models.AnnouncementPage, _("announcements")),
    "page:leadership": (models.LeadershipPage, _("leadership page")),
    "page:contacts": (models.ContactPage, _("contacts page")),
    "page:vacancies": ((models.VacancyIndexPage, models.VacancyPage), _("vacancies")),
    "page:galleries": (models.GalleryPage, _("photo galleries")),
    "page:feedback": (models.FeedbackFormPage, _("online reception")),
}
SECTION_PREFIX = "section:"


class ContentEvidence:
    """The evidence provider of the content app."""

    def kinds(self) -> Iterable[EvidenceKind]:
        yield from (EvidenceKind(key, label) for key, (_model, label) in PAGE_KINDS.items())
        for value, label in models.Section.choices:
            yield EvidenceKind(
                f"{SECTION_PREFIX}{value}", _("page: %(section)s") % {"section": label}
            )

    def collect(self, *, keys: set[str], body_ids) -> Iterable[EvidenceItem]:
        homes = _homes(body_ids)
        if not homes:
            return
        for key in sorted(keys & set(PAGE_KINDS)):
            page_models = PAGE_KINDS[key][0]
            for model in page_models if isinstance(page_models, tuple) else (page_models,):
                yield from _items(lambda row, key=key: key, _pages(model, homes), homes)
        sections = [
            key.removeprefix(SECTION_PREFIX) for key in keys if key.startswith(SECTION_PREFIX)
        ]
        if sections:
            pages = _pages(models.StandardPage, homes).filter(section__in=sections)
            yield from _items(lambda row: SECTION_PREFIX + row["section"], pages, homes)
        if models.Section.COUNCIL in sections:  # the council's own page tells of it too
            council = SECTION_PREFIX + models.Section.COUNCIL
            yield from _items(lambda row: council, _pages(models.CouncilPage, homes), homes)


def _homes(body_ids) -> dict[str, tuple[int, str, str, str]]:
    """{home page path: (body id, home's public address, language, home url_path)} of the
    bodies. A page's address is its home's and its path below the home."""
    homes = models.BodyHomePage.objects.filter(body__isnull=False)
    if body_ids is not None:
        homes = homes.filter(body_id__in=list(body_ids))
    rows = homes.values_list("path", "body_id", "body__slug", "locale__language_code", "url_path")
    return {
        path: (body_id, public_url(slug, lang), lang, url_path)
        for path, body_id, slug, lang, url_path in rows
    }


def _pages(model, homes):
    depth2 = Page.steplen * 2
    return (
        model.objects.live()
        .public()
        .annotate(home_path=Substr("path", 1, depth2))
        .filter(home_path__in=list(homes))
    )


def _items(key_of, pages, homes) -> Iterable[EvidenceItem]:
    """Items of `pages`; `key_of(row)` names the kind of each."""
    fields = ["home_path", "title", "url_path", "first_published_at", "last_published_at"]
    if pages.model is models.LeadershipPage:
        pages = pages.annotate(people_count=Count("people"))
        fields.append("people_count")
    if pages.model is models.CouncilPage:
        pages = pages.annotate(people_count=Count("deputies"))
        fields.append("people_count")
    if pages.model is models.ContactPage:
        fields.append("body")
    if pages.model is models.StandardPage:
        fields.append("section")
    for row in pages.values(*fields):
        body_id, home_address, language, home_url = homes[row["home_path"]]
        published = row["first_published_at"] or row["last_published_at"]
        if published is None:
            continue
        yield EvidenceItem(
            body_id=body_id, key=key_of(row), language=language, published_at=published,
            updated_at=row["last_published_at"] or published, title=row["title"],
            url=home_address + row["url_path"][len(home_url) :],
            missing=_missing(row),
        )  # fmt: skip


def _missing(row: dict) -> tuple[str, ...]:
    """What a section page lacks: the people of a leadership page or the deputies of the
    council's, the text of contacts."""
    if row.get("people_count") == 0:
        return ("people",)
    if "body" in row and not (row["body"] or "").strip():
        return ("text",)
    return ()


provider = ContentEvidence()


def page_changed(sender, instance, **kwargs) -> None:
    """A page was published, unpublished or deleted: its body's evidence may have changed."""
    if not isinstance(instance, Page) or instance.depth < 2:
        return
    body = body_for_page(instance)
    changed(body.pk if body else None)


def connect() -> None:
    uid = "achyk.content.evidence"
    wagtail_signals.page_published.connect(page_changed, dispatch_uid=f"{uid}.published")
    wagtail_signals.page_unpublished.connect(page_changed, dispatch_uid=f"{uid}.unpublished")
    post_delete.connect(page_changed, dispatch_uid=f"{uid}.deleted")
