"""The transparency monitor (ачыктык мониторинги / мониторинг открытости): the register of
publication duties, the holiday calendar its clocks count with, and the scores of each body.

The register is versioned: a `Duty` row is one version of a duty, in force from `valid_from`
until `valid_to`. A version already in force is never rewritten; revising a duty closes the
current version and opens a new one (`services.revise_duty`), so a past score can always be
recomputed with the register in force at that time. Scores are recomputed in bulk
(`services.recompute`); monthly snapshots keep the history of every body for trends.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import COUNTRY_LANGUAGES, Body, Country, TranslatedFieldsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet


class Rule(models.TextChoices):
    """How fresh the evidence of a duty must be (ақпараттың өзектілігі / актуальность)."""

    ONCE = "once", _("once: published at least once")
    ON_CHANGE = "on_change", _("on change, confirmed at least yearly")
    EVERY_N_DAYS = "every_n_days", _("every N days")
    QUARTERLY = "quarterly", _("quarterly: within N days after the quarter ends")
    YEARLY_BY_DATE = "yearly_by_date", _("yearly, by a date")
    AFTER_EVENT = "after_event", _("within N days of an event")


class Status(models.TextChoices):
    FRESH = "fresh", _("up to date")
    STALE = "stale", _("out of date")
    PARTIAL = "partial", _("partial")
    MISSING = "missing", _("missing")


class DutyQuerySet(models.QuerySet):
    def in_force(self, at=None):
        """The versions in force at `at` (an aware datetime; now by default)."""
        at = at or timezone.now()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=at), valid_from__lte=at)

    def current(self):
        """The newest version of every duty that has not been retired."""
        return self.filter(valid_to__isnull=True)


class ImmutableVersion(Exception):
    """A duty version in force is history: revise it, never rewrite it."""


class Duty(TranslatedFieldsMixin, models.Model):
    """One version of a publication duty (жарыялоо милдети / обязанность по публикации).

    `code` and `country` name the duty across its versions; the rest is this version's
    content. Empty `body_kinds` means every kind of body; empty `languages` means the
    languages the law requires of the body's country. `evidence_keys` are keys of
    `achyk.bodies.evidence` kinds ("page:news", "doctype:council-resolution", ...): any one
    of them satisfies the duty. The rule's parameters: `rule_days` (N), `rule_month` and
    `rule_day` (the yearly date), `rule_working_days` (count N in working days).
    """

    code = models.SlugField(_("code"), max_length=50)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ky = models.TextField(_("description (Kyrgyz)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    legal_act = models.CharField(_("legal act"), max_length=300, blank=True)
    legal_article = models.CharField(_("article"), max_length=100, blank=True)
    body_kinds = models.CharField(
        _("kinds of body"), max_length=200, blank=True,
        help_text=_("Comma-separated kinds of body the duty applies to; empty: every kind."),
    )  # fmt: skip
    languages = models.CharField(
        _("required languages"), max_length=20, blank=True,
        help_text=_("Comma-separated language codes; empty: the languages the law requires."),
    )  # fmt: skip
    evidence_keys = models.TextField(
        _("evidence"), help_text=_("Comma-separated kinds of evidence; any one satisfies the duty.")
    )
    rule = models.CharField(_("freshness rule"), max_length=20, choices=Rule.choices)
    rule_days = models.PositiveSmallIntegerField(_("N days"), null=True, blank=True)
    rule_month = models.PositiveSmallIntegerField(
        _("month of the yearly date"), null=True, blank=True
    )
    rule_day = models.PositiveSmallIntegerField(_("day of the yearly date"), null=True, blank=True)
    rule_working_days = models.BooleanField(_("count N in working days"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    valid_from = models.DateTimeField(_("in force from"), default=timezone.now)
    valid_to = models.DateTimeField(_("in force until"), null=True, blank=True, editable=False)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DutyQuerySet.as_manager()

    class Meta:
        ordering = ["country", "order", "code", "valid_from"]
        verbose_name = _("publication duty")
        verbose_name_plural = _("register of publication duties")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], condition=Q(valid_to__isnull=True),
                name="transparency_one_current_version_per_duty",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["country", "code", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def save(self, *args, **kwargs):
        """A stored version only ever gets closed (`valid_to`), or edited before it is in
        force."""
        if self.pk and kwargs.get("update_fields") != ["valid_to"]:
            stored = Duty.objects.filter(pk=self.pk).values_list("valid_from", flat=True).first()
            if stored is not None and stored <= timezone.now():
                raise ImmutableVersion(self.code)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        needs_days = {Rule.EVERY_N_DAYS, Rule.QUARTERLY, Rule.AFTER_EVENT}
        if self.rule in needs_days and not self.rule_days:
            errors["rule_days"] = _("This rule needs a number of days.")
        if self.rule == Rule.YEARLY_BY_DATE:
            if not self.rule_month or not 1 <= self.rule_month <= 12:
                errors["rule_month"] = _("Enter a month from 1 to 12.")
            if not self.rule_day or not 1 <= self.rule_day <= 31:
                errors["rule_day"] = _("Enter a day from 1 to 31.")
        unknown_kinds = set(self.body_kind_list) - set(Body.Kind.values)
        if unknown_kinds:
            errors["body_kinds"] = _("Unknown kinds of body: %(kinds)s.") % {
                "kinds": ", ".join(sorted(unknown_kinds))
            }
        codes = [code for code, _name in settings.LANGUAGES]
        if set(self.language_list) - set(codes):
            errors["languages"] = _("Choose languages among: %(codes)s.") % {
                "codes": ", ".join(codes)
            }
        if not self.evidence_key_list:
            errors["evidence_keys"] = _("Name at least one kind of evidence.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        return self.translated("title") or self.code

    @property
    def description(self) -> str:
        return self.translated("description")

    @property
    def body_kind_list(self) -> list[str]:
        return _split(self.body_kinds)

    @property
    def language_list(self) -> list[str]:
        return _split(self.languages)

    @property
    def evidence_key_list(self) -> list[str]:
        return _split(self.evidence_keys)

    def applies_to(self, body: Body) -> bool:
        kinds = self.body_kind_list
        return self.country == body.country and (not kinds or body.kind in kinds)

    def required_languages(self, body: Body) -> list[str]:
        """The languages this duty must be published in by `body`."""
        if self.language_list:
            return self.language_list
        required = COUNTRY_LANGUAGES.get(body.country)
        return list(required[0]) if required else body.language_list

    @property
    def in_force(self) -> bool:
        now = timezone.now()
        return self.valid_from <= now and (self.valid_to is None or self.valid_to > now)


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace("\n", ",").split(",") if part.strip()]


class Confirmation(models.Model):
    """Staff confirm that a page is still current (маалымат актуалдуу / информация
    актуальна): for duties "on change", a confirmation counts like an update."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="duty_confirmations", verbose_name=_("body")
    )
    duty_code = models.SlugField(_("duty"), max_length=50)
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("confirmed by"),
    )  # fmt: skip

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at"]
        verbose_name = _("confirmation that information is current")
        verbose_name_plural = _("confirmations that information is current")
        indexes = [models.Index(fields=["body", "duty_code", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.duty_code} @ {self.body_id}: {self.confirmed_at:%Y-%m-%d}"


class Score(models.Model):
    """The state of one duty of one body in one required language.

    `evidence` holds the newest items (at most `EVIDENCE_KEPT`), each a dict with title,
    url, language, published_at, updated_at, event_date, period and missing, so that every
    figure links down to what was found. `missing` is what the newest incomplete item lacks
    (e.g. "number,signatory"); `due_on` is the date (in the body's time zone) by which the
    next update is due, None when nothing is due.
    """

    EVIDENCE_KEPT = 10

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="transparency_scores", verbose_name=_("body")
    )
    duty = models.ForeignKey(
        Duty, on_delete=models.PROTECT, related_name="scores", verbose_name=_("duty")
    )
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    meets_rule = models.BooleanField(_("meets its freshness rule"), default=False)
    due_on = models.DateField(_("next update due"), null=True, blank=True)
    newest_at = models.DateTimeField(_("newest evidence"), null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    evidence_count = models.PositiveIntegerField(_("items of evidence"), default=0)
    missing = models.CharField(_("incomplete in"), max_length=200, blank=True)
    computed_at = models.DateTimeField(_("computed"))

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["body", "duty__order", "duty__code", "language"]
        verbose_name = _("duty score")
        verbose_name_plural = _("duty scores")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "duty", "language"], name="transparency_one_score_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.duty_id} [{self.language}] @ {self.body_id}: {self.status}"


class FiguresMixin(models.Model):
    """The figures of a body, in percent (0-100): fill, relevance, language completeness
    per language (`languages`: {"ky": "83.33", ...}) and the index combining them."""

    fill = models.DecimalField(_("fill"), max_digits=5, decimal_places=2, default=Decimal(0))
    relevance = models.DecimalField(
        _("relevance"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    index = models.DecimalField(
        _("transparency index"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    languages = models.JSONField(_("language completeness"), default=dict, blank=True)
    duties = models.PositiveSmallIntegerField(_("applicable duties"), default=0)
    #: Rows by status, over every duty and language: {"fresh": 40, "stale": 3, ...}
    counts = models.JSONField(_("scores by status"), default=dict, blank=True)

    class Meta:
        abstract = True

    @property
    def language_scores(self) -> dict[str, Decimal]:
        return {code: Decimal(value) for code, value in self.languages.items()}


class BodySummary(FiguresMixin):
    """The current figures of one body, rewritten by every recompute."""

    body = models.OneToOneField(
        Body, on_delete=models.CASCADE, related_name="transparency_summary",
        verbose_name=_("body"),
    )  # fmt: skip
    as_of = models.DateTimeField(_("as of"))
    computed_at = models.DateTimeField(_("computed"))

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-index", "body__slug"]
        verbose_name = _("transparency summary")
        verbose_name_plural = _("transparency summaries")

    def __str__(self) -> str:
        return f"{self.body_id}: {self.index}"


class Snapshot(FiguresMixin):
    """The figures of one body for one month (`month` is its first day), kept forever.

    The daily run rewrites the current month's snapshot, so a closed month holds the
    figures of its last day; past months are never touched again.
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="transparency_snapshots",
        verbose_name=_("body"),
    )  # fmt: skip
    month = models.DateField(_("month"))
    taken_at = models.DateTimeField(_("taken"))

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["body", "month"]
        verbose_name = _("monthly snapshot")
        verbose_name_plural = _("monthly snapshots")
        constraints = [
            models.UniqueConstraint(fields=["body", "month"], name="transparency_one_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.month:%Y-%m}: {self.index}"


# What people do with the findings (JMEG flags, staff answers, digests): their own module.
from .followup import DigestMark, EvidenceFlag, JmegMember  # noqa: E402, F401
