"""Template tags of the site template: the language switch, the sections menu (pages and
the sections other apps hold), the home link."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from achyk.bodies import sections
from achyk.bodies.routing import body_root_paths
from achyk.pagecache.parts import kept_with_body

from ..visibility import public

register = template.Library()
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """For each language of the site: the same item in that language, or the page that says
    it is not translated yet. [{code, name, url, current, translated}]

    The page is the context's `switch_page` (a view that stands for a page) or its `page`;
    without one (a 404, a view that is not a page) each language leads to the home.
    """
    request = context["request"]
    page = page or context.get("switch_page") or context.get("page")
    body = getattr(request, "site_body", None)
    codes = body.language_list if body else list(LANGUAGE_NAMES)
    page = page if isinstance(page, Page) and page.pk else None
    translations = {} if page is None else page_translations(request, page, body)
    current = translation.get_language()
    return [_link(request, page, code, translations.get(code), current) for code in codes]


def page_translations(request, page: Page, body) -> dict[str, Page]:
    """{language code: the live version of `page` in it} that readers may see: kept with the
    body's pages (`pagecache.parts`) when the page is on the body's site."""

    def read() -> dict[str, Page]:
        versions = public(page.get_translations(inclusive=True).live(), request)
        return {other.locale.language_code: other for other in versions.select_related("locale")}

    if body is None or body.site is None or not _on_site_of(body, page):
        return read()
    return kept_with_body(body.pk, f"languages:{page.pk}", read)


def _on_site_of(body, page: Page) -> bool:
    """Whether `page` is under a home of the body's site (its changes forget the body's
    pages, and with them what is kept of it)."""
    return any(page.url_path.startswith(root.root_path) for root in body_root_paths(body))


def _link(request, page, code, target, current) -> dict:
    with translation.override(code):
        if page is None:
            url = reverse("wagtail_serve", args=[""])
        elif target is not None:
            url = target.get_url(request)
        else:
            url = reverse("untranslated", args=[page.pk])
    return {"code": code, "name": LANGUAGE_NAMES[code], "url": url, "current": code == current,
            "translated": page is None or target is not None}  # fmt: skip


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The body's sections in the active language, for the main menu: read once per request,
    and kept with the body's pages (`pagecache.parts`)."""
    home = site_home(context)
    if home is None:
        return []
    request, language = context["request"], translation.get_language()
    cached = getattr(request, "_achyk_site_sections", None)
    if cached is None or cached[0] != language:
        cached = request._achyk_site_sections = (language, body_menu(request, home))
    return cached[1]


def body_menu(request, home: Page) -> list[Page]:
    """`menu_of(request, home)` for `home`, the home of the body being read in the active
    language: kept with the body's pages (`pagecache.parts`)."""
    return kept_with_body(
        request.site_body.pk,
        f"menu:{translation.get_language()}",
        lambda: menu_of(request, home),
    )


def menu_of(request, home: Page) -> list[Page]:
    """The sections of `home` that readers see in its menu (live, shown in menus, not under
    a view restriction)."""
    return list(public(Page.objects.live(), request).child_of(home).in_menu())


def remember_home(request, home: Page, menu: list[Page]) -> None:
    """The body's home, rendering itself, is this request's home and `menu` its sections:
    the header and the menu (`site_home`, `site_sections`) take them instead of asking the
    database again."""
    language = translation.get_language()
    request._achyk_site_home = (language, home)
    request._achyk_site_sections = (language, menu)


@register.simple_tag(takes_context=True)
def site_home(context):
    """The body's home page in the active language, or None: read once per request, and kept
    with the body's pages (`pagecache.parts`)."""
    request = context["request"]
    body = getattr(request, "site_body", None)
    if body is None or body.site is None:
        return None
    language = translation.get_language()
    cached = getattr(request, "_achyk_site_home", None)
    if cached is None or cached[0] != language:
        home = kept_with_body(body.pk, f"home:{language}", lambda: body.site.root_page.localized)
        cached = request._achyk_site_home = (language, home)
    return cached[1]


@register.simple_tag(takes_context=True)
def body_sections(context):
    """The sections other apps hold for the body being read, in the active language, once
    per request (`bodies.sections`: one query, kept for the body's pages with
    `pagecache.parts`): [{label, url, current}]."""
    request = context["request"]
    body = getattr(request, "site_body", None)
    if body is None:
        return []
    held = getattr(request, "_achyk_body_sections", None)
    if held is None:
        held = request._achyk_body_sections = held_sections(body)
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match else None
    return [
        {"label": section.label, "url": reverse(section.url_name),
         "current": section.url_name == here}
        for section in held
    ]  # fmt: skip


def held_sections(body) -> list[sections.PublicSection]:
    """`bodies.sections.sections_of(body)`, kept while the body's pages are (the keys only: the
    labels are translated where they are shown)."""
    keys = kept_with_body(body.pk, "sections", lambda: [s.key for s in sections.sections_of(body)])
    return sections.by_keys(keys)


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> dict | None:
    """Where the reader is on the body's site: {"trail": [(title, url)], "current": title or
    ""}, from the body's home down; None on the home and where no trail is known (search).

    A page: its ancestors below the home (one query, none for a section), then its title. A
    view of another app: the section it belongs to (`body_sections`), then, below the
    section's own address, the trail ends at the section."""
    request = context["request"]
    home = site_home(context)
    page = context.get("page")
    if home is None or (isinstance(page, Page) and page.pk == home.pk):
        return None
    trail = [(home.title, home.get_url(request))]
    if isinstance(page, Page) and page.pk and page.path.startswith(home.path):
        if page.depth > home.depth + 1:
            between = Page.objects.ancestor_of(page).filter(depth__gt=home.depth)
            trail += [(item.title, item.get_url(request)) for item in between]
        return {"trail": trail, "current": page.title}
    for section in body_sections(context):
        if request.path == section["url"]:
            return {"trail": trail, "current": section["label"]}
        if request.path.startswith(section["url"]):
            return {"trail": trail + [(section["label"], section["url"])], "current": ""}
    return None
