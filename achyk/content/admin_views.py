"""Admin screens of the common site template.

The online reception's appeals are residents' personal data: supervisors read every body
but not its appeals (`submissions.ReceptionSubmissionsView` refuses them the list and its
exports); the forms listing shows them how many appeals each body received instead.

`set_page_position` stands in front of Wagtail's view at the same address.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import ordering
from wagtail.contrib.forms.views import FormPagesListView
from wagtail.models import Page

from achyk.bodies.kit import TitledScreen
from achyk.bodies.roles import is_supervisor

from . import selectors


class AppealCountsView(TitledScreen, TemplateView):
    """How many appeals each body's online reception received: what supervisors read."""

    page_title = _("Appeals to the online reception")
    header_icon = "form"
    template_name = "content/admin/appeal_counts.html"

    def get_context_data(self, **kwargs):
        rows = selectors.appeal_counts(self.request.user)
        return {**super().get_context_data(**kwargs), "rows": rows}


def forms_index(request):
    """Wagtail's listing of form pages; supervisors get the count of appeals per body."""
    if is_supervisor(request.user):
        return AppealCountsView.as_view()(request)
    return FormPagesListView.as_view()(request)


@require_admin_access
def set_page_position(request, page_to_move_id):
    """Wagtail's, except for the tree's root: it has no parent to take a place among, and
    Wagtail's view fails on it with a server error; it is answered like a missing page."""
    page = get_object_or_404(Page, pk=page_to_move_id)
    if page.is_root():
        raise Http404
    return ordering.set_page_position(request, page_to_move_id)
