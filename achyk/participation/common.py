"""What the needs study, the groups and the events share: languages of their texts, the
published flag with its first-publication stamp, and headcounts by gender and age band."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import BodyTextsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet

#: Languages texts are written in (a body shows those it publishes in).
TEXT_LANGUAGES = ("ky", "ru", "kk")
LANGUAGE_NAMES = {"ky": _("Kyrgyz"), "ru": _("Russian"), "kk": _("Kazakh")}

#: Age bands of headcounts: (code, label). No personal data: only how many.
AGE_BANDS = (
    ("u18", _("under 18")),
    ("18_29", _("18–29")),
    ("30_59", _("30–59")),
    ("60", _("60 and over")),
)
GENDERS = (("women", _("women")), ("men", _("men")))
HEADCOUNT_FIELDS = tuple(f"{gender}_{band}" for gender, _g in GENDERS for band, _b in AGE_BANDS)


def translated_fields(name: str, label, *, max_length: int | None = None, text=False):
    """`<name>_ky`, `<name>_ru`, `<name>_kk` fields (for a model's class body)."""
    fields = {}
    for code in TEXT_LANGUAGES:
        verbose = format_lazy("{} ({})", label, LANGUAGE_NAMES[code])
        if text:
            fields[f"{name}_{code}"] = models.TextField(verbose, blank=True, max_length=max_length)
        else:
            fields[f"{name}_{code}"] = models.CharField(verbose, blank=True, max_length=max_length)
    return fields


class PublishedQuerySet(BodyOwnedQuerySet):
    def published(self):
        """What readers see: published, of a body still on the platform."""
        return self.filter(is_published=True, body__is_active=True)


class Published(BodyTextsMixin, models.Model):
    """A record readers see once staff publish it; `published_at` is stamped on the first
    save that publishes and never moved after."""

    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)


class Headcount(models.Model):
    """People present by gender and age band (no names): eight counts."""

    women_u18 = models.PositiveIntegerField(_("women under 18"), default=0)
    women_18_29 = models.PositiveIntegerField(_("women 18–29"), default=0)
    women_30_59 = models.PositiveIntegerField(_("women 30–59"), default=0)
    women_60 = models.PositiveIntegerField(_("women 60 and over"), default=0)
    men_u18 = models.PositiveIntegerField(_("men under 18"), default=0)
    men_18_29 = models.PositiveIntegerField(_("men 18–29"), default=0)
    men_30_59 = models.PositiveIntegerField(_("men 30–59"), default=0)
    men_60 = models.PositiveIntegerField(_("men 60 and over"), default=0)

    class Meta:
        abstract = True

    @property
    def women(self) -> int:
        return sum(getattr(self, f"women_{band}") or 0 for band, _b in AGE_BANDS)

    @property
    def men(self) -> int:
        return sum(getattr(self, f"men_{band}") or 0 for band, _b in AGE_BANDS)

    @property
    def participants(self) -> int:
        return self.women + self.men

    def by_band(self) -> list[tuple[str, int, int]]:
        """(band label, women, men) for each age band."""
        return [
            (label, getattr(self, f"women_{band}") or 0, getattr(self, f"men_{band}") or 0)
            for band, label in AGE_BANDS
        ]

    def check_headcount(self, ceiling: int | None) -> None:
        """Counts are whole numbers of at least 0 (the fields say so); their total is at
        most `ceiling`, the population of the place, when it is known."""
        if ceiling is not None and self.participants > ceiling:
            raise ValidationError(
                _(
                    "%(total)s people counted, more than the %(population)s who live here: "
                    "check the headcounts."
                )
                % {"total": self.participants, "population": ceiling},
                code="above_population",
            )


def site_body(request):
    """The body whose site is asked for; 404 on the platform's own site."""
    from django.http import Http404

    body = getattr(request, "site_body", None)
    if body is None:
        raise Http404
    return body
