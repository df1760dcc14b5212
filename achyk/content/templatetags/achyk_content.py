"""Template tags of the site template: the language switch, the sections menu, the home link."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

register = template.Library()
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """For each language of the site: the same item in that language, or the page that says
    it is not translated yet. [{code, name, url, current, translated}]

    The page is the context's `switch_page` (a view that stands for a page) or its `page`;
    without one (a 404, a view that is not a page) each language leads to the home.
    """
    request = context["request"]
    page = page or context.get("switch_page") or context.get("page")
    body = getattr(request, "site_body", None)
    codes = body.language_list if body else list(LANGUAGE_NAMES)
    page = page if isinstance(page, Page) and page.pk else None
    translations = {}
    if page is not None:
        for other in page.get_translations(inclusive=True).live().public().select_related("locale"):
            translations[other.locale.language_code] = other
    current = translation.get_language()
    return [_link(request, page, code, translations.get(code), current) for code in codes]


def _link(request, page, code, target, current) -> dict:
    with translation.override(code):
        if page is None:
            url = reverse("wagtail_serve", args=[""])
        elif target is not None:
            url = target.get_url(request)
        else:
            url = reverse("untranslated", args=[page.pk])
    return {"code": code, "name": LANGUAGE_NAMES[code], "url": url, "current": code == current,
            "translated": page is None or target is not None}  # fmt: skip


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The body's sections in the active language, for the main menu."""
    home = site_home(context)
    if home is None:
        return []
    return list(Page.objects.live().public().child_of(home).in_menu())


@register.simple_tag(takes_context=True)
def site_home(context):
    """The body's home page in the active language (once per request), or None."""
    request = context["request"]
    body = getattr(request, "site_body", None)
    if body is None or body.site is None:
        return None
    language = translation.get_language()
    cached = getattr(request, "_achyk_site_home", None)
    if cached is None or cached[0] != language:
        cached = (language, body.site.root_page.localized)
        request._achyk_site_home = cached
    return cached[1]
