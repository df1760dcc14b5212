"""The guide's addresses and its menu item, "Help", for everyone who signs in to the admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from achyk.bodies.kit import StaffMenuItem

from .admin_views import ChapterView, GuideIndexView, guide_pdf


@hooks.register("register_admin_urls")
def register_guide_urls():
    return [
        path("guide/", GuideIndexView.as_view(), name="guide_index"),
        path("guide/pdf/<slug:language>/", guide_pdf, name="guide_pdf"),
        path("guide/<slug:chapter>/", ChapterView.as_view(), name="guide_chapter"),
    ]


@hooks.register("register_admin_menu_item")
def register_guide_menu_item():
    return StaffMenuItem(
        gettext_lazy("Guide"), reverse("guide_index"), name="guide", icon_name="help",
        order=990, shown_to=lambda user: user.is_authenticated,
    )  # fmt: skip
