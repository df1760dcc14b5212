"""The bulk import in the admin: step 1 uploads and previews, step 2 saves (views stay thin).

One address, /admin/registry/import/, with no object in its URL: the staged import's id travels
in the form and `importing` answers another user's or another body's id like a missing one.
Body staff import into their own body; platform admins choose the body.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from achyk.bodies.kit import BodyChoiceMixin, TitledScreen, forbidden
from achyk.bodies.models import Body
from achyk.bodies.roles import body_of, is_platform_admin, opens_body_screens

from . import bulk, importing

MAX_SHEET_BYTES = 2 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class ImportForm(BodyChoiceMixin, forms.Form):
    sheet = forms.FileField(
        label=gettext_lazy("CSV of metadata"),
        help_text=gettext_lazy("Columns: %(columns)s.") % {"columns": ", ".join(bulk.COLUMNS)},
    )
    files = MultipleFileField(label=gettext_lazy("Files"))

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("The CSV file is too big; split the import."))
        return sheet.read()


class ImportView(TitledScreen, TemplateView):
    page_title = gettext_lazy("Import acts")
    header_icon = "doc-full-inverse"
    template_name = "documents/admin/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not opens_body_screens(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = ImportForm(for_user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if request.POST.get("upload_id"):
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES, for_user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        body = form.target_body
        upload_id, verdict = importing.stage_import(
            body=body, user=request.user, sheet=form.cleaned_data["sheet"],
            files=form.cleaned_data["files"],
        )  # fmt: skip
        context = self.get_context_data(
            form=form, verdict=verdict, upload_id=upload_id, body=body, preview=True
        )
        return self.render_to_response(context)

    def _body(self, request):
        if is_platform_admin(request.user):
            body = Body.objects.filter(pk=request.POST.get("body") or None).first()
            if body is None:
                raise PermissionDenied
            return body
        return body_of(request.user)

    def confirm(self, request):
        try:
            body = self._body(request)
            if "cancel" in request.POST:
                importing.discard_import(body=body, user=request.user,
                                         upload_id=request.POST["upload_id"])  # fmt: skip
                return redirect("documents_import")
            acts = importing.run_import(
                body=body, user=request.user, upload_id=request.POST["upload_id"]
            )
        except (importing.ImportNotFound, PermissionDenied):
            messages.error(request, _("This import is no longer waiting. Upload the files again."))
            return redirect("documents_import")
        except importing.ImportRefused as refused:
            context = self.get_context_data(
                form=ImportForm(for_user=request.user), verdict=refused.verdict, preview=True
            )
            return self.render_to_response(context)
        messages.success(
            request, _("%(count)s acts were added to the registry.") % {"count": len(acts)}
        )
        return redirect(reverse("documents_import"))
