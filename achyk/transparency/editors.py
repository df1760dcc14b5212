"""Which admin editor a body's staff open to publish the evidence of a duty.

The provider of an evidence kind knows best (`bodies.evidence.editor_url`); where it says
nothing, defaults by the key's prefix:
- "page:<name>": the body's section of that name: its "add a page" form when the section
  holds pages (news, announcements, vacancies), else its own editor (contacts, leadership);
- "doctype:<type>": the upload of documents;
- anything else: the body's page tree.
Page types are found by their content type's model name, so the monitor imports no
content app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from achyk.bodies import evidence as evidence_registry
from achyk.bodies.models import Body


@dataclass(frozen=True)
class Editor:
    url: str
    label: str


def sections(body: Body) -> dict[str, Page]:
    """The body's section pages (children of its home in its default language), by model."""
    if body.site is None:
        return {}
    children = Page.objects.child_of(body.site.root_page).select_related("content_type")
    return {page.content_type.model: page for page in children}


def editor_for(keys: list[str], body: Body, section_pages: dict[str, Page]) -> Editor:
    """The first editor any of `keys` leads to; the page tree when none does."""
    for key in keys:
        url = evidence_registry.editor_url(key=key, body=body)
        if url:
            return Editor(url, _("Open the editor"))
        editor = _default(key, section_pages)
        if editor:
            return editor
    if body.site is not None:
        return Editor(
            reverse("wagtailadmin_explore", args=[body.site.root_page_id]), _("Open the pages")
        )
    return Editor(reverse("wagtailadmin_home"), _("Open the pages"))


def _default(key: str, section_pages: dict[str, Page]) -> Editor | None:
    prefix, _sep, name = key.partition(":")
    if prefix == "doctype":
        return Editor(reverse("wagtaildocs:add_multiple"), _("Upload a document"))
    if prefix != "page" or not name:
        return None
    model = name.replace("-", "").replace("_", "").lower()
    index = section_pages.get(f"{model}indexpage")
    if index is not None:
        return Editor(reverse("wagtailadmin_pages:add_subpage", args=[index.pk]), _("Add a page"))
    page = section_pages.get(f"{model}page") or section_pages.get(model)
    if page is not None:
        return Editor(reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Edit the page"))
    return None
