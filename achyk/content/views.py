from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page


def untranslated(request, page_id: int):
    """Says plainly that a page has no version in this language yet, and links the ones it has."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or Locale.get_active().pk == page.locale_id:
        raise Http404
    versions = page.get_translations(inclusive=True).live().public().select_related("locale")
    context = {"original": page.specific, "versions": versions, "language": get_language()}
    return render(request, "content/untranslated.html", context)
