from django import template
from django.urls import get_script_prefix

from achyk.bodies.models import slug_path

from ..models import Kind

register = template.Library()


@register.simple_tag(takes_context=True)
def url_of(context, entry) -> str:
    """Where a result lives, as seen from the request being served.

    A page's or an act's address is kept from its site's root (/ky/news/...): on its own
    body's site it is under the script prefix (/burana/ on the platform's host), elsewhere
    under the body's own host name or its slug. Files are served from the platform's root.
    """
    if entry.kind == Kind.DOCUMENT or entry.body is None:
        return entry.url
    request = context["request"]
    if getattr(request, "site_body", None) == entry.body:
        return get_script_prefix().rstrip("/") + entry.url
    if entry.body.hostname and entry.body.site is not None:
        return entry.body.site.root_url + entry.url
    return slug_path(entry.body.slug, entry.url)
