"""Home pages: the platform's own (all bodies by territory) and each body's."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from achyk.bodies.models import Body, Territory

from .base import BasePage, rich_text


class PlatformHomePage(BasePage):
    """The platform's home (Achyk): every body, grouped by territory, with search by name."""

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
        context.update(query=query, groups=group_by_territory(bodies), found=len(bodies))
        return context


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
    """A body's home page: latest news and announcements, recent documents, sections, contacts."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="home_pages")
    body_text = rich_text(_("welcome text"))
    content_panels = BasePage.content_panels + ["body_text"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.NewsIndexPage", "content.AnnouncementIndexPage", "content.StandardPage",
        "content.GalleryIndexPage", "content.DocumentIndexPage", "content.LeadershipPage",
        "content.ContactPage", "content.VacancyIndexPage", "content.FeedbackFormPage",
    ]  # fmt: skip
    is_creatable = False  # bodies are created by a platform admin with their whole site

    class Meta:
        verbose_name = _("body home page")

    @property
    def site_body(self):
        return self.body

    def get_context(self, request, *args, **kwargs):
        from achyk.documents.models import Document

        from .news import AnnouncementPage, NewsPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live().public().descendant_of(self)
            .order_by("-first_published_at")[:5]
        )  # fmt: skip
        context["announcements"] = (
            AnnouncementPage.objects.live().public().descendant_of(self)
            .filter(Q(event_start__isnull=True) | Q(event_start__gte=timezone.now()))
            .order_by("event_start", "-first_published_at")[:3]
        )  # fmt: skip
        context["recent_documents"] = Document.objects.public_for_body(self.body)[:5]
        sections = list(Page.objects.live().public().child_of(self).in_menu())
        context["sections"] = sections
        context["section_of"] = sections_by_type(sections)
        return context


def sections_by_type(sections) -> dict[str, Page]:
    """{"news": page, ...}: the home's sections by page type, to link "all news" and the like."""
    from django.contrib.contenttypes.models import ContentType

    from .news import AnnouncementIndexPage, NewsIndexPage
    from .sections import ContactPage, DocumentIndexPage, LeadershipPage

    models_by_key = {
        "news": NewsIndexPage, "announcements": AnnouncementIndexPage,
        "documents": DocumentIndexPage, "contacts": ContactPage, "leadership": LeadershipPage,
    }  # fmt: skip
    by_type = {page.content_type_id: page for page in sections}
    found = {}
    for key, model in models_by_key.items():
        page = by_type.get(ContentType.objects.get_for_model(model).id)
        if page is not None:
            found[key] = page
    return found
