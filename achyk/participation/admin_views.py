"""The tally sheet of a needs study: /admin/participation_studies/tallies/<pk>/.

A clerk types the paper tallies of every focus group for every priority in one grid; each
cell carries the version it showed, so a tally someone else changed meanwhile is refused
with the value now stored (nothing of the grid is saved then, and nothing typed is lost).
Below, the append-only log of changes: who, when, before, after."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from achyk.bodies.kit import ForbiddenMixin, TitledScreen
from achyk.bodies.roles import body_of, may_write, opens_body_screens
from achyk.ui import staging
from achyk.ui.exports import csv_response, xlsx_response

from . import selectors, services
from .forms import ImportForm, TallyForm
from .needs import imports
from .needs.models import FocusGroup, NeedsStudy, Priority, Tally, TallyChange, category_label


class StaleGrid(Exception):
    pass


class TallyView(ForbiddenMixin, TitledScreen, TemplateView):
    model = NeedsStudy  # the seal reads it: `pk` names a study
    template_name = "participation/admin/tallies.html"
    header_icon = "pick"

    def prepare(self, request, **kwargs):
        if not opens_body_screens(request.user):
            raise PermissionDenied
        self.study = selectors.study_for(request.user, kwargs["pk"])
        if request.method == "POST" and not may_write(request.user, self.study.body):
            raise PermissionDenied

    def get_page_title(self):
        return _("Rank the priorities")

    def get_page_subtitle(self):
        return self.study.title

    def _grid(self, data=None):
        study = self.study
        self.own = selectors.own_categories(study.body)
        self.priorities = list(Priority.objects.filter(study=study).order_by("pk"))
        self.groups = list(
            FocusGroup.objects.filter(study=study)
            .select_related("settlement")
            .order_by("starts_at", "pk")
        )
        stored = {
            (t.priority_id, t.focus_group_id): t
            for t in Tally.objects.filter(priority__study=study)
        }
        rows = []
        for priority in self.priorities:
            cells = []
            for group in self.groups:
                tally = stored.get((priority.pk, group.pk))
                prefix = f"t-{priority.pk}-{group.pk}"
                initial = {
                    "points": tally.points if tally else 0,
                    "version": tally.version if tally else 0,
                }
                form = TallyForm(data, prefix=prefix, initial=initial)
                cells.append(
                    {
                        "form": form,
                        "group": group,
                        "priority": priority,
                        "tally": tally,
                        "error": "",
                    }
                )
            rows.append({"priority": priority, "cells": cells})
        return rows

    def get_context_data(self, rows=None, **kwargs):
        rows = rows if rows is not None else self._grid()
        for group in self.groups:
            group.label = category_label(group.category, self.own)
        log = TallyChange.objects.filter(priority__study=self.study).select_related(
            "priority", "focus_group", "by"
        )[:50]
        return super().get_context_data(
            study=self.study,
            rows=rows,
            groups=self.groups,
            log=log,
            ranked=selectors.ranked_priorities(self.study),
            may_write=may_write(self.request.user, self.study.body),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        rows = self._grid(request.POST)
        cells = [cell for row in rows for cell in row["cells"]]
        if not all(cell["form"].is_valid() for cell in cells):
            messages.error(request, _("Some tallies are not whole numbers of 0 or more."))
            return self.render_to_response(self.get_context_data(rows=rows), status=200)
        try:
            self._save(cells, request.user)
        except StaleGrid:
            messages.error(request, _("Nothing was saved: someone else changed tallies meanwhile."))
            return self.render_to_response(self.get_context_data(rows=rows), status=409)
        messages.success(request, _("Tallies saved; the ranking is updated."))
        return redirect("participation_studies:tallies", pk=self.study.pk)

    def _save(self, cells, user):
        stale = False
        with transaction.atomic():
            for cell in cells:
                data = cell["form"].cleaned_data
                try:
                    services.set_tally(
                        priority=cell["priority"],
                        focus_group=cell["group"],
                        points=data["points"],
                        version=data["version"],
                        by=user,
                    )
                except services.StaleTally as error:
                    cell["error"] = str(error)
                    stale = True
            if stale:
                transaction.set_rollback(True)
        if stale:
            raise StaleGrid


#: Where uploaded results wait for the confirmation (`ui.staging`).
AREA = "participation-imports"


def _owner(request) -> dict:
    """A staged file is its uploader's alone: anyone else's address for it is a 404."""
    return {"user": request.user.pk}


class ImportMixin(ForbiddenMixin, TitledScreen):
    header_icon = "upload"

    def prepare(self, request, **kwargs):
        if not may_write(request.user):
            raise PermissionDenied


class ImportUploadView(ImportMixin, TemplateView):
    """Upload a CSV of focus groups' results into a study; the template to fill is offered."""

    template_name = "participation/admin/import.html"

    def get_page_title(self):
        return _("Import focus groups' results")

    def get(self, request, *args, **kwargs):
        if "template" in request.GET:
            rows = imports.template_rows(body_of(request.user))
            if request.GET["template"] == "xlsx":
                return xlsx_response(
                    imports.COLUMNS, rows, filename="focus-groups.xlsx", title="focus groups"
                )
            return csv_response(imports.COLUMNS, rows, filename="focus-groups.csv")
        form = ImportForm(for_user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES, for_user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        extension = PurePath(upload.name).suffix.lower().lstrip(".")
        staged = staging.stage(
            AREA,
            owner=_owner(request),
            files={f"results.{extension}": upload.read()},
            data={"study": form.cleaned_data["study"].pk, "ext": extension},
        )
        return redirect("participation_import_preview", token=staged.id)


class ImportPreviewView(ImportMixin, TemplateView):
    """Every row checked; nothing saved until the clerk confirms, then all rows or none."""

    template_name = "participation/admin/import_preview.html"

    def get_page_title(self):
        return _("Check the focus groups' results")

    def prepare(self, request, **kwargs):
        super().prepare(request, **kwargs)
        try:
            self.staged = staging.find(AREA, kwargs["token"], owner=_owner(request))
        except staging.StagedNotFound as error:
            raise Http404 from error
        self.study = selectors.study_for(request.user, self.staged.data["study"])
        if not may_write(request.user, self.study.body):
            raise PermissionDenied

    def judge(self):
        extension = self.staged.data.get("ext", "csv")
        data = self.staged.read(f"results.{extension}")
        return imports.judge(data, study=self.study, extension=extension)

    def get(self, request, *args, **kwargs):
        verdict = self.judge()
        return self.render_to_response(self.get_context_data(verdict=verdict, study=self.study))

    def post(self, request, *args, **kwargs):
        if "cancel" in request.POST:
            staging.discard(self.staged)
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect("participation_import")
        verdict = self.judge()
        if not verdict.ok:
            return self.render_to_response(self.get_context_data(verdict=verdict, study=self.study))
        count = imports.save(verdict, study=self.study)
        staging.discard(self.staged)
        messages.success(request, _("%(count)s focus groups saved.") % {"count": count})
        return redirect("participation_studies:tallies", pk=self.study.pk)
