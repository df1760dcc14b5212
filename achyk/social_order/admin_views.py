"""Admin screens of the social order written as views: a call's applications, ranking and
decision (`CallView`), a contract's tranches with the reports to review and the payments
(`ContractView`), and the files NGOs sent. Another body's object is a 404 (read through
`for_user`); body staff act, supervisors read, the kit's 403 page answers anyone else."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from achyk.bodies import roles
from achyk.bodies.kit import ForbiddenMixin, TitledScreen

from . import selectors, services
from .models import (
    CALL_NEXT,
    Application,
    ApplicationState,
    Attachment,
    Call,
    CallState,
    Contract,
    Organisation,
    Report,
    ReportAttachment,
    Tranche,
)


class SealedObjectView(ForbiddenMixin, TitledScreen, TemplateView):
    """One object of `model` read through `for_user`; writes need `roles.may_write`."""

    model = None
    related = ()

    def prepare(self, request, **kwargs):
        if not roles.opens_body_screens(request.user):
            raise PermissionDenied
        rows = self.model.objects.for_user(request.user).select_related("body", *self.related)
        self.object = get_object_or_404(rows, pk=kwargs["pk"])
        if request.method == "POST" and not roles.may_write(request.user, self.object.body):
            raise PermissionDenied


class DecisionForm(forms.Form):
    winners = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(), widget=forms.CheckboxSelectMultiple,
        label=_("Winners"),
    )  # fmt: skip
    act = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Decision (act in the registry)")
    )

    def __init__(self, *args, call, **kwargs):
        from django.apps import apps

        super().__init__(*args, **kwargs)
        self.fields["winners"].queryset = call.applications.filter(state=ApplicationState.SUBMITTED)
        acts = apps.get_model("documents", "Act").objects.filter(body_id=call.body_id)
        self.fields["act"].queryset = acts.order_by("-adopted_on", "-pk")


class CallView(SealedObjectView):
    """The call's state, its submitted applications ranked with each member's sheet, and the
    decision. POST `advance` moves the state one step; POST `decide` records the decision."""

    model = Call
    related = ("programme", "commission")
    template_name = "social_order/admin/call.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        call = self.object
        return {
            **super().get_context_data(**kwargs),
            "call": call,
            "results": selectors.results(call),
            "criteria": list(call.criteria.all()),
            "next_state": CALL_NEXT.get(call.state),
            "decided": CallState.DECIDED,
            "form": kwargs.get("form") or DecisionForm(call=call),
            "may_write": roles.may_write(self.request.user, call.body),
        }

    def post(self, request, *args, **kwargs):
        try:
            if "advance" in request.POST:
                services.advance_call(call=self.object, to=request.POST["advance"])
            else:
                form = DecisionForm(request.POST, call=self.object)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form), status=400)
                services.decide_call(call=self.object, winners=list(form.cleaned_data["winners"]),
                                     act=form.cleaned_data["act"], by=request.user)  # fmt: skip
        except services.Refused as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("social_order_admin:call", pk=self.object.pk)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("paid on"))
    amount = forms.DecimalField(label=_("amount paid"), max_digits=18, decimal_places=2)
    document = forms.CharField(label=_("payment document"), max_length=100)


class ContractView(SealedObjectView):
    """A contract's tranches, each with its reports (every version, its comments) and what
    staff may do next: ask for the report, accept or return it, record the payment."""

    model = Contract
    related = ("application__organisation",)
    template_name = "social_order/admin/contract.html"
    header_icon = "doc-full-inverse"

    def get_page_title(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        tranches = self.object.tranches.prefetch_related(
            "reports__lines__budget_line", "reports__attachments"
        )
        return {
            **super().get_context_data(**kwargs),
            "contract": self.object,
            "tranches": tranches,
            "payment_form": PaymentForm(),
            "may_write": roles.may_write(self.request.user, self.object.body),
        }


class TrancheActionView(SealedObjectView):
    """POST: ask for a tranche's report, or record its payment."""

    model = Tranche
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        tranche = self.object
        try:
            if "ask" in request.POST:
                services.ask_for_report(tranche=tranche)
            else:
                form = PaymentForm(request.POST)
                if not form.is_valid():
                    for errors in form.errors.values():
                        messages.error(request, " ".join(errors))
                    return redirect("social_order_admin:contract", pk=tranche.contract_id)
                data = form.cleaned_data
                services.pay_tranche(tranche=tranche, paid_on=data["paid_on"],
                                     amount=data["amount"], document=data["document"])  # fmt: skip
                messages.success(request, _("The payment is recorded."))
        except services.Refused as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("social_order_admin:contract", pk=tranche.contract_id)


class ReportReviewView(SealedObjectView):
    """POST: accept a submitted report, or return it with comments."""

    model = Report
    related = ("tranche",)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report, comment = self.object, request.POST.get("comment", "")[:5000]
        try:
            if request.POST.get("decision") == "accept":
                services.accept_report(report=report, by=request.user, comment=comment)
                messages.success(request, _("The report is accepted: the tranche may be paid."))
            else:
                services.return_report(report=report, comment=comment, by=request.user)
                messages.success(request, _("The report is returned to the NGO."))
        except services.Refused as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("social_order_admin:contract", pk=report.tranche.contract_id)


def _file_response(field):
    try:
        return FileResponse(
            field.open("rb"), as_attachment=True, filename=field.name.rsplit("/")[-1]
        )
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error


class FileView(SealedObjectView):
    """A file an NGO sent, downloaded by the body's staff (never served publicly)."""

    field = "file"

    def get(self, request, *args, **kwargs):
        if getattr(self.object, "application", None) is not None and (
            self.object.application.state == ApplicationState.DRAFT
        ):
            raise Http404
        return _file_response(getattr(self.object, self.field))


class FoundingDocumentView(FileView):
    model = Organisation
    field = "founding_document"


class AttachmentView(FileView):
    model = Attachment
    related = ("application",)


class ReportAttachmentView(FileView):
    model = ReportAttachment
