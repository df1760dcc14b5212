"""The bulk import in the admin: step 1 uploads and previews, step 2 saves (views stay thin).

One address, /admin/registry/import/, with no object in its URL: the staged import's id travels
in the form and `importing` answers another user's or another body's id like a missing one.
Body staff import into their own body; platform admins choose the body.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from achyk.bodies.models import Body, body_of
from achyk.bodies.tenancy import sees_all_bodies

from . import bulk, importing

MAX_SHEET_BYTES = 2 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class ImportForm(forms.Form):
    sheet = forms.FileField(
        label=gettext_lazy("CSV of metadata"),
        help_text=gettext_lazy("Columns: %(columns)s.") % {"columns": ", ".join(bulk.COLUMNS)},
    )
    files = MultipleFileField(label=gettext_lazy("Files"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sees_all_bodies(user):
            self.fields["body"] = forms.ModelChoiceField(
                label=gettext_lazy("Body"), queryset=Body.objects.filter(is_active=True)
            )

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("The CSV file is too big; split the import."))
        return sheet.read()


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Import acts")
    header_icon = "doc-full-inverse"
    template_name = "documents/admin/import.html"

    def dispatch(self, request, *args, **kwargs):
        if body_of(request.user) is None and not sees_all_bodies(request.user):
            return TemplateResponse(request, "bodies/panel/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportForm(user=request.user)))

    def post(self, request, *args, **kwargs):
        if request.POST.get("upload_id"):
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        body = form.cleaned_data.get("body") or body_of(request.user)
        upload_id, verdict = importing.stage_import(
            body=body, user=request.user, sheet=form.cleaned_data["sheet"],
            files=form.cleaned_data["files"],
        )  # fmt: skip
        context = self.get_context_data(
            form=form, verdict=verdict, upload_id=upload_id, body=body, preview=True
        )
        return self.render_to_response(context)

    def _body(self, request):
        if sees_all_bodies(request.user):
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
                form=ImportForm(user=request.user), verdict=refused.verdict, preview=True
            )
            return self.render_to_response(context)
        messages.success(
            request, _("%(count)s acts were added to the registry.") % {"count": len(acts)}
        )
        return redirect(reverse("documents_import"))
