"""Template tags of the site template: the language switch and the sections menu."""

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
    it is not translated yet. [{code, name, url, current, translated}]"""
    request = context["request"]
    body = getattr(request, "site_body", None)
    codes = body.language_list if body else list(LANGUAGE_NAMES)
    current = translation.get_language()
    translations = {}
    if page is not None and getattr(page, "pk", None):
        for other in page.get_translations(inclusive=True).live().public().select_related("locale"):
            translations[other.locale.language_code] = other
    links = []
    for code in codes:
        target = translations.get(code)
        with translation.override(code):
            if page is None or not getattr(page, "pk", None):
                url = reverse("wagtail_serve", args=[""])
            elif target is not None:
                url = target.get_url(request)
            else:
                url = reverse("untranslated", args=[page.pk])
        links.append({"code": code, "name": LANGUAGE_NAMES[code], "url": url,
                      "current": code == current, "translated": target is not None or page is None})  # fmt: skip
    return links


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The body's sections in the active language, for the main menu."""
    request = context["request"]
    body = getattr(request, "site_body", None)
    if body is None or body.site is None:
        return []
    home = body.site.root_page.localized
    return list(Page.objects.live().public().child_of(home).in_menu().specific())


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context["request"]
    body = getattr(request, "site_body", None)
    if body is None or body.site is None:
        return None
    return body.site.root_page.localized
