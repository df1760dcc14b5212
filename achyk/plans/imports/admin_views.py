"""The import of actions in the admin: /admin/plans/import/ takes the file (the template is
downloadable there) and /admin/plans/import/<token>/ shows every row checked, then saves all
or nothing. The file waits in `ui.staging` (area "plans-imports", owned by the uploader).
Body staff import into their own body's plans; supervisors import nothing."""

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from achyk.bodies import roles
from achyk.bodies.kit import ForbiddenMixin, TitledScreen
from achyk.bodies.seal_forms import SealedFormMixin
from achyk.ui import exports, staging
from achyk.ui.uploads import check_document

from .. import services
from ..models import TEXT_LANGUAGES, Plan
from . import reading

AREA = "plans-imports"
EXTENSIONS = ("csv", "xlsx")


class UploadForm(SealedFormMixin, forms.Form):
    plan = forms.ModelChoiceField(Plan.objects.none(), label=gettext_lazy("Plan"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the titles"), choices=())
    file = forms.FileField(label=gettext_lazy("Spreadsheet (CSV or XLSX)"))

    def __init__(self, *args, for_user, **kwargs):
        self.for_user = for_user
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.for_user(for_user).select_related("body")
        body = roles.body_of(for_user)
        codes = [c for c in (body.language_list if body else TEXT_LANGUAGES) if c in TEXT_LANGUAGES]
        names = {"ky": _("Kyrgyz"), "ru": _("Russian"), "kk": _("Kazakh")}
        self.fields["language"].choices = [(code, names[code]) for code in codes]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        if extension not in EXTENSIONS:
            raise forms.ValidationError(
                _("Upload CSV or XLSX; this file is .%(extension)s.") % {"extension": extension}
            )
        check_document(upload)
        upload.seek(0)
        return upload


class ImportMixin(ForbiddenMixin, TitledScreen):
    header_icon = "upload"

    def prepare(self, request, **kwargs):
        if not roles.is_body_staff(request.user) or not roles.may_write(request.user):
            raise PermissionDenied


class ImportUploadView(ImportMixin, TemplateView):
    page_title = gettext_lazy("Import actions")
    template_name = "plans/admin/import.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") in ("csv", "xlsx"):
            return _template(request.GET["template"])
        return self.render_to_response(
            self.get_context_data(form=UploadForm(for_user=request.user))
        )

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES, for_user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        name = PurePath(upload.name).name[:200]
        staged = staging.stage(
            AREA,
            owner={"user": request.user.pk},
            files={name: upload.read()},
            data={
                "plan": form.cleaned_data["plan"].pk,
                "name": name,
                "language": form.cleaned_data["language"],
                "ext": PurePath(name).suffix.lower()[1:],
            },
        )
        return redirect("plans_admin_preview", token=staged.id)


def _template(kind):
    example = [
        "1.1",
        "1.1.1",
        "Суу түтүгүн оңдоо",
        "01.04.2026",
        "30.09.2026",
        "Айыл өкмөтү",
        "Көк-Жар",
        "2026",
        "100000",
        "",
        "",
        "",
        "50000",
        "",
        "20000",
        "",
        "",
        "",
    ]
    if kind == "xlsx":
        return exports.xlsx_response(
            reading.COLUMNS, [example], filename="actions-template.xlsx", title="actions"
        )
    return exports.csv_response(reading.COLUMNS, [example], filename="actions-template.csv")


class ImportPreviewView(ImportMixin, TemplateView):
    page_title = gettext_lazy("Check the actions")
    template_name = "plans/admin/preview.html"

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        try:
            self.staged = staging.find(AREA, kwargs["token"], owner={"user": request.user.pk})
        except staging.StagedNotFound as error:
            raise Http404 from error
        entry = self.staged.data
        self.plan = Plan.objects.for_user(request.user).filter(pk=entry["plan"]).first()
        if self.plan is None:
            raise Http404

    def checked(self):
        entry = self.staged.data
        try:
            rows = reading.read_rows(self.staged.read(entry["name"]), entry["ext"])
        except reading.SheetError as error:
            return [], [str(error)]
        return reading.check(rows, plan=self.plan)

    def get(self, request, *args, **kwargs):
        rows, problems = self.checked()
        return self.render_to_response(self._context(rows, problems))

    def _context(self, rows, problems):
        bad = sum(1 for row in rows if row.errors)
        return self.get_context_data(
            plan=self.plan,
            rows=rows,
            problems=problems,
            bad=bad,
            ok=bool(rows) and not bad and not problems,
        )

    def post(self, request, *args, **kwargs):
        if "cancel" in request.POST:
            staging.discard(self.staged)
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect("plans_admin_import")
        rows, problems = self.checked()
        try:
            if problems:
                raise ValidationError(problems)
            created = services.import_actions(
                plan=self.plan, rows=rows, language=self.staged.data["language"]
            )
        except ValidationError:
            return self.render_to_response(self._context(rows, problems), status=400)
        staging.discard(self.staged)
        messages.success(
            request, _("%(count)s actions added to the plan.") % {"count": len(created)}
        )
        return redirect("plans_actions:index")
