"""Which pages a reader without a password or a sign-in may see, read once per request.

Wagtail's `PageQuerySet.public()` reads every view restriction each time it is called, and a
body's home lists news, announcements, sections, the menu and the language switcher: six
reads of the same rows per page. `public(queryset, request)` reads them once per request.

An alias has the restrictions of its source page (as in Wagtail's `get_view_restrictions`),
so the paths read are those of the restricted pages and of their aliases: what is below any
of them may be refused to a reader, and nothing else is.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


def restricted_paths(request) -> list[str]:
    """The tree paths of the pages under a view restriction and of their aliases (once per
    request)."""
    paths = getattr(request, "_achyk_restricted_paths", None)
    if paths is None:
        restricted = PageViewRestriction.objects.values("page_id")
        own = Page.objects.filter(pk__in=restricted).order_by().values_list("path", flat=True)
        aliases = Page.objects.filter(alias_of_id__in=restricted).order_by()
        paths = list(own.union(aliases.values_list("path", flat=True)))
        if request is not None:
            request._achyk_restricted_paths = paths
    return paths


def public(queryset, request):
    """`queryset.public()`: without pages under a view restriction or below one."""
    excluded = Q()
    for path in restricted_paths(request):
        excluded |= Q(path__startswith=path)
    return queryset.exclude(excluded) if excluded else queryset
