"""The online reception's appeals (онлайн кабыл алуу / интернет-приёмная) in the admin.

Appeals are residents' personal data: they stay with the body. Its staff (and platform
admins) list and export them with Wagtail's views, under the platform's formula rule
(`ui.exports`): a CSV text cell that a spreadsheet would run gets a leading apostrophe, and
XLSX text is a string cell, never a formula. Supervisors read every body but not its appeals:
the list, its results and its exports answer them 403 with the admin's forbidden page.

The form page names this view (Wagtail's `get_submissions_list_view_class`), so this module
imports no model of the app: the models import it.
"""

from django.core.exceptions import PermissionDenied
from wagtail.contrib.forms.views import SubmissionsListView

from achyk.bodies.kit import ForbiddenMixin
from achyk.bodies.roles import is_supervisor
from achyk.ui.exports import csv_cell


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
