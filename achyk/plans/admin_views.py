"""The monitoring group's reports and flags in the body's admin: the list of reports, and one
report where staff answer each recommendation (publicly); the list of the group's flags on
actions (assessments), and one flag where staff answer it. Both are read through `for_user`
(another body's is a 404); supervisors read and answer nothing (403 on a post)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from achyk.bodies import roles
from achyk.bodies.kit import ForbiddenMixin, TitledScreen

from . import selectors, services
from .monitoring import Assessment, MonitoringReport


class ReportsView(ForbiddenMixin, TitledScreen, TemplateView):
    """Every report the group approved on the body's plans, unanswered ones first."""

    page_title = gettext_lazy("Monitoring reports")
    header_icon = "doc-full"
    template_name = "plans/admin/reports.html"

    def prepare(self, request, **kwargs):
        if not roles.opens_body_screens(request.user):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        reports = (
            MonitoringReport.objects.for_user(self.request.user)
            .filter(published_at__isnull=False)
            .select_related("body", "plan")
            .prefetch_related("recommendations")
        )
        rows = sorted(reports, key=lambda r: (_answered(r), -r.published_at.timestamp()))
        for report in rows:
            items = report.recommendations.all()
            report.answered_count = sum(1 for item in items if item.answer)
            report.total_count = len(items)
        context = super().get_context_data(**kwargs)
        return {**context, "reports": rows, "all_bodies": roles.sees_all_bodies(self.request.user)}


def _answered(report) -> bool:
    return all(item.answer for item in report.recommendations.all())


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("The body's answer"), max_length=5000, widget=forms.Textarea
    )


class ReportView(ForbiddenMixin, TitledScreen, TemplateView):
    """One approved report (`pk`); staff answer its recommendations one by one."""

    model = MonitoringReport
    page_title = gettext_lazy("Monitoring report")
    header_icon = "doc-full"
    template_name = "plans/admin/report.html"

    def prepare(self, request, **kwargs):
        reports = MonitoringReport.objects.for_user(request.user).filter(published_at__isnull=False)
        self.report = get_object_or_404(reports.select_related("body", "plan"), pk=kwargs["pk"])
        self.may_answer = roles.may_write(request.user, self.report.body)
        if request.method == "POST" and not self.may_answer:
            raise PermissionDenied

    def get_page_subtitle(self):
        return str(self.report)

    def get_context_data(self, failed=None, **kwargs):
        items = list(self.report.recommendations.all())
        for item in items:
            item.form = failed if failed and failed.prefix == str(item.pk) else None
            item.form = item.form or AnswerForm(
                prefix=str(item.pk), initial={"answer": item.answer}
            )
        context = super().get_context_data(**kwargs)
        return {**context, "report": self.report, "items": items, "may_answer": self.may_answer}

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(self.report.recommendations, pk=request.POST.get("item") or 0)
        form = AnswerForm(request.POST, prefix=str(item.pk))
        if form.is_valid():
            try:
                services.answer_recommendation(
                    recommendation=item, answer=form.cleaned_data["answer"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
        if not form.is_valid() or form.errors:
            return self.render_to_response(self.get_context_data(failed=form), status=400)
        messages.success(request, _("Your answer is published beside the recommendation."))
        return redirect("plans_admin_report", pk=self.report.pk)


#: Flags awaiting an answer first, then answered ones the group has not closed, then closed.
STATE_ORDER = {Assessment.State.OPEN: 0, Assessment.State.ANSWERED: 1, Assessment.State.CLOSED: 2}


class FlagsView(ForbiddenMixin, TitledScreen, TemplateView):
    """The monitoring group's flags on the body's actions, those awaiting an answer first."""

    page_title = gettext_lazy("Flags of the monitoring group")
    header_icon = "warning"
    template_name = "plans/admin/flags.html"
    LIMIT = 500

    def prepare(self, request, **kwargs):
        if not roles.opens_body_screens(request.user):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        flags = (
            Assessment.objects.for_user(self.request.user)
            .select_related("body", "action", "action__plan")
            .order_by("-created_at", "-pk")[: self.LIMIT]
        )
        rows = sorted(flags, key=lambda flag: STATE_ORDER[flag.state])
        context = super().get_context_data(**kwargs)
        return {**context, "flags": rows, "all_bodies": roles.sees_all_bodies(self.request.user)}


class FlagView(ForbiddenMixin, TitledScreen, TemplateView):
    """One flag of the group (`pk`) with its action; staff answer it in public."""

    model = Assessment
    page_title = gettext_lazy("Flag of the monitoring group")
    header_icon = "warning"
    template_name = "plans/admin/flag.html"

    def prepare(self, request, **kwargs):
        flags = Assessment.objects.for_user(request.user).select_related("body", "action__plan")
        self.flag = get_object_or_404(flags, pk=kwargs["pk"])
        self.may_answer = roles.may_write(request.user, self.flag.body) and (
            self.flag.state != Assessment.State.CLOSED
        )
        if request.method == "POST" and not self.may_answer:
            raise PermissionDenied

    def get_page_subtitle(self):
        return str(self.flag.action)

    def get_context_data(self, form=None, **kwargs):
        form = form or AnswerForm(initial={"answer": self.flag.answer})
        context = super().get_context_data(**kwargs)
        return {**context, "flag": self.flag, "form": form, "may_answer": self.may_answer}

    def post(self, request, *args, **kwargs):
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer_assessment(
                    assessment=self.flag, answer=form.cleaned_data["answer"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
        if form.errors:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Your answer is published beside the group's flag."))
        return redirect("plans_admin_flag", pk=self.flag.pk)


class BodiesProgressView(ForbiddenMixin, TitledScreen, TemplateView):
    """For supervisors and platform admins: every body's plans in one table (actions done,
    late and in all), the bodies with most late actions first. Body staff are refused."""

    page_title = gettext_lazy("Plans of every body")
    header_icon = "list-ul"
    template_name = "plans/admin/bodies.html"
    LIMIT = 5000

    def prepare(self, request, **kwargs):
        if not roles.sees_all_bodies(request.user):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        rows = list(selectors.bodies_progress()[: self.LIMIT])
        language = translation.get_language()
        for row in rows:
            row.done_percent = 100 * row.done_count / row.action_count if row.action_count else None
            row.plans_url = row.public_url(language, "plans_index")
        context = super().get_context_data(**kwargs)
        return {**context, "rows": rows}
