"""The admin of Citizens' Budgets and budget hearings: body staff manage their body's own.

Both are body-owned: the listings read `for_user`, another body's object is answered with 404
(here and by the tenant seal, which reads each view's `model`), supervisors read every body's
and change none, platform admins choose the body when they create one.
"""

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateTimeInput

from achyk.bodies.models import Body, body_of
from achyk.bodies.tenancy import BodyOwnedPolicy, sees_all_bodies

from .citizens import TEXT_LANGUAGES, CitizensBudget, Section
from .hearings import Hearing

LANGUAGE_HEADINGS = {"ky": _("Kyrgyz"), "ru": _("Russian"), "kk": _("Kazakh")}


class BodyOwnedForm(WagtailAdminModelForm):
    """Body staff work in their own body; platform admins pick the body of a new object.
    Text fields of languages the body does not publish in are left out."""

    body = forms.ModelChoiceField(Body.objects.all(), label=_("body"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        body = self.instance.body if self.instance.body_id else None
        if body is not None or not (user and sees_all_bodies(user)):
            self.fields.pop("body", None)
            body = body or (body_of(user) if user else None)
        else:
            self.fields["body"].required = True
        self.target_body = body
        if body is not None:
            spoken = set(body.language_list)
            for name in list(self.fields):
                code = name.rpartition("_")[2]
                if code in TEXT_LANGUAGES and code not in spoken and "_" in name:
                    del self.fields[name]

    def clean(self):
        data = super().clean()
        body = self.target_body or data.get("body")
        if body is not None:
            self.instance.body = body
        return data


class CitizensBudgetForm(BodyOwnedForm):
    def clean(self):
        data = super().clean()
        body, year, stage = self.instance.body_id, data.get("year"), data.get("stage")
        if body and year and stage:
            others = CitizensBudget.objects.filter(body_id=body, year=year, stage=stage)
            if others.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "stage", _("This body already has a Citizens' Budget of this year and stage.")
                )
        return data


class SealedObjectMixin:
    """Edit and delete views reach only objects of the user's body (404 otherwise)."""

    def get_object(self, queryset=None):
        pk = self.kwargs.get(self.pk_url_kwarg) or self.pk
        obj = self.model.objects.for_user(self.request.user).filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj


class SealedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.model.objects.for_user(self.request.user).select_related("body")


class SealedEditView(SealedObjectMixin, generic.EditView):
    pass


class SealedDeleteView(SealedObjectMixin, generic.DeleteView):
    pass


def _language_tab(language: str) -> ObjectList:
    return ObjectList(
        [FieldPanel(f"{section}_{language}") for section in Section.values],
        heading=LANGUAGE_HEADINGS[language],
    )


class CitizensBudgetViewSet(ModelViewSet):
    """Citizens' Budgets (жарандык бюджет / гражданский бюджет) of the user's body."""

    model = CitizensBudget
    name = "citizens_budgets"
    url_prefix = "citizens-budgets"
    icon = "doc-full-inverse"
    menu_label = _("Citizens' Budget")
    menu_order = 310
    add_to_admin_menu = True
    permission_policy = BodyOwnedPolicy(CitizensBudget)
    index_view_class = SealedIndexView
    edit_view_class = SealedEditView
    delete_view_class = SealedDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["year", "stage", "is_published", "updated_at"]
    list_filter = ["year", "stage", "is_published"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("body"),
                    FieldPanel("year"),
                    FieldPanel("stage"),
                    FieldPanel("is_published"),
                ],
                heading=_("Year and stage"),
            ),  # fmt: skip
            *[_language_tab(code) for code in TEXT_LANGUAGES],
        ],
        base_form_class=CitizensBudgetForm,
    )


class HearingForm(BodyOwnedForm):
    DOCUMENTS = ("draft_document", "minutes_document")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        budgets = self.fields.get("draft_budget")
        if budgets is not None and self.target_body is not None:
            budgets.queryset = budgets.queryset.filter(body=self.target_body)
        for name in self.DOCUMENTS:
            field = self.fields.get(name)
            if field is not None and self.target_body is not None:
                field.queryset = field.queryset.filter(body=self.target_body)

    def clean(self):
        data = super().clean()
        body_id = self.instance.body_id
        for name in self.DOCUMENTS:
            document = data.get(name)
            if document is not None and body_id and document.body_id != body_id:
                self.add_error(name, _("Choose a document of this body."))
        budget = data.get("draft_budget")
        if budget is not None and body_id and budget.body_id != body_id:
            self.add_error("draft_budget", _("Choose a budget of this body."))
        return data


def _proposals(hearing) -> str:
    return str(len(hearing.proposals.all()))


class HearingIndexView(SealedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("proposals")


class HearingViewSet(ModelViewSet):
    """Budget hearings (бюджеттик угуулар / бюджетные слушания) of the user's body."""

    model = Hearing
    name = "budget_hearings"
    url_prefix = "budget-hearings"
    icon = "group"
    menu_label = _("Budget hearings")
    menu_order = 311
    add_to_admin_menu = True
    permission_policy = BodyOwnedPolicy(Hearing)
    index_view_class = HearingIndexView
    edit_view_class = SealedEditView
    delete_view_class = SealedDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "__str__", "starts_at", "is_published",
        Column("proposals", label=_("Proposals"), accessor=_proposals),
    ]  # fmt: skip
    list_filter = ["year", "is_published"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("body"),
                    FieldPanel("year"),
                    FieldPanel("starts_at", widget=AdminDateTimeInput),
                    MultiFieldPanel(
                        [FieldPanel(f"place_{c}") for c in TEXT_LANGUAGES], heading=_("Place")
                    ),
                    MultiFieldPanel(
                        [FieldPanel(f"announcement_{c}") for c in TEXT_LANGUAGES],
                        heading=_("Announcement"),
                    ),
                    FieldPanel("draft_budget"),
                    FieldPanel("draft_document"),
                    FieldPanel("is_published"),
                ],
                heading=_("Announcement"),
            ),  # fmt: skip
            ObjectList(
                [
                    FieldPanel("attendance"),
                    *[FieldPanel(f"minutes_{c}") for c in TEXT_LANGUAGES],
                    FieldPanel("minutes_document"),
                ],
                heading=_("Minutes"),
            ),  # fmt: skip
            ObjectList(
                [InlinePanel("proposals", heading=_("Proposals"), label=_("Proposal"))],
                heading=_("Proposals and decisions"),
            ),
        ],
        base_form_class=HearingForm,
    )
