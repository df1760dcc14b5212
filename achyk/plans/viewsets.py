"""The admin of plans: sealed viewsets of the bodies' kit (`achyk.bodies.kit`) for plans, goals,
objectives, actions, indicators and progress updates. Body staff manage their own body's,
supervisors read, platform admins pick the body of a new object; every id a form takes is
limited to the body's own by the input seal."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)

from achyk.bodies.kit import BodyChoiceMixin, SealedIndexView, SealedViewSet
from achyk.ui.panels import BoundedInlinePanel

from .models import TEXT_LANGUAGES, Action, Goal, Objective, Plan
from .monitoring import Indicator, ProgressUpdate
from .validation import budget_line_choices, cost_year_error

#: What each choice field's labels read (titles fall back to the body's language).
CHOICE_RELATIONS = {
    "plan": ("body",),
    "goal": ("body", "plan"),
    "objective": ("body", "goal"),
    "action": ("body",),
    "parent": ("body",),
}


class BodyOwnedForm(BodyChoiceMixin, WagtailAdminModelForm):
    """The body's own object; the plan's rules are the models' `clean`. Choice fields read
    their labels' relations at once (a list of 300 actions is one query, not 300)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, relations in CHOICE_RELATIONS.items():
            field = self.fields.get(name)
            if field is not None and getattr(field, "queryset", None) is not None:
                field.queryset = field.queryset.select_related(*relations)


def _rows(form, relation):
    """The cleaned rows of an inline formset that are kept (not deleted)."""
    formset = form.formsets.get(relation) if hasattr(form, "formsets") else None
    if formset is None:
        return []
    return [
        (row, row.cleaned_data)
        for row in formset.forms
        if getattr(row, "cleaned_data", None) and not row.cleaned_data.get("DELETE")
    ]


class ActionForm(BodyOwnedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("budget_line")
        if field is not None:  # the body's own budget lines only (others: an invalid choice)
            body = self.target_body
            lines = budget_line_choices(body) if body is not None else []
            self.fields["budget_line"] = forms.ChoiceField(
                label=field.label, help_text=field.help_text, required=False,
                choices=[("", "—"), *lines],
            )  # fmt: skip

    def is_valid(self):
        """Each cost's year inside the plan's period: checked once the rows are."""
        valid = super().is_valid()
        objective = self.cleaned_data.get("objective") if hasattr(self, "cleaned_data") else None
        plan = objective.goal.plan if objective is not None else None
        for row, values in _rows(self, "costs"):
            message = cost_year_error(values.get("year"), plan)
            if message:
                row.add_error("year", message)
                valid = False
        return valid


class IndicatorForm(BodyOwnedForm):
    def clean(self):
        data = super().clean()
        objective, plan = data.get("objective"), data.get("plan")
        if objective is not None and plan is not None and objective.goal.plan_id != plan.pk:
            self.add_error("objective", _("Choose an objective of the same plan."))
        return data

    def is_valid(self):
        """One target and one actual a year: checked once the rows are (after `clean`)."""
        valid = super().is_valid()
        seen = set()
        for row, values in _rows(self, "values"):
            key = (values.get("year"), values.get("kind"))
            if key in seen:
                row.add_error("year", _("This year already has a figure of this kind."))
                valid = False
            seen.add(key)
        return valid


def _titles(name="title", heading=None):
    panels = [FieldPanel(f"{name}_{code}") for code in TEXT_LANGUAGES]
    return MultiFieldPanel(panels, heading or _("Title"))


class PlanIndexView(SealedIndexView):
    list_select_related = ("body", "approved_by")


class PlanViewSet(SealedViewSet):
    """Development programmes and joint action plans (СЭӨП / ПСЭР, БАП / ПСД)."""

    model = Plan
    name = "plans_plans"
    url_prefix = "plans/plans"
    icon = "list-ul"
    menu_label = _("Plans")
    add_to_admin_menu = False
    index_view_class = PlanIndexView
    list_display = ["__str__", "kind", "state", "is_published", "updated_at"]
    list_filter = ["kind", "state", "is_published"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("kind"),
                    _titles(),
                    _titles("summary", _("Summary")),
                    FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                    FieldPanel("state"),
                    FieldRowPanel([FieldPanel("approved_by"), FieldPanel("approved_on")]),
                    FieldPanel("document"),
                    FieldPanel("is_published"),
                ],
                heading=_("Plan"),
            ),
            ObjectList(
                [
                    FieldPanel("consultation"),
                    FieldPanel("consultation_on"),
                    FieldPanel("consultation_minutes"),
                    FieldRowPanel([FieldPanel("attended_women"), FieldPanel("attended_men")]),
                ],
                heading=_("Agreement with residents"),
            ),
            ObjectList(
                [
                    FieldPanel("group_act"),
                    BoundedInlinePanel("members", label=_("Member"), max_num=80),
                    BoundedInlinePanel("group_tasks", label=_("Task"), max_num=80),
                ],
                heading=_("Working group"),
            ),
            ObjectList(
                [BoundedInlinePanel("analysis", label=_("Sector"), max_num=30)],
                heading=_("Situation analysis"),
            ),
        ],
        base_form_class=BodyOwnedForm,
    )


class GoalIndexView(SealedIndexView):
    list_select_related = ("body", "plan__body")


class GoalViewSet(SealedViewSet):
    model = Goal
    name = "plans_goals"
    url_prefix = "plans/goals"
    icon = "pick"
    menu_label = _("Goals")
    index_view_class = GoalIndexView
    list_display = ["__str__", "plan"]
    edit_handler = ObjectList(
        [FieldPanel("plan"), FieldPanel("number"), _titles()], base_form_class=BodyOwnedForm
    )


class ObjectiveIndexView(SealedIndexView):
    list_select_related = ("body", "goal__body")


class ObjectiveViewSet(SealedViewSet):
    model = Objective
    name = "plans_objectives"
    url_prefix = "plans/objectives"
    icon = "pick"
    menu_label = _("Objectives")
    index_view_class = ObjectiveIndexView
    list_display = ["__str__", "goal"]
    edit_handler = ObjectList(
        [FieldPanel("goal"), FieldPanel("number"), _titles()], base_form_class=BodyOwnedForm
    )


class ActionIndexView(SealedIndexView):
    list_select_related = ("body", "plan__body", "objective__goal")


class ActionViewSet(SealedViewSet):
    model = Action
    name = "plans_actions"
    url_prefix = "plans/actions"
    icon = "tasks"
    menu_label = _("Actions")
    index_view_class = ActionIndexView
    list_display = ["__str__", "plan", "ends_on", "status", "progress"]
    list_filter = ["status"]
    search_fields = ["code", "title_ky", "title_ru", "responsible"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("objective"),
                    FieldPanel("parent"),
                    FieldPanel("code"),
                    _titles(),
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                    FieldPanel("responsible"),
                    FieldPanel("settlement"),
                    FieldRowPanel(
                        [FieldPanel("status"), FieldPanel("progress"), FieldPanel("weight")]
                    ),
                ],
                heading=_("Action"),
            ),
            ObjectList(
                [BoundedInlinePanel("costs", label=_("Cost"), max_num=60)],
                heading=_("Costs by source"),
            ),
            ObjectList(
                [
                    FieldPanel("budget_line"),
                    FieldPanel("budget_code"),
                    FieldPanel("act"),
                    FieldPanel("document"),
                    FieldPanel("page"),
                ],
                heading=_("Links"),
            ),
        ],
        base_form_class=ActionForm,
    )


class IndicatorIndexView(SealedIndexView):
    list_select_related = ("body", "plan__body")


class IndicatorViewSet(SealedViewSet):
    model = Indicator
    name = "plans_indicators"
    url_prefix = "plans/indicators"
    icon = "table"
    menu_label = _("Indicators")
    index_view_class = IndicatorIndexView
    list_display = ["__str__", "plan", "unit", "baseline"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("plan"),
                    FieldPanel("objective"),
                    _titles(),
                    FieldRowPanel([FieldPanel("unit"), FieldPanel("direction")]),
                    FieldPanel("by_gender"),
                    FieldRowPanel([FieldPanel("baseline_year"), FieldPanel("baseline")]),
                    FieldPanel("source"),
                ],
                heading=_("Indicator"),
            ),
            ObjectList(
                [BoundedInlinePanel("values", label=_("Figure"), max_num=60)],
                heading=_("Targets and actuals"),
            ),
        ],
        base_form_class=IndicatorForm,
    )


class UpdateIndexView(SealedIndexView):
    list_select_related = ("body", "action__body")


class ProgressUpdateViewSet(SealedViewSet):
    model = ProgressUpdate
    name = "plans_updates"
    url_prefix = "plans/updates"
    icon = "date"
    menu_label = _("Progress updates")
    index_view_class = UpdateIndexView
    list_display = ["__str__", "status", "progress"]
    edit_handler = ObjectList(
        [
            FieldPanel("action"),
            FieldPanel("reported_on"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
            _titles("text", _("What was done")),
            FieldPanel("image"),
            FieldPanel("document"),
            FieldPanel("page"),
        ],
        base_form_class=BodyOwnedForm,
    )


VIEWSETS = (
    PlanViewSet,
    GoalViewSet,
    ObjectiveViewSet,
    ActionViewSet,
    IndicatorViewSet,
    ProgressUpdateViewSet,
)
