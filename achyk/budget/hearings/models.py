"""Budget hearings (бюджеттик угуулар / бюджетные слушания): the announcement, the minutes and
the residents' proposals, each with the body's decision on it.

A body announces a hearing on the draft of next year's budget (date, place, the draft to
discuss), records the minutes after it, and answers every proposal received: accepted, partly
accepted or rejected, and why. Residents read it all at /<slug>/<lang>/budget/hearings/.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from achyk.bodies.models import BodyTextsMixin

from ..publishing import PublishedQuerySet, PublishedRecordMixin


class Hearing(PublishedRecordMixin, BodyTextsMixin, ClusterableModel):
    """A public hearing on a body's budget of one year."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="budget_hearings",
        verbose_name=_("body"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(
        _("budget year"), help_text=_("The year of the budget discussed.")
    )
    starts_at = models.DateTimeField(_("date and time"))
    place_ky = models.CharField(_("place (Kyrgyz)"), max_length=300, blank=True)
    place_ru = models.CharField(_("place (Russian)"), max_length=300, blank=True)
    place_kk = models.CharField(_("place (Kazakh)"), max_length=300, blank=True)
    announcement_ky = models.TextField(_("announcement (Kyrgyz)"), blank=True, max_length=3000)
    announcement_ru = models.TextField(_("announcement (Russian)"), blank=True, max_length=3000)
    announcement_kk = models.TextField(_("announcement (Kazakh)"), blank=True, max_length=3000)
    draft_budget = models.ForeignKey(
        "budget.Budget", null=True, blank=True, on_delete=models.SET_NULL, related_name="hearings",
        verbose_name=_("budget discussed"),
        help_text=_("The budget whose draft figures residents discuss, as published on the site."),
    )  # fmt: skip
    draft_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("draft budget (document)"),
        help_text=_("The draft budget residents discuss, if it is published as a document."),
    )  # fmt: skip
    minutes_ky = models.TextField(_("minutes (Kyrgyz)"), blank=True, max_length=20000)
    minutes_ru = models.TextField(_("minutes (Russian)"), blank=True, max_length=20000)
    minutes_kk = models.TextField(_("minutes (Kazakh)"), blank=True, max_length=20000)
    minutes_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("minutes (document)"),
    )  # fmt: skip
    attendance = models.PositiveIntegerField(_("residents present"), null=True, blank=True)
    is_published = models.BooleanField(
        _("announcement published"), default=False,
        help_text=_("Residents see the hearing, its minutes and proposals once published."),
    )  # fmt: skip
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("budget hearing")
        verbose_name_plural = _("budget hearings")

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%d.%m.%Y") if self.starts_at else ""
        return f"{self.year} · {when}"

    @property
    def place(self) -> str:
        return self.translated("place")

    @property
    def announcement(self) -> str:
        return self.translated("announcement")

    @property
    def minutes(self) -> str:
        return self.translated("minutes")

    @property
    def has_minutes(self) -> bool:
        texts = (self.minutes_ky, self.minutes_ru, self.minutes_kk)
        return any(texts) or self.minutes_document_id is not None


class Decision(models.TextChoices):
    PENDING = "pending", _("Under consideration")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")


class Proposal(Orderable):
    """A proposal received at or before a hearing, and the body's decision on it."""

    hearing = ParentalKey(Hearing, on_delete=models.CASCADE, related_name="proposals")
    author = models.CharField(
        _("author"), max_length=200, blank=True,
        help_text=_("The name to show publicly, only if the author agreed; leave empty otherwise."),
    )  # fmt: skip
    text = models.TextField(_("proposal"), max_length=5000)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    reason = models.TextField(
        _("reason"), blank=True, max_length=3000,
        help_text=_("Why the proposal was accepted in part or rejected, or how it is carried out."),
    )  # fmt: skip

    class Meta(Orderable.Meta):
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self):
        if self.decision in (Decision.PARTLY, Decision.REJECTED) and not self.reason.strip():
            raise ValidationError(
                {"reason": _("Say why the proposal was rejected or accepted only in part.")}
            )
