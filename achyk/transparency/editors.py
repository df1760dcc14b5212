"""Which admin form a body's staff open to publish the evidence of a duty, in the language a
to-do line is about.

The provider of an evidence kind knows best (`bodies.evidence.editor_url`: the registry of
acts opens its upload with the act's type chosen); where it says nothing, defaults by the
key's prefix:
- "page:<name>": the body's section of that name in the line's language: its "add a page"
  form when the section holds pages (news, announcements, vacancies), else its own editor
  (contacts, leadership); when the section exists only in another language, the form that
  translates it into this one;
- "doctype:<type>": the upload of a document;
- anything else: the body's home page in the explorer.
Page types are found by their content type's model name, so the monitor imports no
content app. Sections are named in the plural in keys ("page:contacts") and their page
types in the singular (ContactPage): both are tried.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from achyk.bodies import evidence as evidence_registry
from achyk.bodies.models import Body
from achyk.bodies.services import body_home_pages

#: {(model name, language): section page}
Sections = dict[tuple[str, str], Page]


@dataclass(frozen=True)
class Editor:
    url: str
    label: str


def sections(body: Body) -> Sections:
    """The body's section pages (children of its home page in each language), by model and
    language (two queries)."""
    if body.site is None:
        return {}
    homes = list(body_home_pages(body).values_list("path", "depth"))
    if not homes:
        return {}
    condition = Q()
    for path, depth in homes:
        condition |= Q(path__startswith=path, depth=depth + 1)
    children = Page.objects.filter(condition).select_related("content_type", "locale")
    return {(page.content_type.model, page.locale.language_code): page for page in children}


def editor_for(
    keys: list[str], body: Body, section_pages: Sections, language: str, by_kind=None
) -> Editor:
    """The first editor any of `keys` leads to for `language`; the home page when none does.
    `by_kind`: the providers of evidence by kind (`evidence.providers_by_kind()`), read once
    for a list of lines."""
    for key in keys:
        url = evidence_registry.editor_url(key=key, body=body, by_kind=by_kind)
        if url:
            return Editor(url, _("Open the form"))
        editor = _default(key, section_pages, language)
        if editor:
            return editor
    if body.site is not None:
        return Editor(
            reverse("wagtailadmin_explore", args=[body.site.root_page_id]), _("Open the pages")
        )
    return Editor(reverse("wagtailadmin_home"), _("Open the pages"))


def _default(key: str, section_pages: Sections, language: str) -> Editor | None:
    prefix, _sep, name = key.partition(":")
    if prefix == "doctype":
        return Editor(reverse("wagtaildocs:add"), _("Upload a document"))
    if prefix != "page" or not name:
        return None
    for model in _model_names(name):
        for suffix, editor in SUFFIXES:
            editor_found = _in_language(section_pages, model + suffix, language, editor)
            if editor_found:
                return editor_found
    return None


def _add_child(page: Page) -> Editor:
    return Editor(reverse("wagtailadmin_pages:add_subpage", args=[page.pk]), _("Add a page"))


def _edit(page: Page) -> Editor:
    return Editor(reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Edit the page"))


#: Page types a section may be, by their model name's ending, and the form each opens:
#: "NewsIndexPage" takes new pages, "ContactPage" and "FeedbackFormPage" are edited.
SUFFIXES = (("indexpage", _add_child), ("page", _edit), ("formpage", _edit), ("", _edit))


def _model_names(name: str) -> list[str]:
    """ "vacancies" → ["vacancies", "vacancy"], "contacts" → ["contacts", "contact"]."""
    model = name.replace("-", "").replace("_", "").lower()
    if model.endswith("ies"):
        return [model, model[:-3] + "y"]
    if model.endswith("s"):
        return [model, model[:-1]]
    return [model]


def _in_language(section_pages: Sections, model: str, language: str, editor) -> Editor | None:
    page = section_pages.get((model, language))
    if page is not None:
        return editor(page)
    other = next((p for (m, _lang), p in section_pages.items() if m == model), None)
    if other is not None:  # the section is there in another language only: translate it
        url = reverse("simple_translation:submit_page_translation", args=[other.pk])
        return Editor(url, _("Translate the page"))
    return None
