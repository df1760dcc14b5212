"""Public views of the site template that are not pages: the "not translated yet" answer."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page


def _site_root_paths(request) -> list[str]:
    """Tree paths of the home pages (every language) of the site being read."""
    body = getattr(request, "site_body", None)
    if body is not None and body.site is not None:
        key = body.site.root_page.translation_key
    else:
        site = Page.objects.filter(depth=2, sites_rooted_here__is_default_site=True).first()
        key = site.translation_key if site else None
    return list(Page.objects.filter(depth=2, translation_key=key).values_list("path", flat=True))


def _nearest_translated_ancestor(page: Page, locale: Locale) -> Page | None:
    """The closest section above `page` (or the home) that exists in `locale`."""
    for ancestor in page.get_ancestors().filter(depth__gte=2).order_by("-depth"):
        found = ancestor.get_translation_or_none(locale)
        if found is not None and found.live:
            return found
    return None


def untranslated(request, page_id: int):
    """Says plainly that a page has no version in this language yet, links the versions it has,
    and offers the nearest section (or the home) in this language."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    locale = Locale.get_active()
    if page is None or page.locale_id == locale.pk:
        raise Http404
    if not any(page.path.startswith(path) for path in _site_root_paths(request)):
        raise Http404  # another site's page is answered like a missing one
    translated = page.get_translation_or_none(locale)
    versions = page.get_translations(inclusive=True).live().public().select_related("locale")
    context = {
        "original": page.specific,
        "switch_page": page,
        "versions": versions,
        "nearest": _nearest_translated_ancestor(page, locale),
        "translated": translated if translated is not None and translated.live else None,
        "language": get_language(),
    }
    return render(request, "content/untranslated.html", context, status=200)
