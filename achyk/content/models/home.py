"""Home pages: the platform's own (all bodies by territory) and each body's."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel
from wagtail.models import Page

from achyk.bodies import calendar, scores
from achyk.bodies.models import Body, Territory, slug_path
from achyk.pagecache.parts import kept_with_body

from ..visibility import public
from .base import BasePage, rich_text

#: How many of the best and of the weakest bodies the platform's home shows.
RATING_ENDS = 3


class PlatformHomePage(BasePage):
    """The platform's home (Achyk): the ways into the platform-wide pages (the transparency
    rating with its best and weakest bodies, the registry of acts, search, open budget data,
    the methodology), then every body with its score, grouped by territory, searchable."""

    body_text = rich_text(_("text"))
    content_panels = BasePage.content_panels + ["body_text"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.StandardPage"]
    max_count_per_parent = 4  # one per language

    class Meta:
        verbose_name = _("platform home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        bodies = Body.objects.active().select_related("territory__parent__parent")
        if query:
            bodies = bodies.search(query)
        bodies = list(bodies)
        indexes, paths = scores.indexes(), {}
        for body in bodies:
            with_score(body, indexes, paths)
        context.update(
            query=query, groups=group_by_territory(bodies), found=len(bodies),
            rating=rating_ends(indexes, known={body.pk: body for body in bodies}, paths=paths),
            ways_in=platform_links(),
        )  # fmt: skip
        return context


def with_score(body: Body, indexes: dict[int, Decimal], paths: dict[str, str]) -> Body:
    """`body` with its `transparency_index` (None: not scored yet) and `transparency_url`.
    `paths` keeps the page's address reversed once per language (the platform's home lists
    every body), as `Body.public_url` would give it."""
    language = translation.get_language()
    if language not in body.language_list:
        language = body.default_language
    if language not in paths:
        with translation.override(language):
            paths[language] = reverse("transparency:body")
    body.transparency_index = indexes.get(body.pk)
    body.transparency_url = slug_path(body.slug, paths[language])
    return body


def rating_ends(
    indexes: dict[int, Decimal], known: dict[int, Body], paths: dict[str, str]
) -> dict[str, list[Body]]:
    """{"top": the best RATING_ENDS bodies, "bottom": the weakest, weakest last}, with their
    scores; with fewer than twice RATING_ENDS scored bodies no body is in both lists. Bodies
    not in `known` are read in one query (only when a search narrowed the list)."""
    ranked = sorted(indexes.items(), key=lambda item: (-item[1], item[0]))
    top = ranked[:RATING_ENDS]
    bottom = ranked[max(len(top), len(ranked) - RATING_ENDS) :]
    wanted = [pk for pk, _index in top + bottom]
    missing = [pk for pk in wanted if pk not in known]
    if missing:
        known = {**known, **Body.objects.active().in_bulk(missing)}
    return {
        name: [with_score(known[pk], indexes, paths) for pk, _index in rows if pk in known]
        for name, rows in (("top", top), ("bottom", bottom))
    }


def platform_links() -> list[tuple[str, str]]:
    """[(title, address)] of the platform-wide pages, in the active language."""
    year = timezone.localdate().year
    return [
        (_("Transparency rating of bodies"), reverse("transparency:rating")),
        (_("Registry of acts"), reverse("registry")),
        (_("Search all sites"), reverse("search")),
        (_("Open budget data (CSV, %(year)s)") % {"year": year},
         reverse("budget_export", kwargs={"year": year})),
        (_("How transparency is monitored"), reverse("transparency:methodology")),
    ]  # fmt: skip


def group_by_territory(bodies) -> list[tuple[str, list[tuple[str, list[Body]]]]]:
    """[(oblast, [(rayon, [bodies])])], in the order of the territorial codes."""
    tree: dict[Territory, dict[Territory, list[Body]]] = {}
    for body in sorted(bodies, key=lambda b: (b.territory.code, b.name)):
        unit = body.territory
        rayon = unit.parent if unit.parent and unit.level != Territory.Level.OBLAST else unit
        oblast = rayon.parent if rayon.parent and rayon.level == Territory.Level.RAYON else rayon
        tree.setdefault(oblast, {}).setdefault(rayon, []).append(body)
    return [
        (oblast, sorted(rayons.items(), key=lambda item: item[0].code))
        for oblast, rayons in sorted(tree.items(), key=lambda item: item[0].code)
    ]


class BodyHomePage(BasePage):
    """A body's home page: latest news and announcements, recent documents, sections, contacts.

    Its emblem is shown in the header of every page of the body's site (`views.emblem` serves
    it at one address, so no page reads it), its banner photo on the home only."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="home_pages")
    body_text = rich_text(_("welcome text"))
    emblem = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("emblem"),
        help_text=_("The body's emblem or coat of arms, shown beside its name at the top of "
                    "every page of its site: a square picture, 200 × 200 pixels or more."),
    )  # fmt: skip
    banner = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("banner photo"),
        help_text=_("A wide photo of the territory across the top of the home page; it is "
                    "cut to 4:1, so keep what matters in the middle."),
    )  # fmt: skip
    banner_alt = models.CharField(
        _("banner description (alt text)"), max_length=250, blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )  # fmt: skip
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(["emblem", "banner", "banner_alt"], _("Look of the site")), "body_text",
    ]  # fmt: skip
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.NewsIndexPage", "content.AnnouncementIndexPage", "content.StandardPage",
        "content.GalleryIndexPage", "content.DocumentIndexPage", "content.LeadershipPage",
        "content.ContactPage", "content.VacancyIndexPage", "content.FeedbackFormPage",
        "content.CouncilPage",
    ]  # fmt: skip
    is_creatable = False  # bodies are created by a platform admin with their whole site
    #: Joined to the home when the body's site reads it as the root page its requests are
    #: routed from, and kept with it (`bodies.routing.keep_root_page`): the banner the home
    #: shows. A change to any image forgets the kept pages of its body
    #: (`pagecache.invalidation`).
    read_with_root = ("banner",)

    class Meta:
        verbose_name = _("body home page")

    @property
    def site_body(self):
        return self.body

    def clean(self):
        super().clean()
        if self.banner_id and not self.banner_alt.strip():
            raise ValidationError(
                {"banner_alt": _("Describe the image for readers who cannot see it.")}
            )

    def get_context(self, request, *args, **kwargs):
        from achyk.documents.models import Document

        from .news import AnnouncementPage, NewsPage, by_event_date

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            public(NewsPage.objects.live(), request).descendant_of(self)
            .select_related("image").prefetch_related("image__renditions")
            .order_by("-first_published_at")[:5]
        )  # fmt: skip
        context["announcements"] = by_event_date(
            public(AnnouncementPage.objects.live(), request).descendant_of(self)
            .filter(Q(event_start__isnull=True) | Q(event_start__gte=timezone.now()))
        )[:3]  # fmt: skip
        served = getattr(request, "site_body", None)
        if served is not None and served.pk == self.body_id:
            self.body = served  # the body the middleware found: not read again
        # One language a page: files in the page's language, or in none (a map, a photo).
        context["recent_documents"] = Document.objects.public_for_body(self.body).filter(
            language__in=["", translation.get_language()]
        )[:5]
        context["transparency_index"] = transparency_index(self.body)
        context["next_event"] = next_event(self.body)
        from ..templatetags.achyk_content import body_menu, menu_of, remember_home

        # The home of the body's site in any language (its root page, already read by Wagtail
        # to route the request) is the home the header links and whose sections the menu lists:
        # its sections are the menu kept with the body's pages.
        site = served.site if served is not None else None
        if site is not None and site.root_page.translation_key == self.translation_key:
            sections = body_menu(request, self)
            remember_home(request, self, sections)  # the header and the menu: not asked again
        else:
            sections = menu_of(request, self)
        context["sections"] = sections
        context["section_of"] = found = sections_by_type(sections)
        context["head"] = head_of(self.body, found.get("leadership"))
        context["council"] = council_of(self.body, found.get("council"))
        return context


def head_of(body: Body, leadership: Page | None):
    """The head of the body: the first person of its leadership page (with the photo), or
    None. Kept with the body's pages, as the menu that found the leadership page is: the
    people of a page are written when it is published, which forgets them, as does a change
    to the photo."""
    from .sections import Person

    if leadership is None:
        return None
    # The photo's rendition is found in the cache, where Wagtail keeps every rendition it
    # gives (`Rendition.cache_backend`), rather than by one more query.
    return kept_with_body(
        body.pk, f"head:{leadership.pk}",
        lambda: Person.objects.filter(page_id=leadership.pk).select_related("photo").first(),
    )  # fmt: skip


def council_of(body: Body, page: Page | None) -> dict | None:
    """{"page", "deputies": how many, "chair": the first deputy}: the council's block on the
    home, or None without a council page. The deputies are kept with the body's pages, which
    publishing the council page forgets."""
    from .council import Deputy

    if page is None:
        return None

    def read() -> tuple[int, tuple[str, str] | None]:
        deputies = list(Deputy.objects.filter(page_id=page.pk).values_list("name", "position"))
        return len(deputies), (deputies[0] if deputies else None)

    count, chair = kept_with_body(body.pk, f"council:{page.pk}", read)
    return {"page": page, "deputies": count, "chair": chair}


#: How far ahead the home looks for the next public event.
EVENT_HORIZON = datetime.timedelta(days=366)


def transparency_index(body: Body) -> Decimal | None:
    """The body's transparency index (`bodies.scores`), kept with the body's pages: storing
    new scores forgets them (`transparency.services`), as it forgets the pages showing them."""
    return kept_with_body(
        body.pk, "transparency-index", lambda: scores.indexes([body.pk]).get(body.pk)
    )


def next_event(body: Body) -> calendar.CalendarEvent | None:
    """The body's next public event (a budget hearing, a gathering, a focus group, ...) from
    every app's calendar (`bodies.calendar`), in the active language; None within a year.

    Kept with the body's pages (`pagecache.parts`, as the menu is), rather than asked of
    every source on every render of the home: a change to any event forgets it with the
    pages (each source's app is watched by the page cache), and a kept event that has begun
    since is looked up again."""
    language = translation.get_language()
    kept = kept_with_body(body.pk, f"next-event:{language}", lambda: _next_event(body, language))
    if kept is not None and kept.starts_at < timezone.now():
        return _next_event(body, language)
    return kept


def _next_event(body: Body, language: str) -> calendar.CalendarEvent | None:
    now = timezone.now()
    upcoming = calendar.events(
        body=body, language=language, start=now, end=now + EVENT_HORIZON, first=1
    )
    return upcoming[0] if upcoming else None


def sections_by_type(sections) -> dict[str, Page]:
    """{"news": page, ...}: the home's sections by page type, to link "all news" and the like."""
    from django.contrib.contenttypes.models import ContentType

    from .council import CouncilPage
    from .news import AnnouncementIndexPage, NewsIndexPage
    from .sections import ContactPage, DocumentIndexPage, LeadershipPage

    models_by_key = {
        "news": NewsIndexPage, "announcements": AnnouncementIndexPage,
        "documents": DocumentIndexPage, "contacts": ContactPage, "leadership": LeadershipPage,
        "council": CouncilPage,
    }  # fmt: skip
    by_type = {page.content_type_id: page for page in sections}
    found = {}
    for key, model in models_by_key.items():
        page = by_type.get(ContentType.objects.get_for_model(model).id)
        if page is not None:
            found[key] = page
    return found
