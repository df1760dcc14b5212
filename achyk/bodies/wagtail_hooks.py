"""The bodies' admin panel, plugged into Wagtail through its hooks (see panel/)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import seal_hooks  # noqa: F401
from .kit import StaffMenuItem
from .panel import admin_views as views
from .panel.dashboard import WelcomePanel
from .panel.explorer import start_at_home
from .panel.viewsets import BodyViewSet, TerritoryViewSet
from .roles import body_of, is_body_admin, is_body_staff, is_platform_admin

#: Wagtail's menu items a body's staff do not need: the reports and Wagtail's own manual
#: (in English) only crowd the menu of a village office clerk. Platform admins keep them.
HIDDEN_FROM_BODY_STAFF = {"reports", "help"}

#: `pk` names the body in the first two routes and the staff membership in the others (each
#: view says its `model`), so the tenant seal checks both like any admin object.
staff_urls = [
    path("<int:pk>/", views.StaffIndexView.as_view(), name="index"),
    path("<int:pk>/add/", views.StaffAddView.as_view(), name="add"),
    path("member/<int:pk>/role/", views.StaffRoleView.as_view(), name="role"),
    path(
        "member/<int:pk>/deactivate/",
        views.StaffAccessView.as_view(http_method_names=["get", "post"]),
        name="deactivate",
    ),
    path(
        "member/<int:pk>/reactivate/",
        views.StaffAccessView.as_view(activate=True),
        name="reactivate",
    ),
]


@hooks.register("register_admin_viewset")
def register_bodies_viewsets():
    return [BodyViewSet(), TerritoryViewSet()]


@hooks.register("register_admin_urls")
def register_body_panel_urls():
    return [
        path("our-body/", views.OurBodyView.as_view(), name="our_body"),
        path("staff/", include((staff_urls, "body_staff"), namespace="body_staff")),
    ]


@hooks.register("register_admin_menu_item")
def register_our_body_menu_item():
    return StaffMenuItem(
        _("Our body"),
        reverse("our_body"),
        name="our-body",
        icon_name="site",
        order=50,
        shown_to=is_body_staff,
    )


@hooks.register("register_admin_menu_item")
def register_staff_menu_item():
    return StaffMenuItem(
        _("Staff"),
        reverse("wagtailadmin_home"),
        name="staff",
        icon_name="group",
        order=60,
        shown_to=is_body_admin,
        url_for=_own_staff_url,
    )


def _own_staff_url(user) -> str:
    """The staff of the user's own body (the menu shows it to its admins only)."""
    return reverse("body_staff:index", args=[body_of(user).pk])


@hooks.register("construct_main_menu")
def simplify_menu_for_body_staff(request, menu_items):
    if is_body_staff(request.user) and not is_platform_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_FROM_BODY_STAFF]


@hooks.register("construct_homepage_panels")
def add_welcome_panel(request, panels):
    body = body_of(request.user)
    if body is not None:
        panels.insert(0, WelcomePanel(body, is_admin=is_body_admin(request.user, body)))


@hooks.register("construct_main_menu")
def explorer_starts_at_home(request, menu_items):
    start_at_home(request, menu_items)
