"""The page explorer of a body's staff starts at the body's home page, not at Wagtail's
"Root": the sidebar's "Pages" opens the home page (in the staff member's admin language when
the body has it, else the body's default language), and the root's bare listing, which is a
platform-level place, sends them there (a search of their whole tree stays at the root).

Wagtail starts the explorer at the closest common ancestor of the pages a user may edit; a
body's home pages (one per language) are siblings, so that ancestor is the root. No Wagtail
hook moves it, so the menu item is swapped (`construct_main_menu`) and the root's listing
answered by the seal (`seal.seal_view`).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language
from wagtail.admin.wagtail_hooks import ExplorerMenuItem
from wagtail.models import Page

from ..roles import body_of, is_sealed
from ..services import body_home_pages


def home_page_for(user) -> Page | None:
    """The home page a body's staff member starts from, or None (no body, no site)."""
    body = body_of(user) if is_sealed(user) else None
    if body is None or body.site_id is None:
        return None
    pages = body_home_pages(body).select_related("locale")
    homes = {page.locale.language_code: page for page in pages}
    return homes.get(_admin_language(user)) or body.site.root_page


def _admin_language(user) -> str:
    """The language the user chose for the admin (read before Wagtail's views activate it)."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.get_preferred_language() if profile is not None else get_language()
    return (language or "")[:2]


class HomeExplorerMenuItem(ExplorerMenuItem):
    """Wagtail's "Pages" item, starting at `home`."""

    def __init__(self, item: ExplorerMenuItem, home: Page):
        super().__init__(
            item.label, reverse("wagtailadmin_explore", args=[home.pk]), name=item.name,
            icon_name=item.icon_name, order=item.order, classname=item.classname,
        )  # fmt: skip
        self.home = home

    def render_component(self, request):
        from wagtail.admin.ui.sidebar import PageExplorerMenuItem

        return PageExplorerMenuItem(
            self.name, self.label, self.url, self.home.pk, icon_name=self.icon_name,
            classname=self.classname,
        )  # fmt: skip


def start_at_home(request, menu_items) -> None:
    home = home_page_for(request.user)
    if home is None:
        return
    for index, item in enumerate(menu_items):
        if isinstance(item, ExplorerMenuItem):
            menu_items[index] = HomeExplorerMenuItem(item, home)
