"""The staff's inbox of requests for information (Requests for information in the admin
menu) and the legal terms (Settings → Legal terms of requests).

Requests carry residents' personal data: body staff handle their body's own (the kit's seal:
another body's request is a 404), platform admins every body's; supervisors are refused, as
for the online reception's appeals. Nobody deletes a request or a step of its log.
"""

from __future__ import annotations

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy

from achyk.bodies import roles
from achyk.bodies.kit import (
    PlainViewSet,
    SealedCreateView,
    SealedEditView,
    SealedIndexView,
    SealedViewSet,
)
from achyk.bodies.tenancy import BodyOwnedPolicy

from . import selectors, services
from .admin_forms import HandleForm, RegisterForm
from .models import Law, Request

CLOCKS = [("open", _("open")), ("week", _("due this week")), ("overdue", _("overdue"))]


class InboxPolicy(BodyOwnedPolicy):
    """Body staff handle their body's requests; platform admins all; supervisors none
    (personal data); nobody deletes."""

    def user_has_permission(self, user, action):
        if action == "delete" or roles.is_supervisor(user):
            return False
        return super().user_has_permission(user, action)


class InboxFilterSet(WagtailFilterSet):
    clock = django_filters.ChoiceFilter(label=_("clock"), choices=CLOCKS, method="on_clock")

    class Meta:
        model = Request
        fields = ["kind", "status", "channel"]

    def on_clock(self, queryset, name, value):
        return selectors.by_clock(queryset, value, timezone.localdate())


def _clock(request: Request) -> str:
    state = request.clock(timezone.localdate())
    return {"overdue": _("overdue"), "week": _("due this week"), "running": _("running"),
            "closed": "—"}[state]  # fmt: skip


def _question(request: Request) -> str:
    return request.question[:80] + ("…" if len(request.question) > 80 else "")


class InboxIndexView(SealedIndexView):
    list_select_related = ("body", "assigned_to")
    default_ordering = "due_on"

    def get_base_queryset(self):
        return super().get_base_queryset().registered()


class RegisterView(SealedCreateView):
    page_title = _("Register a request")
    context_object_name = "item"


class HandleView(SealedEditView):
    template_name = "requests/admin/handle.html"
    context_object_name = "item"  # "request" would hide the HTTP request from templates

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("by")
        context["files"] = self.object.files.all()
        context["today"] = timezone.localdate()
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.RequestError as refused:
            form.add_error(None, refused.message)
            self.produced_error_message = refused.message
            return self.form_invalid(form)

    def get_success_url(self):
        still_ours = Request.objects.for_user(self.request.user).filter(pk=self.object.pk)
        return self.get_edit_url() if still_ours.exists() else reverse(self.index_url_name)


class RequestViewSet(SealedViewSet):
    """Requests for information (маалымат суроо-талаптары / запросы информации) of the
    user's body: the clock, the steps and the public register."""

    model = Request
    name = "information_requests"
    url_prefix = "requests"
    icon = "mail"
    menu_label = _("Requests for information")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = InboxIndexView
    add_view_class = RegisterView
    edit_view_class = HandleView
    filterset_class = InboxFilterSet
    search_fields = ["reference", "name", "email", "question"]
    list_display = [
        "reference", "kind", Column("question", label=_("Question"), accessor=_question),
        "received_on",
        "due_on", Column("clock", label=_("Clock"), accessor=_clock), "status", "assigned_to",
    ]  # fmt: skip
    list_export = ["reference", "channel", "status", "received_on", "due_on", "closed_on"]

    @property
    def permission_policy(self):
        return InboxPolicy(self.model)

    def get_form_class(self, for_update=False):
        from achyk.bodies.seal_forms import sealed_form_class

        return sealed_form_class(HandleForm if for_update else RegisterForm)


class LawPolicy(ModelPermissionPolicy):
    """Platform admins edit the legal terms; supervisors read; nobody else."""

    def user_has_permission(self, user, action):
        if roles.is_platform_admin(user):
            return action != "delete"
        return action == "view" and user.is_active and roles.is_supervisor(user)


class LawViewSet(PlainViewSet):
    """The legal terms of answers (мыйзамдык мөөнөттөр / сроки по закону), as data."""

    model = Law
    name = "request_laws"
    url_prefix = "request-laws"
    icon = "doc-full"
    menu_label = _("Legal terms of requests")
    add_to_settings_menu = True
    permission_policy = LawPolicy(Law)
    form_fields = [
        "country", "kind", "act_ky", "act_ru", "act_kk", "act_en", "article", "days", "unit",
        "extension_days", "notice_ky", "notice_ru", "notice_kk", "notice_en", "forwarding_days",
        "valid_from", "to_confirm",
    ]  # fmt: skip
    list_display = ["__str__", "kind", "days", "unit", "extension_days", "valid_from", "to_confirm"]
    list_filter = ["country", "kind"]
    copy_view_enabled = False
    inspect_view_enabled = False
