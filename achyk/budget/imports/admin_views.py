"""The budget import in the admin (views stay thin).

/admin/budget/import/ takes a file (`?template=xlsx` or `csv` gives the template to fill in,
`template.py`; the screen explains each column and lists the valid codes) and
/admin/budget/import/<token>/ maps its columns, previews every row and saves all or nothing.
The file waits in between in `ui.staging` (area "budget-imports", the token is its id), with
the body, year, stage and mapping. Body staff import into their own body; platform admins
choose the body; supervisors import nothing.
"""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from achyk.bodies.kit import forbidden
from achyk.bodies.models import Body, Country
from achyk.bodies.roles import body_of, is_platform_admin, may_write
from achyk.ui import staging

from .. import services
from ..admin_views import BudgetAdminMixin
from ..models import Line, StageName
from . import judging, sheets, template
from .forms import MappingForm, UploadForm

#: Where uploaded budget files wait for the confirmation (`ui.staging`).
AREA = "budget-imports"


def _owner(request) -> dict:
    """A staged file is its uploader's alone: anyone else's address for it is a 404."""
    return {"user": request.user.pk}


class ImportUploadView(BudgetAdminMixin, TemplateView):
    page_title = gettext_lazy("Import a budget")
    template_name = "budget/admin/upload.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_write(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") in ("csv", "xlsx"):
            stage = request.GET.get("stage", StageName.APPROVED)
            stage = stage if stage in StageName.values else StageName.APPROVED
            return template.response(request.GET["template"], country=self.country(), stage=stage)
        form = UploadForm(for_user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def country(self) -> str:
        """The body's country; a platform admin without one asks for it (`?country=KZ`)."""
        body = body_of(self.request.user)
        if body is not None:
            return body.country
        asked = self.request.GET.get("country", "")
        return asked if asked in Country.values else Country.KG

    def get_context_data(self, **kwargs):
        country = self.country()
        return super().get_context_data(
            columns=template.COLUMNS, codes=template.codes(country), country=country,
            countries=Country.choices if body_of(self.request.user) is None else [],
            **kwargs,
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES, for_user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        body = form.target_body
        upload = form.cleaned_data["file"]
        name = PurePath(upload.name).name[:255]
        staged = staging.stage(AREA, owner=_owner(request), files={name: upload.read()}, data={
            "body": body.pk, "year": form.cleaned_data["year"], "name": name,
            "stage": form.cleaned_data["stage"], "ext": PurePath(name).suffix.lower()[1:],
            "mapping": None,
        })  # fmt: skip
        return redirect("budget_admin_preview", token=staged.id)


class ImportPreviewView(BudgetAdminMixin, TemplateView):
    page_title = gettext_lazy("Check the budget file")
    template_name = "budget/admin/preview.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_write(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def setup_entry(self, request, token):
        try:
            self.staged = staging.find(AREA, token, owner=_owner(request))
        except staging.StagedNotFound as error:
            raise Http404 from error
        self.entry = self.staged.data
        self.body = Body.objects.get(pk=self.entry["body"])
        if not (is_platform_admin(request.user) or may_write(request.user, self.body)):
            staging.discard(self.staged)
            raise PermissionDenied

    def judge(self, mapping=None):
        """The table's headers and the verdict on its rows (or a problem reading it)."""
        try:
            table = sheets.read_table(self.staged.read(self.entry["name"]), self.entry["ext"])
            mapping = mapping or self.entry["mapping"] or judging.guess_mapping(table.headers)
            # The rows are read as they are judged: a sheet damaged further down fails here.
            verdict = judging.judge(
                table, mapping=mapping, stage=self.entry["stage"], country=self.body.country
            )
        except sheets.SheetError as error:
            return [], None, str(error)
        return table.headers, (mapping, verdict), None

    def get(self, request, token, *args, **kwargs):
        self.setup_entry(request, token)
        headers, judged, problem = self.judge()
        return self.render_preview(token, headers, judged, problem)

    def render_preview(self, token, headers, judged, problem, form=None):
        mapping, verdict = judged or ({}, None)
        if form is None:
            initial = {name: "" if index is None else str(index) for name, index in mapping.items()}
            form = MappingForm(initial=initial, headers=headers)
        existing = Line.objects.filter(
            budget__body=self.body, budget__year=self.entry["year"], stage=self.entry["stage"]
        ).count()
        context = self.get_context_data(
            token=token, entry=self.entry, body=self.body, form=form, verdict=verdict,
            problem=problem, existing=existing,
            stage_label=StageName(self.entry["stage"]).label,
        )  # fmt: skip
        return self.render_to_response(context)

    def post(self, request, token, *args, **kwargs):
        self.setup_entry(request, token)
        if "cancel" in request.POST:
            staging.discard(self.staged)
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect("budget_admin_import")
        headers, judged, problem = self.judge()
        form = MappingForm(request.POST, headers=headers)
        if problem or not form.is_valid():
            return self.render_preview(token, headers, judged, problem, form=form)
        mapping = form.mapping()
        staging.update(self.staged, mapping=mapping)
        headers, judged, problem = self.judge(mapping)
        if "confirm" in request.POST and judged and judged[1].ok:
            return self.save(request, token, judged[1])
        return self.render_preview(token, headers, judged, problem, form=form)

    def save(self, request, token, verdict):
        entry = self.entry
        with transaction.atomic():
            record = services.replace_stage(
                body=self.body, year=entry["year"], stage=entry["stage"], lines=verdict.lines,
                by=request.user, file_name=entry["name"],
            )  # fmt: skip
        staging.discard(self.staged)
        messages.success(
            request,
            _("Budget %(year)s, stage “%(stage)s”: %(count)s lines saved, %(replaced)s "
              "earlier lines replaced.")
            % {"count": record.rows, "stage": StageName(entry["stage"]).label,
               "year": entry["year"], "replaced": record.replaced},
        )  # fmt: skip
        return redirect("budget_admin_detail", pk=record.budget_id)
