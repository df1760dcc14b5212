"""The budget in the admin: its menu item, its addresses and the classification viewset."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from achyk.bodies.kit import StaffMenuItem

from .admin_views import BudgetDetailView, BudgetIndexView
from .imports.admin_views import ImportPreviewView, ImportUploadView


@hooks.register("register_admin_urls")
def register_budget_urls():
    return [
        path("budget/", BudgetIndexView.as_view(), name="budget_admin_index"),
        path("budget/<int:pk>/", BudgetDetailView.as_view(), name="budget_admin_detail"),
        path("budget/import/", ImportUploadView.as_view(), name="budget_admin_import"),
        path("budget/import/<str:token>/", ImportPreviewView.as_view(),
             name="budget_admin_preview"),
    ]  # fmt: skip


@hooks.register("register_admin_menu_item")
def register_budget_menu_item():
    return StaffMenuItem(
        gettext_lazy("Budget"), reverse("budget_admin_index"), name="budget",
        icon_name="table", order=420,
    )  # fmt: skip


@hooks.register("register_admin_viewset")
def register_classification_viewset():
    from .viewsets import ClassificationViewSet

    return ClassificationViewSet()


@hooks.register("register_admin_viewset")
def register_citizens_and_hearings():
    from .citizens.viewsets import CitizensBudgetViewSet
    from .hearings.viewsets import HearingViewSet

    return [CitizensBudgetViewSet(), HearingViewSet()]
