"""What an NGO's people do on the body's public site (/<slug>/<lang>/social-order/...):
sign up, apply (draft, attachments, submit, withdraw) and report on their tranches. They
sign in as monitoring group members do (`/<lang>/login/`); everything here reads through the
member's own organisation, so another NGO's application (a draft above all) is a 404."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from achyk.bodies import roles

from .. import selectors, services
from ..models import ApplicationState, Call, TrancheState
from ..monitoring.forms import AnswerForm
from ..views import site_body
from .forms import ApplicationForm, AttachmentForm, LineFormSet, ReportForm, SignUpForm


def _member(request):
    """The signed-in NGO member of this body's site; others go to sign in (or get 403)."""
    body = site_body(request)
    member = roles.ngo_member_of(request.user, body)
    if member is None:
        if request.user.is_authenticated:
            raise PermissionDenied
        return body, None
    return body, member


def _to_login(request):
    return redirect(f"{reverse('jmeg_login')}?next={request.path}")


def signup(request):
    body = site_body(request)
    form = SignUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.sign_up(body=body, **data)
        except services.Refused as error:
            form.add_error(None, error)
        else:
            return render(request, "social_order/public/signed_up.html", {"body": body})
    status = 400 if form.errors else 200
    return render(request, "social_order/public/signup.html", {"body": body, "form": form},
                  status=status)  # fmt: skip


def mine(request, *, failed=None, status=200):
    """The NGO's applications (drafts too), its contracts and tranches, the open calls, and
    the monitoring group's reports on its projects, each with the NGO's answer form (`failed`:
    the one refused, with its errors)."""
    body, member = _member(request)
    if member is None:
        return _to_login(request)
    contracts = list(selectors.own_contracts(member))
    for report in (r for c in contracts for r in c.published_monitoring):
        prefix = f"answer-{report.pk}"
        mine = failed is not None and failed.prefix == prefix
        report.answer_form = failed if mine else AnswerForm(
            prefix=prefix, initial={"answer": report.ngo_answer})  # fmt: skip
    context = {
        "body": body, "member": member,
        "applications": selectors.own_applications(member),
        "contracts": contracts,
        "open_calls": [c for c in Call.objects.public().filter(body=body, state="open")
                       if c.accepts_applications()],
    }  # fmt: skip
    return render(request, "social_order/public/mine.html", context, status=status)


@require_POST
def start(request, pk):
    body, member = _member(request)
    if member is None:
        return _to_login(request)
    call = selectors.public_call(body, pk)
    try:
        application = services.start_application(member=member, call=call, title=call.title)
    except services.Refused as error:
        messages.error(request, " ".join(error.messages))
        return redirect("social_order_mine")
    return redirect("social_order_application", pk=application.pk)


def application(request, pk):
    """The application: edited while a draft (text, budget lines, attachments), then read."""
    body, member = _member(request)
    if member is None:
        return _to_login(request)
    item = selectors.own_application(member, pk)
    if request.method == "POST":
        return _act(request, item)
    return _render(request, item)


def _render(request, item, *, form=None, lines=None, attachment=None, status=200):
    initial = [{"item": line.item, "amount": line.amount} for line in item.lines.all()]
    context = {
        "body": item.call.body, "application": item, "call": item.call,
        "editable": item.state == ApplicationState.DRAFT,
        "form": form or ApplicationForm(instance=item),
        "lines": lines or LineFormSet(initial=initial, prefix="lines"),
        "attachment_form": attachment or AttachmentForm(),
        "requested": sum((line.amount for line in item.lines.all()), start=Decimal(0)),
    }  # fmt: skip
    return render(request, "social_order/public/application.html", context, status=status)


def _act(request, item):
    action = request.POST.get("action", "save")
    try:
        if action == "withdraw":
            services.withdraw_application(application=item)
            messages.success(request, _("The application is withdrawn."))
            return redirect("social_order_mine")
        if item.state != ApplicationState.DRAFT:
            submitted = item.state == ApplicationState.SUBMITTED
            raise services.Refused(_("This application was submitted already.") if submitted
                                   else _("Only a draft can be changed."))  # fmt: skip
        if action == "attach":
            return _attach(request, item)
        form = ApplicationForm(request.POST, instance=item)
        lines = LineFormSet(request.POST, prefix="lines")
        if not (form.is_valid() and lines.is_valid()):
            return _render(request, item, form=form, lines=lines, status=400)
        return _save(request, item, form, lines, submit=action == "submit")
    except services.Refused as error:
        messages.error(request, " ".join(error.messages))
        return redirect("social_order_application", pk=item.pk)


def _save(request, item, form, lines, *, submit: bool):
    rows = [services.LineIn(item=row["item"], amount=row["amount"])
            for row in lines.cleaned_data if row and not row.get("DELETE")]  # fmt: skip
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    try:
        services.save_draft(application=item, fields=fields, lines=rows)
        if submit:
            item = services.submit_application(application=item)
    except services.Refused as error:
        form.add_error(None, error)  # the draft is kept as typed: nothing is lost
        return _render(request, item, form=form, lines=lines, status=400)
    if submit:
        return render(request, "social_order/public/acknowledgement.html",
                      {"body": item.body, "application": item})  # fmt: skip
    messages.success(request, _("The draft is saved."))
    return redirect("social_order_application", pk=item.pk)


def _attach(request, item):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, item, attachment=form, status=400)
    services.add_attachment(application=item, title=form.cleaned_data["title"],
                            upload=form.cleaned_data["file"])  # fmt: skip
    messages.success(request, _("The document is attached."))
    return redirect("social_order_application", pk=item.pk)


def report(request, pk):
    """The NGO's report on one of its tranches (a new version after a return)."""
    body, member = _member(request)
    if member is None:
        return _to_login(request)
    tranche = selectors.own_tranche(member, pk)
    lines = tranche.contract.application.lines.all()
    form = ReportForm(request.POST or None, request.FILES or None, lines=lines,
                      final=tranche.is_final)  # fmt: skip
    open_states = (TrancheState.PLANNED, TrancheState.REPORT_DUE, TrancheState.RETURNED)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files = [(data["attachment_title"], data["attachment"])] if data.get("attachment") else []
        try:
            with transaction.atomic():
                services.submit_report(
                    tranche=tranche, narrative=data["narrative"], spent=form.spent(),
                    public_summary=data.get("public_summary", ""),
                    sustainability_plan=data.get("sustainability_plan", ""), attachments=files,
                )  # fmt: skip
        except services.Refused as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report is submitted: the body will review it."))
            return redirect("social_order_mine")
    context = {
        "body": body, "tranche": tranche, "form": form, "reports": tranche.reports.all(),
        "may_report": tranche.state in open_states,
    }  # fmt: skip
    return render(request, "social_order/public/report.html", context,
                  status=400 if form.errors else 200)  # fmt: skip
