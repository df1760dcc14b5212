"""The platform's one calendar of working days (жумушчу күндөрдүн календары / календарь
рабочих дней) for Kyrgyzstan and Kazakhstan.

Every legal clock of the platform counts with it: the transparency monitor's freshness rules
and the terms of answers to requests for information. Seeded from the maintained `holidays`
library (`services.seed_from_library`); platform admins correct it for days moved by decree.
A change sends `signals.calendar_changed`, so running deadlines are computed again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Country, TranslatedFieldsMixin


class Day(TranslatedFieldsMixin, models.Model):
    """A day of a country's calendar that is not an ordinary one (майрам / праздник).

    `holiday` and `day_off` (a working day moved to rest) are not working days; `working`
    is a Saturday or Sunday worked instead of a moved day. Moved days change every year by
    government decree, so they are data, edited by platform admins.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday")
        DAY_OFF = "day_off", _("day off moved from another day")
        WORKING = "working", _("weekend day worked instead")

    class Source(models.TextChoices):
        LIBRARY = "library", _("holidays library")
        ADMIN = "admin", _("platform admin")

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ADMIN, editable=False
    )

    class Meta:
        ordering = ["country", "date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")
        constraints = [
            models.UniqueConstraint(fields=["country", "date"], name="workdays_one_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"

    @property
    def name(self) -> str:
        return self.translated("name")
