"""The content's admin: the online reception's forms listing, before Wagtail's at its address
(`content` comes before `wagtail.contrib.forms` in INSTALLED_APPS), so the menu and every
`reverse("wagtailforms:index")` keep working; the translate screen of a body's page, before
simple_translation's; the page editor's actions, "Publish" first; one page per opening of
the "add" form (`page_starts.py`)."""

from django.urls import path
from wagtail import hooks

from achyk.bodies import roles
from achyk.bodies.tenancy import body_for_page

from . import page_starts
from .admin_views import forms_index
from .translation import BodyPageTranslationView


@hooks.register("register_admin_urls")
def register_forms_index():
    return [path("forms/", forms_index)]


@hooks.register("register_admin_urls")
def register_page_translation():
    """Before Wagtail's translate view at its address (`translation.py`)."""
    return [
        path("translation/submit/page/<int:page_id>/", BodyPageTranslationView.as_view()),
    ]


@hooks.register("construct_page_action_menu")
def publish_first(menu_items, request, context):
    """On a body's page, "Publish" is the editor's main button and "Save draft" goes into the
    menu, for those who may publish it (Wagtail shows the Publish item only to them). Without
    it (a role that may not publish, a page in moderation) Wagtail's order stays."""
    publish = next((item for item in menu_items if item.name == "action-publish"), None)
    if publish is None or menu_items[0] is publish:
        return
    page = context.get("page")
    anchor = page if page is not None and page.pk else context.get("parent_page")
    body = body_for_page(anchor) if anchor is not None else None
    if body is None or not roles.may_write(request.user, body):
        return
    menu_items.remove(publish)
    menu_items.insert(0, publish)


@hooks.register("before_create_page")
def create_each_page_once(request, parent_page, page_class):
    return page_starts.create_once(request, parent_page, page_class)


@hooks.register("after_create_page")
def remember_the_page_started(request, page):
    page_starts.remember(request, page)
