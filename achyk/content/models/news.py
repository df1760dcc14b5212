"""News (жаңылыктар / новости) and announcements (кулактандыруулар / объявления)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from ..visibility import public
from .base import BasePage, paginate, rich_text


class ImageWithAltMixin(models.Model):
    """A lead image that cannot be published without its text alternative."""

    image = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("image"),
    )  # fmt: skip
    image_alt = models.CharField(
        _("image description (alt text)"), max_length=250, blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )  # fmt: skip

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for readers who cannot see it.")}
            )


class NewsIndexPage(BasePage):
    parent_page_types = ["content.BodyHomePage"]
    subpage_types = ["content.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = (
            public(NewsPage.objects.live(), request).child_of(self).select_related("image")
            .prefetch_related("image__renditions").order_by("-first_published_at")
        )  # fmt: skip
        context["items"] = paginate(request, items)
        return context


class NewsPage(ImageWithAltMixin, BasePage):  # noqa: DJ008 (Page.__str__ gives the title)
    """A news item of a body."""

    body = rich_text(_("text"))
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("attached document"),
        help_text=_("A decision, a plan or a report the news is about; readers can download it."),
    )  # fmt: skip
    content_panels = BasePage.content_panels + ["image", "image_alt", "body", "document"]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")


class AnnouncementIndexPage(BasePage):
    parent_page_types = ["content.BodyHomePage"]
    subpage_types = ["content.AnnouncementPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("announcements section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = by_event_date(public(AnnouncementPage.objects.live(), request).child_of(self))
        context["items"] = paginate(request, items)
        return context


def by_event_date(announcements, now=None):
    """Announcements in the order of their events: upcoming ones first, the soonest first;
    then past ones, the latest first; those without a date last, newest first."""
    now = now or timezone.now()
    upcoming = Q(event_start__gte=now)
    return announcements.annotate(
        upcoming_at=Case(When(upcoming, then=F("event_start")), default=None),
        past_at=Case(When(upcoming, then=None), default=F("event_start")),
    ).order_by(
        F("upcoming_at").asc(nulls_last=True), F("past_at").desc(nulls_last=True),
        "-first_published_at", "-pk",
    )  # fmt: skip


class AnnouncementPage(BasePage):
    """An announcement, often of an event: a meeting, a hearing, a gathering."""

    event_start = models.DateTimeField(_("event starts"), null=True, blank=True)
    event_end = models.DateTimeField(_("event ends"), null=True, blank=True)
    event_place = models.CharField(_("place"), max_length=250, blank=True)
    body = rich_text(_("text"))
    content_panels = BasePage.content_panels + ["event_start", "event_end", "event_place", "body"]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.AnnouncementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def clean(self):
        super().clean()
        if self.event_start and self.event_end and self.event_end < self.event_start:
            raise ValidationError({"event_end": _("The event cannot end before it starts.")})
