"""The welcome panel on a body staff member's dashboard: big buttons for everyday work."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from achyk.bodies.models import Body

LANGUAGE_NAMES = dict(settings.LANGUAGES)

#: Everyday tasks: (label, page type of the section a new page goes in). The page types are
#: named by their content type (app label, model) because `bodies` imports no page types;
#: Wagtail's "add subpage" opens the editor directly when a section takes one page type.
QUICK_ADD = [
    (_("Add news"), ("content", "newsindexpage")),
    (_("Add announcement"), ("content", "announcementindexpage")),
    (_("Add photo gallery"), ("content", "galleryindexpage")),
]


def section_pages(body: Body) -> dict[tuple[str, str], Page]:
    """The body's section pages in its default language, by (app label, model)."""
    home = body.site.root_page
    sections = Page.objects.child_of(home).select_related("content_type")
    return {(page.content_type.app_label, page.content_type.model): page for page in sections}


class WelcomePanel(Component):
    """ "Welcome to <body>": add news, announcement, document, gallery; the public site."""

    order = 10
    template_name = "bodies/panel/welcome_panel.html"

    def __init__(self, body: Body, is_admin: bool):
        self.body = body
        self.is_admin = is_admin

    def get_context_data(self, parent_context=None):
        sections = section_pages(self.body) if self.body.site else {}
        buttons = [
            (label, reverse("wagtailadmin_pages:add_subpage", args=[sections[key].pk]))
            for label, key in QUICK_ADD
            if key in sections
        ]
        buttons.insert(2, (_("Upload document"), reverse("wagtaildocs:add_multiple")))
        return {
            "body": self.body,
            "buttons": buttons,
            "is_admin": self.is_admin,
            "public_links": [
                (code, LANGUAGE_NAMES.get(code, code), self.body.get_absolute_url(code))
                for code in self.body.language_list
            ],
            "profile_url": reverse("our_body"),
            "staff_url": reverse("body_staff:index", args=[self.body.pk]),
        }
