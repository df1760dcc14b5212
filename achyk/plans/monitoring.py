"""Indicators of a plan and its monitoring in two voices.

- `Indicator` with `IndicatorValue`s: baseline, targets per year and actuals per year, split by
  gender where it applies (the shape of IATI's results standard).
- The body's voice: `ProgressUpdate`, a dated report on an action with its evidence; the
  newest one sets the action's status and progress.
- The monitoring group's voice (БМжБ / СМиО): `Assessment` of an action by a member (status
  as seen, rating, comment, evidence), never overwriting the body's; it is the group's flag
  on the action: the body answers it, the group reopens it or closes it; `MonitoringReport` per
  period with its `Recommendation`s, each answered publicly by the body; the group's photos
  of what it saw (`EvidencePhoto`) go with its assessments.

Models of the `plans` app (imported by `models.py`).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from achyk.bodies.models import Body, BodyTextsMixin, BodyTitledMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet

from .choices import YEARS, Status


class Indicator(BodyTitledMixin, ClusterableModel):
    """An indicator of a plan (көрсөткүч / индикатор) with its baseline and source."""

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("plan")
    )
    objective = models.ForeignKey(
        "plans.Objective",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name=_("objective"),
    )
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. %, households, km."))
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    by_gender = models.BooleanField(_("split by gender"), default=False)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), validators=YEARS)
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty while the baseline is not measured yet."),
    )
    source = models.CharField(_("source of the figure"), max_length=300, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title


class IndicatorValue(Orderable):
    """A target or an actual figure of an indicator for one year."""

    class Kind(models.TextChoices):
        TARGET = "target", _("Target")
        ACTUAL = "actual", _("Actual")

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    kind = models.CharField(_("target or actual"), max_length=6, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    women = models.DecimalField(_("women"), max_digits=18, decimal_places=2, null=True, blank=True)
    men = models.DecimalField(_("men"), max_digits=18, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("indicator value")
        verbose_name_plural = _("targets and actuals")


class ProgressUpdate(BodyTextsMixin, models.Model):
    """The body's dated report on an action (its own voice), with evidence."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    action = models.ForeignKey(
        "plans.Action", on_delete=models.CASCADE, related_name="updates", verbose_name=_("action")
    )
    reported_on = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    text_ky = models.TextField(_("what was done (Kyrgyz)"), max_length=5000, blank=True)
    text_ru = models.TextField(_("what was done (Russian)"), max_length=5000, blank=True)
    text_kk = models.TextField(_("what was done (Kazakh)"), max_length=5000, blank=True)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
        verbose_name=_("page"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.reported_on:%d.%m.%Y} · {self.action}"

    def save(self, *args, **kwargs):
        """The newest update of an action sets the action's status and progress."""
        super().save(*args, **kwargs)
        newest = (
            ProgressUpdate.objects.filter(action_id=self.action_id)
            .order_by("-reported_on", "-pk")
            .values("status", "progress")
            .first()
        )
        if newest is not None:
            type(self).action.field.related_model.objects.filter(pk=self.action_id).update(**newest)

    def clean(self):
        if self.action_id and self.body_id and self.action.body_id != self.body_id:
            raise ValidationError({"action": _("Choose an action of this body.")})
        if self.reported_on and self.reported_on > timezone.localdate():
            raise ValidationError({"reported_on": _("The date cannot be in the future.")})

    @property
    def text(self) -> str:
        return self.translated("text")


class MonitoringReport(models.Model):
    """The monitoring group's report on a plan for a period (мониторинг отчету / отчёт
    мониторинга): what it checked, its findings and recommendations. Readers see it once the
    group approves it (`published_at`)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="reports", verbose_name=_("plan")
    )
    period = models.CharField(
        _("period"),
        max_length=40,
        help_text=_("E.g. 2025 or 2025, first half."),
    )
    checked = models.TextField(_("what the group checked"), max_length=10000)
    findings = models.TextField(_("findings"), max_length=20000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("filed by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    published_at = models.DateTimeField(_("approved by the group"), null=True, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")

    def __str__(self) -> str:
        return f"{self.plan.title} · {self.period}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Recommendation(models.Model):
    """A recommendation of a monitoring report and the body's public answer to it."""

    report = models.ForeignKey(
        MonitoringReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    text = models.TextField(_("recommendation"), max_length=3000)
    answer = models.TextField(_("the body's answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["report", "number", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.text[:80]


class Assessment(models.Model):
    """A monitoring group member's own assessment of an action: beside the body's updates,
    never overwriting them. Where its status differs from the body's, readers see both.

    It is also the group's flag on the action (белги / отметка): open until the body's staff
    answer it in public, then the group closes it or reopens it with a note, and the staff
    answer again."""

    class State(models.TextChoices):
        OPEN = "open", _("awaiting the body's answer")
        ANSWERED = "answered", _("answered by the body")
        CLOSED = "closed", _("closed by the group")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("action"),
    )
    report = models.ForeignKey(
        MonitoringReport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        verbose_name=_("report"),
    )
    status = models.CharField(
        _("status as the group saw it"), max_length=12, choices=Status.choices
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (poor) to 5 (very good)."),
    )
    comment = models.TextField(_("comment"), max_length=3000)
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    author_name = models.CharField(_("member"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    answer = models.TextField(_("the body's answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reopen_note = models.TextField(_("why the group reopened it"), max_length=3000, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assessment by the monitoring group")
        verbose_name_plural = _("assessments by the monitoring group")

    def __str__(self) -> str:
        return f"{self.action} · {self.get_status_display()}"


def _photo_name(instance, filename: str) -> str:
    """Photos of the group are kept under a folder of their own, by body, with a fresh name
    (never the member's file name)."""
    return f"{PHOTO_FOLDER}/{instance.body_id}/{uuid.uuid4().hex}.jpg"


#: The media folder of the group's photos (served as pictures: `ui.views.PUBLIC_MEDIA_FOLDERS`).
PHOTO_FOLDER = "plans-photos"


class EvidencePhoto(models.Model):
    """A photo the monitoring group gives as evidence with its assessment of an action.

    Only two copies made here are kept, never the file as uploaded: `image` (at most 1280 px)
    and `small` (at most 480 px, what the pages show, light on a 2G phone). Both are written
    again as JPEG, so nothing else in the file reaches readers, not even the camera's record
    of where the photo was taken. `alt` says what it shows, for readers who cannot see it."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="photos", verbose_name=_("assessment")
    )
    alt = models.CharField(_("what the photo shows"), max_length=300)
    image = models.ImageField(
        _("photo"), upload_to=_photo_name, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    small = models.ImageField(
        _("small copy"),
        upload_to=_photo_name,
        width_field="small_width",
        height_field="small_height",
    )
    small_width = models.PositiveIntegerField(editable=False, default=0)
    small_height = models.PositiveIntegerField(editable=False, default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("photo of the monitoring group")
        verbose_name_plural = _("photos of the monitoring group")

    def __str__(self) -> str:
        return self.alt
