"""Public pages of plans: /<slug>/<lang>/plans/...

- `plans/`: the body's published plans; `plans/<pk>/`: one plan (goals with progress,
  financing, indicators, working group, analysis, monitoring, what is late);
  `plans/actions/<pk>/`: an action with its costs, the body's updates and the monitoring
  group's assessments side by side; `plans/reports/<pk>/`: a report, printable, with the
  body's answers; `plans/<pk>/<table>.<format>`: downloads.
- For members of the body's monitoring group (signed in on the public site, as for flags):
  `plans/monitoring/` (what to check, their reports and the answers, a new report), an
  assessment form on each action page, and approving a draft report; an assessment is the
  group's flag on the action: once the body answers it, members close it
  (`plans/flags/<pk>/close/`) or reopen it with a note (`plans/flags/<pk>/reopen/`).

404 on the platform's own site and for anything unpublished; anyone but a member of this
body's group is refused the members' posts (403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achyk.bodies import references as seam
from achyk.bodies.roles import jmeg_member_of

from . import charts, exports, references, selectors, services
from .forms import AssessmentForm, ReopenForm, ReportForm
from .models import Action, Plan, Status
from .monitoring import Assessment, MonitoringReport


def site_body(request):
    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    return body


def index(request):
    """The body's published plans, newest first, with their progress."""
    body = site_body(request)
    plans = list(selectors.published_plans(body).order_by("-start_year", "kind"))
    progress = selectors.progress_of(plans)
    for plan in plans:
        plan.progress = progress.get(plan.pk)
    member = jmeg_member_of(request.user, body)
    return render(
        request, "plans/public/index.html", {"body": body, "plans": plans, "member": member}
    )


def plan(request, pk: int):
    """One plan, whole: its query count does not grow with the number of its actions."""
    body = site_body(request)
    item = selectors.public_plan(body, pk)
    tree = selectors.plan_tree(item)
    money = selectors.financing(item)
    indicators = selectors.indicators_of(item)
    members = list(item.members.all())
    statuses = {key: str(label) for key, label in Status.choices}  # translated once
    for node in tree.nodes:
        node.status_label = statuses[node.action.status]
        node.seen_label = statuses[node.assessment.status] if node.assessment else ""
    lines = references.budget_lines([n.action for n in tree.nodes], translation.get_language())
    funded = {}
    for node in tree.nodes:
        if node.action.budget_line in lines:
            funded.setdefault(node.action.budget_line, []).append(node.action)
    context = {
        "body": body, "plan": item, "tree": tree, "money": money,
        "action_base": reverse("plans_action", kwargs={"pk": 0}).removesuffix("0/"),
        "money_charts": charts.financing_charts(item, money),
        "indicators": charts.indicator_rows(item, indicators),
        "members": members, "balance": selectors.gender_balance(members),
        "tasks": list(item.group_tasks.all()), "analysis": list(item.analysis.all()),
        "reports": list(selectors.reports_of(item)), "today": timezone.localdate(),
        "member": jmeg_member_of(request.user, body),
        "budget_lines": [(lines[key], actions) for key, actions in funded.items()],
    }  # fmt: skip
    return render(request, "plans/public/plan.html", context)


def action(request, pk: int, *, form=None, status=200, reopen_form=None):
    body = site_body(request)
    item = selectors.public_action(body, pk)
    member = jmeg_member_of(request.user, body)
    if member is not None and form is None:
        form = AssessmentForm(plan=item.plan, member=member)
    costs = list(item.costs.all())
    context = {
        "body": body, "action": item, "plan": item.plan, "costs": costs,
        "planned": sum((c.planned for c in costs), selectors.ZERO),
        "actual": sum((c.actual or selectors.ZERO for c in costs), selectors.ZERO),
        "updates": list(selectors.updates_of(item)),
        "assessments": _with_reopen_forms(item, member, reopen_form),
        "late": item.is_late(timezone.localdate()), "member": member, "form": form,
        "steps": list(item.steps.all()),
        "answers": seam.backlinks([references.key_of(item)], translation.get_language()).get(
            references.key_of(item), []
        ),
        "login_url": f"{reverse('jmeg_login')}?next={request.path}",
        "budget_line": references.budget_lines([item], translation.get_language()).get(
            item.budget_line
        ),
    }  # fmt: skip
    return render(request, "plans/public/action.html", context, status=status)


def _with_reopen_forms(item, member, failed=None) -> list:
    """The action's assessments; for a member, each answered one carries its reopen form
    (the failed one with its errors)."""
    assessments = list(item.assessments.select_related("report").prefetch_related("photos"))
    for flag in assessments if member is not None else []:
        if flag.state == Assessment.State.ANSWERED:
            mine = failed is not None and failed.prefix == f"flag-{flag.pk}"
            flag.reopen_form = failed if mine else ReopenForm(prefix=f"flag-{flag.pk}")
    return assessments


def _member(request):
    body = site_body(request)
    member = jmeg_member_of(request.user, body)
    if member is None:
        raise PermissionDenied
    return body, member


@require_POST
def assess(request, pk: int):
    """A member of the body's monitoring group assesses an action."""
    body, member = _member(request)
    item = selectors.public_action(body, pk)
    form = AssessmentForm(request.POST, request.FILES, plan=item.plan, member=member)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("photo", "photo_kept")}
        photo = form.chosen_photo()
        try:
            services.assess_action(member=member, action=item, photo=photo, **data)
        except ValidationError as error:
            _add_service_error(form, error)
        finally:
            if photo is not None and photo is not form.cleaned_data.get("photo"):
                photo.close()  # the kept one, opened from staging (Django closes uploads)
    if form.errors:
        form.keep_photo()
        return action(request, pk, form=form, status=400)
    form.discard_kept()
    messages.success(request, _("Your assessment is published beside the body's own reports."))
    return redirect(f"{reverse('plans_action', kwargs={'pk': pk})}#assessments")


def _add_service_error(form, error: ValidationError) -> None:
    """A refusal of the service on its field of the form (a photo's upload check on the
    photo), else above the form."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        form.add_error(None, error)
    elif getattr(error, "code", None) == "upload_refused":
        form.add_error("photo", error)
    else:
        form.add_error(None, error.messages)


def _flag_of(request, pk: int):
    """A member of the body's group, and the group's flag `pk` on a published plan of it."""
    body, member = _member(request)
    flags = Assessment.objects.filter(body=body, action__plan__is_published=True)
    flag = flags.filter(pk=pk).first()
    if flag is None:
        raise Http404
    return member, flag


def _back_to(flag) -> str:
    return f"{reverse('plans_action', kwargs={'pk': flag.action_id})}#assessment-{flag.pk}"


@require_POST
def reopen(request, pk: int):
    """The group finds the body's answer to its flag wanting: the flag opens again."""
    member, flag = _flag_of(request, pk)
    form = ReopenForm(request.POST, prefix=f"flag-{flag.pk}")
    if form.is_valid():
        try:
            services.reopen_assessment(
                member=member, assessment=flag, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return action(request, flag.action_id, status=400, reopen_form=form)
    messages.success(request, _("The flag is open again; the body will answer it."))
    return redirect(_back_to(flag))


@require_POST
def close(request, pk: int):
    """The group closes its flag on an action."""
    member, flag = _flag_of(request, pk)
    services.close_assessment(member=member, assessment=flag)
    messages.success(request, _("The flag is closed."))
    return redirect(_back_to(flag))


def report(request, pk: int):
    """A monitoring report, printable; drafts only for members of the group."""
    body = site_body(request)
    member = jmeg_member_of(request.user, body)
    reports = MonitoringReport.objects.filter(body=body, plan__is_published=True)
    if member is None:
        reports = reports.filter(published_at__isnull=False)
    item = reports.select_related("plan").filter(pk=pk).first()
    if item is None:
        raise Http404
    context = {
        "body": body, "report": item, "member": member,
        "recommendations": list(item.recommendations.all()),
        "assessments": list(item.assessments.select_related("action").prefetch_related("photos")),
    }  # fmt: skip
    return render(request, "plans/public/report.html", context)


@require_POST
def publish(request, pk: int):
    """The group approves its draft report: readers see it from now on."""
    body, member = _member(request)
    item = MonitoringReport.objects.filter(body=body, pk=pk, published_at__isnull=True).first()
    if item is None:
        raise Http404
    services.publish_report(member=member, report=item)
    messages.success(request, _("The report is published; the body will answer it."))
    return redirect("plans_report", pk=item.pk)


def monitoring(request, *, form=None, status=200):
    """A member's own page: what to check, their reports with the body's answers, a new
    report. Anyone else is sent to sign in."""
    body = site_body(request)
    member = jmeg_member_of(request.user, body)
    if member is None:
        return redirect(f"{reverse('jmeg_login')}?next={request.path}")
    plans = list(selectors.published_plans(body))
    today = timezone.localdate()
    unchecked = (
        Action.objects.filter(plan__in=plans, starts_on__lte=today, assessments__isnull=True)
        .exclude(status=Status.CANCELLED)
        .select_related("plan")
        .order_by("ends_on")[:50]
    )
    late = Action.objects.filter(plan__in=plans).late(today).select_related("plan")[:50]
    reports = (
        MonitoringReport.objects.filter(body=body)
        .select_related("plan")
        .prefetch_related("recommendations")
    )
    context = {
        "body": body, "member": member, "unchecked": list(unchecked), "late": list(late),
        "reports": list(reports), "form": form or ReportForm(plans=plans),
    }  # fmt: skip
    return render(request, "plans/public/monitoring.html", context, status=status)


@require_POST
def file_report(request):
    body, member = _member(request)
    form = ReportForm(request.POST, plans=list(selectors.published_plans(body)))
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = services.file_report(
                member=member, plan=data["plan"], period=data["period"], checked=data["checked"],
                findings=data["findings"],
                recommendations=services.split_recommendations(data["recommendations"]),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return monitoring(request, form=form, status=400)
    messages.success(request, _("Your draft report is saved. Approve it to publish it."))
    return redirect("plans_report", pk=created.pk)


def export(request, pk: int, table: str, fmt: str):
    """Actions, indicators or monitoring of a published plan as CSV, XLSX or JSON."""
    body = site_body(request)
    item = selectors.public_plan(body, pk)
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise Http404
    return exports.download(item, table, fmt)


def overview(request):
    """For supervisors: every body's published plans by territory, on the platform's site."""
    if getattr(request, "site_body", None) is not None:
        raise Http404
    rows = list(selectors.platform_overview()[:2000])
    return render(request, "plans/public/overview.html", {"rows": rows, "Plan": Plan})
