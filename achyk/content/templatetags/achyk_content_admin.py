"""Template tags of the page editor: the language of the page being edited."""

from django import template
from django.utils.translation import gettext_lazy as _

from achyk.bodies.tenancy import body_for_page

from .. import page_starts

register = template.Library()

#: The languages' names in the admin's language ("Орусча" in Kyrgyz, "Русский" in Russian).
ADMIN_LANGUAGE_NAMES = {
    "ky": _("Kyrgyz"),
    "ru": _("Russian"),
    "kk": _("Kazakh"),
    "en": _("English"),
}


@register.simple_tag
def page_language(page) -> str:
    """The name of the language of `page`, a page of a body's site, in the admin's language;
    "" for a page outside the bodies' sites (the tree's root, the platform's pages)."""
    if page is None or not getattr(page, "pk", None) or body_for_page(page) is None:
        return ""
    return str(ADMIN_LANGUAGE_NAMES.get(page.locale.language_code, page.locale.get_display_name()))


@register.simple_tag
def editor_errors(form, edit_handler) -> list[tuple[str, str, str]]:
    """(tab, field, error) of each field of a page form that did not validate, the tab and
    field named by their headings in the admin's language; a form drawn for the first time
    has none. Wagtail marks the tabs with errors only by a count, and its message names no
    field: a clerk on one tab would not know the error is on another."""
    if (
        form is None
        or not getattr(form, "is_bound", False)
        or not form.errors
        and not any(
            formset.total_error_count() for formset in getattr(form, "formsets", {}).values()
        )
    ):
        return []
    panel = getattr(edit_handler, "panel", None)
    tabs = list(getattr(panel, "children", [])) if panel is not None else []
    tab_of = {}
    for tab in tabs:
        options = tab.get_form_options()
        for name in [*options.get("fields", []), *options.get("formsets", {})]:
            tab_of.setdefault(name, str(tab.heading))
    found = []
    for name, errors in form.errors.items():
        label = str(form[name].label) if name in form.fields else ""
        found.append((tab_of.get(name, ""), label, str(errors[0])))
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.total_error_count():
            first = next(
                (str(e[0]) for f in formset.forms for e in f.errors.values()),
                str(formset.non_form_errors()[0]) if formset.non_form_errors() else "",
            )
            label = str(formset.model._meta.verbose_name_plural).capitalize()
            found.append((tab_of.get(name, ""), label, first))
    return found


#: How many of a clerk's unfinished pages the "add" screen offers to continue.
UNFINISHED_SHOWN = 5


@register.simple_tag
def unfinished_pages(parent_page, content_type, user) -> list:
    """The pages of this kind that `user` began under `parent_page` and never published
    (autosave keeps a draft of a form left half-filled), newest first: the "add" screen
    offers to continue them, and a new one is never refused for their sake (`forms.py`)."""
    if parent_page is None or content_type is None or not getattr(user, "pk", None):
        return []
    pages = parent_page.get_children().filter(
        content_type=content_type, owner=user, live=False, first_published_at__isnull=True
    )
    return list(pages.order_by("-latest_revision_created_at", "-pk")[:UNFINISHED_SHOWN])


@register.simple_tag
def page_start_token() -> str:
    """A fresh token for one opening of a page's "add" form (`page_starts.py`)."""
    return page_starts.new_token()
