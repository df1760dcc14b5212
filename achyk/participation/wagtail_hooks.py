"""Participation in the admin: one menu group of sealed viewsets (`viewsets.py`) and the
import of focus groups' results (`admin_views.py`)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from achyk.bodies import roles
from achyk.bodies.kit import StaffMenuItem


@hooks.register("register_admin_viewset")
def register_participation():
    from .viewsets import ParticipationGroup

    return ParticipationGroup()


@hooks.register("register_admin_urls")
def register_import_urls():
    from .admin_views import ImportPreviewView, ImportUploadView

    return [
        path("participation/import/", ImportUploadView.as_view(), name="participation_import"),
        path(
            "participation/import/<str:token>/",
            ImportPreviewView.as_view(),
            name="participation_import_preview",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return StaffMenuItem(
        gettext_lazy("Import focus groups"),
        reverse("participation_import"),
        name="participation-import",
        icon_name="upload",
        order=313,
        shown_to=roles.may_write,
    )
