"""The monitor's admin places, plugged into Wagtail's hooks: for a body's staff the to-do
panel on the dashboard, the to-do page, flags and answers, the JMEG's members; for
supervisors the dashboard's panel of the bodies with the lowest index."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from achyk.bodies.kit import StaffMenuItem
from achyk.bodies.roles import body_of, is_body_staff, sees_all_bodies

from . import admin_views as staff
from . import selectors, todo
from .rating.views import DEFAULT_THRESHOLD

PANEL_LINES = 6

admin_urls = [
    path("todo/", staff.TodoView.as_view(), name="todo"),
    path("todo/<int:pk>/", staff.TodoView.as_view(), name="body_todo"),
    path("todo/confirm/", staff.ConfirmView.as_view(), name="confirm"),
    path("flags/", staff.FlagsView.as_view(), name="flags"),
    path("flags/<int:pk>/", staff.AnswerView.as_view(), name="answer"),
    path("jmeg/", staff.JmegView.as_view(), name="jmeg"),
    path("jmeg/add/", staff.JmegAddView.as_view(), name="jmeg_add"),
    path("jmeg/<int:pk>/access/", staff.JmegAccessView.as_view(), name="jmeg_access"),
]


@hooks.register("register_admin_urls")
def register_transparency_staff_urls():
    return [
        path(
            "transparency/",
            include((admin_urls, "transparency_admin"), namespace="transparency_admin"),
        )
    ]


class TodoPanel(Component):
    """The most urgent lines of the body's to-do list and its open flags, on the dashboard."""

    order = 20
    template_name = "transparency/admin/todo_panel.html"

    def __init__(self, body):
        self.body = body

    def get_context_data(self, parent_context=None):
        lines = todo.todo_for(self.body)
        return {
            "body": self.body, "lines": lines[:PANEL_LINES], "more": len(lines) > PANEL_LINES,
            "counts": todo.counts(lines), "past_due": todo.past_due(self.body),
            "open_flags": todo.open_flags(self.body).count(),
        }  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_todo_panel(request, panels):
    body = body_of(request.user)
    if body is not None:
        panels.append(TodoPanel(body))


@hooks.register("register_admin_menu_item")
def register_todo_menu_item():
    return StaffMenuItem(
        _("What to publish"), reverse("transparency_admin:todo"), name="transparency-todo",
        icon_name="tasks", order=55, shown_to=is_body_staff,
    )  # fmt: skip


@hooks.register("register_admin_menu_item")
def register_jmeg_menu_item():
    return StaffMenuItem(
        _("Monitoring group"), reverse("transparency_admin:jmeg"), name="transparency-jmeg",
        icon_name="group", order=65, shown_to=is_body_staff,
    )  # fmt: skip


LAGGARDS = 10


class LaggardsPanel(Component):
    """For supervisors (and platform admins): the bodies with the lowest index, with whom to
    call, and the ways to the rating, the hearing list and the exports."""

    order = 20
    template_name = "transparency/admin/laggards_panel.html"

    def get_context_data(self, parent_context=None):
        rows = selectors.summaries().select_related("body").order_by("index", "body__slug")
        return {"rows": rows[:LAGGARDS], "threshold": DEFAULT_THRESHOLD}


@hooks.register("construct_homepage_panels")
def add_laggards_panel(request, panels):
    if sees_all_bodies(request.user):
        panels.append(LaggardsPanel())
