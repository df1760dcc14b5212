"""Template tags of the admin panel of a body's staff."""

from django import template
from django.urls import reverse

from ..roles import is_sealed

register = template.Library()


@register.simple_tag(takes_context=True)
def body_breadcrumbs(context, items):
    """Wagtail's breadcrumb `items`, beginning at the body's home for a body's staff.

    Wagtail begins a page's breadcrumbs at the closest common ancestor of the pages the user
    may edit: a body's home pages (one per language) are siblings, so for its staff that is
    the tree's root ("Achyk"), a platform-level place their explorer never opens
    (`panel/explorer.py`). Its item is left out; everyone else keeps Wagtail's trail."""
    request = getattr(context, "request", None) or context.get("request")
    if not items or request is None or not is_sealed(request.user):
        return items
    root = reverse("wagtailadmin_explore_root")
    first = items[0].get("url") or ""
    if first == root or first.startswith(root + "?"):
        return items[1:]
    return items
