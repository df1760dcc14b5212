"""Admin views of the page tree that stand in front of Wagtail's own at the same address."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import ordering
from wagtail.models import Page


@require_admin_access
def set_page_position(request, page_to_move_id):
    """Wagtail's, except for the tree's root: it has no parent to take a place among, and
    Wagtail's view fails on it with a server error; it is answered like a missing page."""
    page = get_object_or_404(Page, pk=page_to_move_id)
    if page.is_root():
        raise Http404
    return ordering.set_page_position(request, page_to_move_id)
