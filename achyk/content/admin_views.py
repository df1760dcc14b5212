"""Admin screens of the common site template.

The online reception's appeals (онлайн кабыл алуу / интернет-приёмная) are residents'
personal data: they stay with the body. Its staff (and platform admins) list and export them
with Wagtail's views, under the platform's formula rule (`ui.exports`): a CSV text cell that a
spreadsheet would run gets a leading apostrophe, and XLSX text is a string cell, never a
formula. Supervisors read every body but not its appeals: the list, its results and its
exports answer them 403 with the admin's forbidden page, and the forms listing shows them how
many appeals each body received instead.

`set_page_position` stands in front of Wagtail's view at the same address.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages import ordering
from wagtail.contrib.forms.views import FormPagesListView, SubmissionsListView
from wagtail.models import Page

from achyk.bodies.kit import ForbiddenMixin
from achyk.bodies.roles import is_supervisor
from achyk.ui.exports import csv_cell

from . import selectors


class ReceptionSubmissionsView(ForbiddenMixin, SubmissionsListView):
    """Wagtail's list of a form page's submissions and its CSV and XLSX exports, refused to
    supervisors; exported text that a spreadsheet would run as a formula stays text (Wagtail
    writes XLSX text as string cells; CSV cells go through the platform's rule)."""

    def prepare(self, request, **kwargs):
        if is_supervisor(request.user):
            raise PermissionDenied

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return csv_cell(value) if export_format == self.FORMAT_CSV else value


class AppealCountsView(WagtailAdminTemplateMixin, TemplateView):
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
