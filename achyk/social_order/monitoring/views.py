"""The monitoring group on the body's public site (/<slug>/<lang>/social-order/monitoring/):
its members sign in as for their reports on plans and flags (`/<lang>/login/`,
`roles.jmeg_member_of`), see the projects to monitor, file a draft report, approve it (then
readers see it on the contract's page) and read the NGO's and the body's answers. The NGO
answers a published report on its own project (`monitoring/<pk>/answer/`).

Anyone else signed in is refused (403); another body's or another NGO's report is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achyk.bodies import roles

from .. import selectors
from ..applicants import views as applicants
from ..services import Refused
from ..views import site_body
from . import services
from .forms import AnswerForm, ReportForm


def _group_member(request):
    """The signed-in member of this body's monitoring group; None for an anonymous reader."""
    body = site_body(request)
    member = roles.jmeg_member_of(request.user, body)
    if member is None and request.user.is_authenticated:
        raise PermissionDenied
    return body, member


def _to_login(request):
    return redirect(f"{reverse('jmeg_login')}?next={request.path}")


def page(request, *, form=None, status=200):
    """A member's page: the projects, the group's reports (drafts too) with the answers, and
    a new report."""
    body, member = _group_member(request)
    if member is None:
        return _to_login(request)
    contracts = selectors.monitored_contracts(body)
    context = {
        "body": body, "member": member, "contracts": list(contracts),
        "reports": list(selectors.group_reports(body)),
        "form": form or ReportForm(contracts=contracts),
    }  # fmt: skip
    return render(request, "social_order/public/monitoring.html", context, status=status)


@require_POST
def file_report(request):
    body, member = _group_member(request)
    if member is None:
        return _to_login(request)
    form = ReportForm(request.POST, contracts=selectors.monitored_contracts(body))
    if form.is_valid():
        try:
            services.file_report(member=member, **form.cleaned_data)
        except Refused as error:
            form.add_error(None, error)
    if form.errors:
        return page(request, form=form, status=400)
    messages.success(request, _("Your draft report is saved. Approve it to publish it."))
    return redirect("social_order_monitoring")


@require_POST
def publish(request, pk):
    """The group approves its draft: readers see it on the contract's page from now on."""
    body, member = _group_member(request)
    if member is None:
        return _to_login(request)
    report = selectors.group_draft(member, pk)
    services.publish_report(member=member, report=report)
    messages.success(request, _("The report is published; the NGO and the body will answer it."))
    return redirect(f"{reverse('social_order_contract', kwargs={'pk': report.contract_id})}"
                    f"#monitoring-{report.pk}")  # fmt: skip


@require_POST
def answer(request, pk):
    """The NGO answers a published report on its own project."""
    body = site_body(request)
    member = roles.ngo_member_of(request.user, body)
    if member is None:
        if request.user.is_authenticated:
            raise PermissionDenied
        return _to_login(request)
    report = selectors.report_to_answer(member, pk)
    form = AnswerForm(request.POST, prefix=f"answer-{report.pk}")
    if form.is_valid():
        try:
            services.answer_as_ngo(ngo_member=member, report=report, **form.cleaned_data)
        except Refused as error:
            form.add_error("answer", error)
    if form.errors:  # the page again, with what was typed and why it was refused
        return applicants.mine(request, failed=form, status=400)
    messages.success(request, _("Your answer is published beside the group's report."))
    return redirect(f"{reverse('social_order_contract', kwargs={'pk': report.contract_id})}"
                    f"#monitoring-{report.pk}")  # fmt: skip
