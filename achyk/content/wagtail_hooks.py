"""The online reception in the admin: the forms listing, before Wagtail's at its address
(`content` comes before `wagtail.contrib.forms` in INSTALLED_APPS), so the menu and every
`reverse("wagtailforms:index")` keep working."""

from django.urls import path
from wagtail import hooks

from .admin_views import forms_index


@hooks.register("register_admin_urls")
def register_forms_index():
    return [path("forms/", forms_index)]
