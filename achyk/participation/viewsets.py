"""Participation's admin: sealed viewsets of the bodies' kit (`achyk.bodies.kit`): body staff
manage their body's own, supervisors read, platform admins choose the body of a new object."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from achyk.bodies.kit import SealedIndexView, SealedViewSet
from achyk.ui.panels import BoundedInlinePanel

from . import forms
from .common import AGE_BANDS, TEXT_LANGUAGES
from .models import (
    Checklist,
    Event,
    FocusGroup,
    Group,
    NeedsStudy,
    OwnCategory,
    Priority,
    ProblemCategory,
    Settlement,
)
from .needs.models import category_label


def _texts(name, heading):
    return MultiFieldPanel([FieldPanel(f"{name}_{c}") for c in TEXT_LANGUAGES], heading=heading)


def _headcounts():
    return MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel(f"women_{band}"), FieldPanel(f"men_{band}")])
            for band, _label in AGE_BANDS
        ],
        heading=_("People present by gender and age"),
    )


class SettlementViewSet(SealedViewSet):
    model = Settlement
    name = "participation_settlements"
    icon = "site"
    menu_label = _("Settlements")
    list_display = ["__str__", "population"]
    edit_handler = ObjectList(
        [_texts("name", _("Name")), FieldPanel("population")], base_form_class=forms.BodyOwnedForm
    )


class CategoryViewSet(SealedViewSet):
    model = OwnCategory
    name = "participation_categories"
    icon = "tag"
    menu_label = _("Own categories of residents")
    list_display = ["__str__"]
    edit_handler = ObjectList([_texts("name", _("Name"))], base_form_class=forms.BodyOwnedForm)


class ProblemCategoryViewSet(SealedViewSet):
    """The body's own categories of problems, offered beside the platform's sectors."""

    model = ProblemCategory
    name = "participation_problem_categories"
    icon = "tag"
    menu_label = _("Own categories of problems")
    list_display = ["__str__"]
    edit_handler = ObjectList([_texts("name", _("Name"))], base_form_class=forms.BodyOwnedForm)


class ChecklistViewSet(SealedViewSet):
    model = Checklist
    name = "participation_checklists"
    icon = "list-ul"
    menu_label = _("Checklists")
    list_display = ["__str__", "created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("template"),
            FieldPanel("previous"),
            _texts("title", _("Title")),
            _texts("questions", _("Questions")),
        ],
        base_form_class=forms.ChecklistForm,
    )


class StudyIndexView(SealedIndexView):
    pass


class NeedsStudyViewSet(SealedViewSet):
    model = NeedsStudy
    name = "participation_studies"
    icon = "search"
    menu_label = _("Needs studies")
    index_view_class = StudyIndexView
    list_display = [
        "__str__",
        "starts_on",
        "stage",
        "is_published",
        Column("tallies", label=_("Priorities"), accessor=lambda s: _tally_link(s)),
    ]
    list_filter = ["stage", "is_published"]
    edit_handler = ObjectList(
        [
            _texts("title", _("Title")),
            FieldRowPanel(
                [
                    FieldPanel("starts_on", widget=AdminDateInput),
                    FieldPanel("ends_on", widget=AdminDateInput),
                ]
            ),
            FieldPanel("settlements"),
            _texts("method", _("Method")),
            FieldPanel("led_by"),
            FieldPanel("stage"),
            FieldPanel("ranking"),
            _texts("weighting", _("Weighting")),
            FieldPanel("adopted_by"),
            FieldPanel("is_published"),
        ],
        base_form_class=forms.StudyForm,
    )

    def get_urlpatterns(self):
        from .admin_views import TallyView

        return super().get_urlpatterns() + [
            path("tallies/<int:pk>/", TallyView.as_view(), name="tallies"),
        ]


def _tally_link(study):
    from django.urls import reverse
    from django.utils.html import format_html

    return format_html(
        '<a href="{}">{}</a>', reverse("participation_studies:tallies", args=[study.pk]), _("Rank")
    )


class FocusGroupIndexView(SealedIndexView):
    list_select_related = ("body", "settlement", "study")


class FocusGroupViewSet(SealedViewSet):
    model = FocusGroup
    name = "participation_focus_groups"
    icon = "group"
    menu_label = _("Focus groups")
    index_view_class = FocusGroupIndexView
    list_display = [
        Column("category", label=_("Category"), accessor=lambda g: category_label(g.category)),
        "settlement",
        "starts_at",
        "held",
        Column("people", label=_("Participants"), accessor=lambda g: g.participants),
    ]
    list_filter = ["study", "held"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("study"),
                    FieldPanel("category"),
                    FieldPanel("settlement"),
                    FieldRowPanel(
                        [
                            FieldPanel("starts_at", widget=AdminDateTimeInput),
                            FieldPanel("ends_at", widget=AdminDateTimeInput),
                        ]
                    ),
                    _texts("place", _("Place")),
                    FieldPanel("facilitator"),
                    FieldPanel("checklist"),
                ],
                heading=_("Schedule"),
            ),
            ObjectList(
                [
                    FieldPanel("held"),
                    _headcounts(),
                    _texts("notes", _("Notes")),
                    BoundedInlinePanel(
                        "problems", heading=_("Problems raised"), label=_("Problem"), max_num=60
                    ),
                ],
                heading=_("Results"),
            ),
        ],
        base_form_class=forms.FocusGroupForm,
    )


class PriorityViewSet(SealedViewSet):
    model = Priority
    name = "participation_priorities"
    icon = "pick"
    menu_label = _("Priorities")
    list_display = ["__str__", "study", "sector"]
    list_filter = ["study"]
    edit_handler = ObjectList(
        [
            FieldPanel("study"),
            _texts("title", _("Priority")),
            FieldPanel("sector"),
            FieldPanel("answered_by"),
        ],
        base_form_class=forms.PriorityForm,
    )


class GroupViewSet(SealedViewSet):
    model = Group
    name = "participation_groups"
    icon = "user"
    menu_label = _("Initiative and monitoring groups")
    list_display = ["__str__", "kind", "approved_on", "is_published"]
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            _texts("name", _("Name")),
            FieldPanel("priority"),
            _texts("project", _("Project")),
            FieldPanel("approved_on", widget=AdminDateInput),
            FieldPanel("approved_by"),
            FieldPanel("is_published"),
            BoundedInlinePanel("members", heading=_("Members"), label=_("Member"), max_num=60),
        ],
        base_form_class=forms.GroupForm,
    )


class EventViewSet(SealedViewSet):
    model = Event
    name = "participation_events"
    icon = "date"
    menu_label = _("Public events")
    list_display = ["__str__", "kind", "starts_at", "is_published"]
    list_filter = ["kind", "is_published"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("kind"),
                    _texts("title", _("Title")),
                    FieldRowPanel(
                        [
                            FieldPanel("starts_at", widget=AdminDateTimeInput),
                            FieldPanel("ends_at", widget=AdminDateTimeInput),
                        ]
                    ),
                    _texts("place", _("Place")),
                    _texts("agenda", _("Agenda")),
                    FieldPanel("document"),
                    FieldPanel("is_published"),
                ],
                heading=_("Announcement"),
            ),
            ObjectList(
                [_headcounts(), _texts("minutes", _("Minutes")), FieldPanel("minutes_document")],
                heading=_("Minutes"),
            ),
        ],
        base_form_class=forms.EventForm,
    )


class ParticipationGroup(ViewSetGroup):
    menu_label = _("Participation")
    menu_icon = "group"
    menu_order = 312
    items = (
        NeedsStudyViewSet,
        FocusGroupViewSet,
        PriorityViewSet,
        ChecklistViewSet,
        SettlementViewSet,
        CategoryViewSet,
        ProblemCategoryViewSet,
        GroupViewSet,
        EventViewSet,
    )
