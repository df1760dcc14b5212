"""Writes for the site template: building a new body's site in each of its languages."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from achyk.bodies.models import Body
from achyk.ui.indexing import indexed_once

from .models import (
    AnnouncementIndexPage,
    BodyHomePage,
    ContactPage,
    CouncilPage,
    DocumentIndexPage,
    FeedbackFormPage,
    GalleryIndexPage,
    LeadershipPage,
    NewsIndexPage,
    PlatformHomePage,
    VacancyIndexPage,
)

#: The sections every body's site starts with, in menu order: (page type, slug, title).
SECTIONS = [
    (NewsIndexPage, "news", _("News")),
    (AnnouncementIndexPage, "announcements", _("Announcements")),
    (DocumentIndexPage, "documents", _("Documents")),
    (GalleryIndexPage, "gallery", _("Photo gallery")),
    (LeadershipPage, "leadership", _("Leadership and structure")),
    (CouncilPage, "council", _("Local council")),
    (VacancyIndexPage, "vacancies", _("Vacancies")),
    (FeedbackFormPage, "reception", _("Online reception")),
    (ContactPage, "contacts", _("Contacts")),
]


def locale_for(language: str) -> Locale:
    return Locale.objects.get_or_create(language_code=language)[0]


def _publish(page: Page) -> Page:
    """Publishes a page just added: `add_child` validated it, so its revision is saved without
    validating it again (publishing validates once more, as Wagtail does)."""
    page.save_revision(clean=False).publish()
    return page


@transaction.atomic
def build_body_site(body: Body) -> BodyHomePage:
    """Create the body's home page and sections in every language; return the default one."""
    root = Page.get_first_root_node()
    default = body.default_language
    home = None
    with indexed_once():
        for language in [default] + [code for code in body.language_list if code != default]:
            home = _build_home(body, root, language, home)
    _allow_translating(body)
    return home


def _build_home(body: Body, root: Page, language: str, home: BodyHomePage | None) -> BodyHomePage:
    """The home page in `language` with its sections, translations of `home`'s if given;
    returns `home`, or the new page if it is the first."""
    with translation.override(language):
        locale = locale_for(language)
        slug = body.slug if home is None else f"{body.slug}-{language}"
        page = BodyHomePage(
            title=body.translated("name", language), slug=slug, body=body, locale=locale
        )
        if home is not None:
            page.translation_key = home.translation_key
        root.add_child(instance=page)
        _publish(page)
        for model, section_slug, title in sections_for(body):
            _add_section(page, home, model, section_slug, str(title), locale)
    return home or page


def sections_for(body: Body) -> list:
    """The template's sections the body's site has: a state body has no local council."""
    return [
        row for row in SECTIONS if not (row[0] is CouncilPage and body.kind == Body.Kind.STATE_BODY)
    ]


@transaction.atomic
def ensure_sections(body: Body) -> int:
    """Add the template's sections that the body's site lacks (one added to the template after
    the site was built, like the council), in every language of its site, published and
    translations of each other; a page already at the section's address is left alone.
    Returns how many pages were added. Safe to run again."""
    homes = {
        home.locale.language_code: home
        for home in BodyHomePage.objects.filter(body=body).select_related("locale")
    }
    order = [body.default_language] + [code for code in body.language_list if code in homes]
    with indexed_once():
        return _add_missing_sections(body, homes, order)


def _add_missing_sections(body: Body, homes: dict, order: list[str]) -> int:
    added = 0
    for model, slug, title in sections_for(body):
        original = None
        for language in dict.fromkeys(code for code in order if code in homes):
            home = homes[language]
            existing = model.objects.child_of(home).first()
            if existing is not None or Page.objects.child_of(home).filter(slug=slug).exists():
                original = original or existing
                continue
            with translation.override(language):
                section = model(title=str(title), slug=slug, locale=home.locale, show_in_menus=True)
            if original is not None:
                section.translation_key = original.translation_key
            home.add_child(instance=section)
            original = original or _publish(section)
            added += 1
    return added


def _allow_translating(body: Body) -> None:
    """Staff of a body translate its pages with Wagtail's "Translate" action: it copies a page
    into another language, keeping the translation key that the public language switch follows."""
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    for group in (body.editors_group, body.admins_group):
        if group is not None:
            group.permissions.add(permission)


def _add_section(home, default_home, model, slug, title, locale):
    section = model(title=title, slug=slug, locale=locale, show_in_menus=True)
    if default_home is not None:
        original = model.objects.child_of(default_home).first()
        section.translation_key = original.translation_key
    home.add_child(instance=section)
    _publish(section)


@transaction.atomic
def ensure_platform_home(*, languages: list[str], title: str = "Achyk") -> PlatformHomePage:
    """The platform's home page in each language, at the root of the default Site."""
    from wagtail.models import Site

    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a "Welcome" page; the platform's home replaces it.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    home = PlatformHomePage.objects.filter(locale__language_code=languages[0]).first()
    for language in languages:
        locale = locale_for(language)
        if PlatformHomePage.objects.filter(locale=locale).exists():
            continue
        page = PlatformHomePage(
            title=title, slug="achyk" if home is None else f"achyk-{language}", locale=locale,
        )  # fmt: skip
        if home is not None:
            page.translation_key = home.translation_key
        root.add_child(instance=page)
        _publish(page)
        home = home or page
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname="localhost", port=80, site_name="Achyk")
    site.root_page = home
    site.save()
    return home
