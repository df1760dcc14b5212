"""The social order in the admin: sealed viewsets of the bodies' kit (`bodies.kit`) for the
programme, commissions and their members, calls with their criteria, NGOs, applications
(read only, drafts never shown), contracts with their tranche schedule and the monitoring
group's reports. Reviewing reports and paying tranches are `admin_views`."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from achyk.bodies import roles
from achyk.bodies.kit import SealedIndexView, SealedInspectView, SealedViewSet
from achyk.bodies.tenancy import BodyOwnedPolicy
from achyk.ui.panels import BoundedInlinePanel

from . import services
from .forms import CallForm, SocialForm
from .models import (
    Application,
    ApplicationState,
    Call,
    Commission,
    Contract,
    Organisation,
    Programme,
    Seat,
    Tranche,
    TrancheState,
)
from .monitoring.viewsets import MonitoringViewSet


class ProgrammeViewSet(SealedViewSet):
    """The social order programme of each year (МСТ программасы / программа МСЗ)."""

    model = Programme
    name = "social_programmes"
    url_prefix = "social-order/programmes"
    icon = "list-ul"
    menu_label = _("Programmes")
    list_display = ["__str__", "budget", "is_published"]
    edit_handler = ObjectList(
        [FieldPanel("year"), FieldPanel("title_ky"), FieldPanel("title_ru"),
         FieldPanel("title_kk"), FieldPanel("topics_ky"), FieldPanel("topics_ru"),
         FieldPanel("topics_kk"), FieldPanel("budget"),
         FieldPanel("approved_by"), FieldPanel("is_published")],
        base_form_class=SocialForm,
    )  # fmt: skip


class CommissionViewSet(SealedViewSet):
    model = Commission
    name = "social_commissions"
    url_prefix = "social-order/commissions"
    icon = "group"
    menu_label = _("Commissions")
    list_display = ["name"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("formed_by")], base_form_class=SocialForm
    )


class NewPasswordField(forms.CharField):
    """A new account's password, checked by the password validators; never drawn again."""

    widget = forms.PasswordInput

    def validate(self, value):
        super().validate(value)
        if value:
            password_validation.validate_password(value)


class SeatForm(SocialForm):
    """A member's seat: an account of the body's staff or monitoring group by its user name,
    or a new account (a deputy, a member of civil society) made with a password."""

    username = forms.CharField(label=_("user name"), max_length=150, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    password = NewPasswordField(
        label=_("password of a new account"), required=False,
        help_text=_("Leave empty to send the new member a link by e-mail to choose one."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["username"].required = True
        elif self.instance.user.has_usable_password():
            for name in ("username", "email", "password"):
                self.fields.pop(name)
        else:  # an account with no password yet: give it one, or an e-mail to invite
            self.fields.pop("username")

    def clean(self):
        data = super().clean()
        if self.instance.pk or not data.get("username") or self.target_body is None:
            return data
        user = get_user_model().objects.filter(username=data["username"]).first()
        if user is not None and not (roles.is_body_staff(user, self.target_body)
                  or roles.jmeg_member_of(user, self.target_body)):  # fmt: skip
            self.add_error("username", _("This account is not of your body's staff or group."))
        self.existing_user = user
        return data

    def save(self, commit=True):
        """A new account without a password signs in once it has one: by the link e-mailed
        to it, or a password given here later (the member's page asks while it has none)."""
        data = self.cleaned_data
        if not self.instance.pk:
            user = self.existing_user or get_user_model().objects.create_user(
                username=data["username"], email=data.get("email", ""),
                password=data.get("password") or None,
            )  # fmt: skip
            self.instance.user = user
        user = self.instance.user
        if "password" in self.fields and not user.has_usable_password():
            if data.get("password"):
                user.set_password(data["password"])
            user.email = data.get("email") or user.email
            user.save()
            if user.email and not user.has_usable_password():
                body = self.target_body
                transaction.on_commit(lambda: services.invite_member(user=user, body=body))
        return super().save(commit=commit)


class SeatViewSet(SealedViewSet):
    model = Seat
    name = "social_seats"
    url_prefix = "social-order/members"
    icon = "user"
    menu_label = _("Commission members")
    list_display = ["name", "commission", "kind"]
    list_filter = ["kind"]
    edit_handler = ObjectList(
        [FieldPanel("commission"), FieldPanel("kind"), FieldPanel("name"),
         FieldPanel("username"), FieldPanel("email"), FieldPanel("password")],
        base_form_class=SeatForm,
    )  # fmt: skip


def _call_actions(call) -> str:
    return reverse("social_order_admin:call", args=[call.pk])


def _local_deadline(call) -> str:
    """The deadline as the body's clock shows it, with its zone."""
    return f"{call.local_deadline():%d.%m.%Y %H:%M} ({call.body.time_zone})"


class CallIndexView(SealedIndexView):
    list_select_related = ("body", "programme")


class CallViewSet(SealedViewSet):
    """Calls for projects with their criteria and weights; the state moves on the call's
    page of results (`admin_views.CallView`)."""

    model = Call
    name = "social_calls"
    url_prefix = "social-order/calls"
    icon = "doc-full"
    menu_label = _("Calls for projects")
    index_view_class = CallIndexView
    list_display = [
        "title", "state",
        Column("deadline", label=_("deadline"), accessor=_local_deadline),
        Column("results", label=_("Applications and results"), accessor=_call_actions),
    ]  # fmt: skip
    list_filter = ["state"]
    edit_handler = ObjectList(
        [
            FieldPanel("programme"), FieldPanel("commission"),
            MultiFieldPanel([FieldPanel("title_ky"), FieldPanel("title_ru"),
                             FieldPanel("title_kk")], heading=_("Title")),
            FieldPanel("topic_ky"), FieldPanel("topic_ru"), FieldPanel("topic_kk"),
            FieldPanel("eligibility_ky"), FieldPanel("eligibility_ru"),
            FieldPanel("eligibility_kk"),
            FieldPanel("documents_ky"), FieldPanel("documents_ru"), FieldPanel("documents_kk"),
            FieldPanel("ceiling"),
            FieldPanel("opens_at", widget=AdminDateTimeInput),
            FieldPanel("deadline", widget=AdminDateTimeInput),
            FieldPanel("decision_on", widget=AdminDateInput),
            BoundedInlinePanel(
                "criteria", heading=_("Criteria"), label=_("Criterion"), max_num=20,
                panels=[FieldPanel("title_ky"), FieldPanel("title_ru"), FieldPanel("title_kk"),
                        FieldPanel("weight"),
                        FieldPanel("max_score"), FieldPanel("order")],
            ),
        ],
        base_form_class=CallForm,
    )  # fmt: skip


class OrganisationViewSet(SealedViewSet):
    """NGOs signed up on the body's site: an admin confirms (or refuses) each."""

    model = Organisation
    name = "social_organisations"
    url_prefix = "social-order/organisations"
    icon = "group"
    menu_label = _("NGOs")
    list_display = ["name", "registration_number", "state", "created_at"]
    list_filter = ["state"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("registration_number"), FieldPanel("address"),
         FieldPanel("head"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("state"),
         FieldPanel("note")],
        base_form_class=SocialForm,
    )  # fmt: skip


class ReadOnlyPolicy(BodyOwnedPolicy):
    """NGOs write their applications; staff read them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class ApplicationIndexView(SealedIndexView):
    list_select_related = ("body", "call", "organisation")

    def get_base_queryset(self):
        return super().get_base_queryset().exclude(state=ApplicationState.DRAFT)


class ApplicationInspectView(SealedInspectView):
    def sealed_queryset(self):
        return super().sealed_queryset().exclude(state=ApplicationState.DRAFT)


class ApplicationViewSet(SealedViewSet):
    model = Application
    name = "social_applications"
    url_prefix = "social-order/applications"
    icon = "form"
    menu_label = _("Applications")
    permission_policy = ReadOnlyPolicy(Application)
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    list_display = ["title", "organisation", "call", "number", "state", "submitted_at"]
    list_filter = ["state", "is_winner"]
    inspect_view_fields = [
        "number", "call", "organisation", "title", "problem", "goal", "activities",
        "beneficiaries", "beneficiaries_count", "settlements", "starts_on", "ends_on",
        "indicators", "co_funding", "state", "submitted_at", "is_winner",
    ]  # fmt: skip
    edit_handler = ObjectList([FieldPanel("title")], base_form_class=SocialForm)


class ContractForm(SocialForm):
    """A contract with a winner of the body's call, within the call's ceiling; its tranches
    are added next (`TrancheViewSet`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a contract's party never changes
            self.fields.pop("application", None)
        field = self.fields.get("application")
        if field is not None:
            field.queryset = field.queryset.filter(is_winner=True, state=ApplicationState.SUBMITTED)

    def clean(self):
        data = super().clean()
        application = data.get("application") or (
            self.instance.application if self.instance.application_id else None
        )
        amount = data.get("amount")
        if application is not None and amount is not None:
            try:
                services.check_contract(application=application, amount=amount, tranches=None)
            except services.Refused as error:
                self.add_error(None, error)
        return data


class TrancheForm(SocialForm):
    """A tranche of the schedule; once its report has come it no longer changes, and the
    schedule never adds up to more than the contract."""

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.instance.state != TrancheState.PLANNED:
            raise ValidationError(_("A tranche whose report has come can no longer be changed."))
        contract, amount = data.get("contract"), data.get("amount")
        if contract is not None and amount is not None:
            others = contract.tranches.exclude(pk=self.instance.pk).values_list("amount", flat=True)
            if sum(others, start=amount) > contract.amount:
                self.add_error("amount", _("The tranches would add up to more than the contract."))
        return data


def _tranches_link(contract) -> str:
    return reverse("social_order_admin:contract", args=[contract.pk])


class ContractIndexView(SealedIndexView):
    list_select_related = ("body", "application__organisation")


class ContractViewSet(SealedViewSet):
    """Contracts with winners and their tranche schedule; reports and payments on the
    contract's page of tranches (`admin_views.ContractView`)."""

    model = Contract
    name = "social_contracts"
    url_prefix = "social-order/contracts"
    icon = "doc-full-inverse"
    menu_label = _("Contracts")
    index_view_class = ContractIndexView
    list_display = [
        "__str__", "application", "amount", "signed_on",
        Column("tranches", label=_("Tranches and reports"), accessor=_tranches_link),
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldPanel("application"), FieldPanel("number"),
            FieldPanel("signed_on", widget=AdminDateInput), FieldPanel("amount"),
            FieldPanel("starts_on", widget=AdminDateInput),
            FieldPanel("ends_on", widget=AdminDateInput), FieldPanel("is_published"),
        ],
        base_form_class=ContractForm,
    )  # fmt: skip


class TrancheIndexView(SealedIndexView):
    list_select_related = ("body", "contract")


class TrancheViewSet(SealedViewSet):
    """The tranche schedule of the contracts: amount, due date and the report it waits for."""

    model = Tranche
    name = "social_tranches"
    url_prefix = "social-order/tranches"
    icon = "date"
    menu_label = _("Tranches")
    index_view_class = TrancheIndexView
    list_display = ["__str__", "amount", "due_on", "state"]
    list_filter = ["state"]
    edit_handler = ObjectList(
        [FieldPanel("contract"), FieldPanel("number"), FieldPanel("amount"),
         FieldPanel("due_on", widget=AdminDateInput), FieldPanel("report_expected"),
         FieldPanel("is_final")],
        base_form_class=TrancheForm,
    )  # fmt: skip


class SocialOrderGroup(ViewSetGroup):
    menu_label = _("Social order")
    menu_icon = "group"
    menu_order = 330
    items = (ProgrammeViewSet, CallViewSet, CommissionViewSet, SeatViewSet, OrganisationViewSet,
             ApplicationViewSet, ContractViewSet, TrancheViewSet, MonitoringViewSet)  # fmt: skip
