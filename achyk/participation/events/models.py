"""Public events of a body that are not the budget's hearings (those stay in the budget app
and reach the calendar through `bodies.calendar`): gatherings (элдик чогулуш / сход),
council sessions, trainings, reporting meetings and other public meetings. Each has an
agenda, place and time, the documents for it, and afterwards minutes and attendance."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..common import Headcount, Published, translated_fields


class Kind(models.TextChoices):
    GATHERING = "gathering", _("Village gathering")
    COUNCIL = "council", _("Council session")
    TRAINING = "training", _("Training")
    REPORT = "report", _("Reporting meeting")
    MEETING = "meeting", _("Public meeting")


class Event(Headcount, Published):
    """A public event of a body, announced before and reported after."""

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="public_events",
        verbose_name=_("body"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    locals().update(translated_fields("title", _("title"), max_length=200))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    locals().update(translated_fields("place", _("place"), max_length=300))
    locals().update(translated_fields("agenda", _("agenda"), max_length=5000, text=True))
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document for the event"),
    )
    locals().update(translated_fields("minutes", _("minutes"), max_length=20000, text=True))
    minutes_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("minutes (document)"),
    )

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("public event")
        verbose_name_plural = _("public events")

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%d.%m.%Y") if self.starts_at else ""
        return f"{self.title} · {when}"

    @property
    def title(self) -> str:
        return self.translated("title")

    @property
    def place(self) -> str:
        return self.translated("place")

    @property
    def agenda(self) -> str:
        return self.translated("agenda")

    @property
    def minutes(self) -> str:
        return self.translated("minutes")

    @property
    def has_minutes(self) -> bool:
        texts = (self.minutes_ky, self.minutes_ru, self.minutes_kk)
        return any(texts) or self.minutes_document_id is not None

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
        if not (self.title_ky or self.title_ru or self.title_kk):
            raise ValidationError(_("Give the event a title in at least one language."))
        self.check_headcount(self.body.population if self.body_id else None)
