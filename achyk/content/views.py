"""Public views of the site template that are not pages: the "not translated yet" answer and
the body's emblem."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from wagtail.images.models import SourceImageIOError
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


#: Colours of the default emblem and of the header's band, by country (the flag's colours).
COUNTRY_COLOURS = {"KG": ("#d8121f", "#ffd700"), "KZ": ("#00a3c4", "#fec50c")}
EMBLEM_SIZE = "max-160x160"
#: An emblem changes seldom; readers' browsers keep it this long (seconds).
EMBLEM_MAX_AGE = 3600


def emblem(request):
    """The emblem of the body being read, at one address for every page of its site: the
    picture its staff uploaded on the home page (a redirect to its rendition), or a plain sun
    in the country's colours. Pages never read it, so the header costs them no query."""
    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    from .models import BodyHomePage

    homes = BodyHomePage.objects.filter(body=body, emblem__isnull=False).select_related(
        "emblem", "locale"
    )
    chosen = sorted(homes, key=lambda home: home.locale.language_code != get_language())
    rendition = None
    if chosen:
        try:
            rendition = chosen[0].emblem.get_rendition(EMBLEM_SIZE)
        except SourceImageIOError:  # the file is gone from storage: the default, not a 500
            rendition = None
    if rendition is not None:
        response = redirect(rendition.url)
    else:
        colours = COUNTRY_COLOURS.get(body.country, COUNTRY_COLOURS["KG"])
        response = render(
            request, "content/emblem.svg", {"field": colours[0], "sun": colours[1]},
            content_type="image/svg+xml",
        )  # fmt: skip
    patch_cache_control(response, public=True, max_age=EMBLEM_MAX_AGE)
    return response
