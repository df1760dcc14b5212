"""The second factor in the admin: its pages, the account's link, the dashboard's panel and,
for platform admins, the accounts list under Settings."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import policy
from .urls import admin_urls


@hooks.register("register_admin_urls")
def register_signin_urls():
    return admin_urls


@hooks.register("register_account_menu_item")
def register_two_step_account_item(request):
    return {
        "url": reverse("signin_overview"),
        "label": _("Two-step sign-in"),
        "help_text": _("A code from an app on your phone after your password; recovery codes."),
    }


class PlatformAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_accounts_menu_item():
    return PlatformAdminMenuItem(
        _("Two-step sign-in"), reverse("signin_accounts:index"), icon_name="key", order=900
    )


class TwoStepPanel(Component):
    """On the dashboard of an account without a second factor: why, and where to set it up."""

    order = 5
    template_name = "signin/admin/dashboard_panel.html"

    def __init__(self, required: bool):
        self.required = required

    def get_context_data(self, parent_context=None):
        return {"required": self.required, "setup_url": reverse("signin_setup")}


@hooks.register("construct_homepage_panels")
def add_two_step_panel(request, panels):
    if not policy.is_enrolled(request.user):
        panels.append(TwoStepPanel(required=policy.requires_second_factor(request.user)))
