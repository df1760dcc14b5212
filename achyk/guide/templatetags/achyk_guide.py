"""The "Help for this screen" link of the admin's headers."""

from django import template
from django.urls import reverse

from ..chapters import chapter_for_path

register = template.Library()


@register.simple_tag(takes_context=True)
def screen_help(context) -> str:
    """The address of the guide's chapter on the screen being shown, or ""."""
    request = getattr(context, "request", None) or context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if request.headers.get("x-requested-with") == "XMLHttpRequest" or "/chooser/" in request.path:
        return ""  # a chooser's modal, or a header drawn by a script
    chapter = chapter_for_path(request.path)
    return reverse("guide_chapter", kwargs={"chapter": chapter.key}) if chapter else ""
