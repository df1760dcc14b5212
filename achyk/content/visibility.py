"""Which pages a reader without a password or a sign-in may see, read once per request.

Wagtail's `PageQuerySet.public()` reads every view restriction each time it is called, and a
body's home lists news, announcements, sections, the menu and the language switcher: six
reads of the same rows per page. `public(queryset, request)` reads them once per request.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def restricted_paths(request) -> list[str]:
    """The tree paths of the pages under a view restriction (once per request)."""
    paths = getattr(request, "_achyk_restricted_paths", None)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            request._achyk_restricted_paths = paths
    return paths


def public(queryset, request):
    """`queryset.public()`: without pages under a view restriction or below one."""
    excluded = Q()
    for path in restricted_paths(request):
        excluded |= Q(path__startswith=path)
    return queryset.exclude(excluded) if excluded else queryset
