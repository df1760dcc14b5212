"""Plans in the admin: one menu (plans, goals, objectives, actions, indicators, progress
updates, the monitoring group's reports, the import of actions) and its addresses."""

from django.db.models import Sum
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from achyk.bodies import roles
from achyk.bodies.kit import StaffMenuItem

from . import selectors
from .admin_views import BodiesProgressView, FlagsView, FlagView, ReportsView, ReportView
from .imports.admin_views import ImportPreviewView, ImportUploadView
from .viewsets import VIEWSETS

_viewsets = [viewset() for viewset in VIEWSETS]


@hooks.register("register_admin_viewset")
def register_plan_viewsets():
    return _viewsets


@hooks.register("register_admin_urls")
def register_plan_urls():
    return [
        path("plans/reports/", ReportsView.as_view(), name="plans_admin_reports"),
        path("plans/reports/<int:pk>/", ReportView.as_view(), name="plans_admin_report"),
        path("plans/bodies/", BodiesProgressView.as_view(), name="plans_admin_bodies"),
        path("plans/flags/", FlagsView.as_view(), name="plans_admin_flags"),
        path("plans/flags/<int:pk>/", FlagView.as_view(), name="plans_admin_flag"),
        path("plans/import/", ImportUploadView.as_view(), name="plans_admin_import"),
        path("plans/import/<str:token>/", ImportPreviewView.as_view(), name="plans_admin_preview"),
    ]


def _items():
    items = [
        StaffMenuItem(
            viewset.menu_label,
            reverse(f"{viewset.name}:index"),
            name=viewset.name,
            icon_name=viewset.icon,
            order=index,
        )
        for index, viewset in enumerate(_viewsets)
    ]
    items.append(
        StaffMenuItem(
            _("Monitoring reports"),
            reverse("plans_admin_reports"),
            name="plans-reports",
            icon_name="doc-full",
            order=50,
        )
    )
    items.append(
        StaffMenuItem(
            _("Flags of the monitoring group"),
            reverse("plans_admin_flags"),
            name="plans-flags",
            icon_name="warning",
            order=55,
        )
    )
    items.append(
        StaffMenuItem(
            _("Plans of every body"),
            reverse("plans_admin_bodies"),
            name="plans-bodies",
            icon_name="table",
            order=-1,
            shown_to=roles.sees_all_bodies,
        )
    )
    items.append(
        StaffMenuItem(
            _("Import actions"),
            reverse("plans_admin_import"),
            name="plans-import",
            icon_name="upload",
            order=60,
            shown_to=roles.is_body_staff,
        )
    )
    return items


@hooks.register("register_admin_menu_item")
def register_plans_menu():
    return SubmenuMenuItem(
        _("Plans"), Menu(items=_items()), name="plans", icon_name="list-ul", order=430
    )


class BodiesProgressPanel(Component):
    """On a supervisor's dashboard: the way to every body's plans, with the totals."""

    order = 30
    template_name = "plans/admin/bodies_panel.html"

    def get_context_data(self, parent_context=None):
        rows = selectors.bodies_progress()
        totals = rows.aggregate(late=Sum("late_count"), actions=Sum("action_count"))
        return {"bodies": rows.count(), "late": totals["late"] or 0,
                "actions": totals["actions"] or 0}  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_bodies_progress_panel(request, panels):
    if roles.sees_all_bodies(request.user):
        panels.append(BodiesProgressPanel())
