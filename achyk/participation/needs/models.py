"""The joint needs study (муктаждыктарды биргелешип изилдөө / СИНС): focus groups by category
of residents, the problems they raise, and the priorities ranked from them.

A body studies what its residents need before it plans and budgets: a focus group is held
with each category of residents in each village, on a schedule, with a checklist of
questions; people present are counted by gender and age band (no names); the problems
raised are merged into priorities, ranked by the votes or points each group gave (typed in
from paper tallies, every change kept in `TallyChange`); a joint action plan answers them.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from achyk.bodies.models import BodyTextsMixin, BodyTitledMixin, TranslatedFieldsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet

from ..common import Headcount, Published, translated_fields

#: The platform's code list of categories of residents; a body adds its own (`OwnCategory`).
CATEGORIES = (
    ("women", _("Women")),
    ("youth", _("Youth")),
    ("elderly", _("The elderly")),
    ("low_income", _("Low-income families")),
    ("disability", _("Persons with disabilities")),
    ("minorities", _("Ethnic minorities")),
    ("single_parent", _("Single-parent families")),
    ("unemployed", _("The unemployed")),
    ("farmers", _("Farmers and herders")),
    ("mixed", _("All residents")),
)
SECTORS = (
    ("water", _("Drinking water and irrigation")),
    ("roads", _("Roads and streets")),
    ("education", _("Schools and kindergartens")),
    ("health", _("Health")),
    ("energy", _("Electricity, heating and lighting")),
    ("jobs", _("Jobs and income")),
    ("social", _("Social support")),
    ("environment", _("Waste and environment")),
    ("culture", _("Culture and sport")),
    ("other", _("Other")),
)


class Settlement(TranslatedFieldsMixin, models.Model):
    """A village of the body (айыл / село), with its population: headcounts never exceed it."""

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="settlements",
        verbose_name=_("body"),
    )
    locals().update(translated_fields("name", _("name"), max_length=200))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name_ky", "pk"]
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.translated("name")

    def clean(self):
        if not (self.name_ky or self.name_ru or self.name_kk):
            raise ValidationError(_("Name the settlement in at least one language."))


class _OwnCategory(TranslatedFieldsMixin, models.Model):
    """A category a body adds beside the platform's list: its editors manage them, and only
    its own rows take them."""

    locals().update(translated_fields("name", _("name"), max_length=120))

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.translated("name")

    def clean(self):
        if not (self.name_ky or self.name_ru or self.name_kk):
            raise ValidationError(_("Name the category in at least one language."))


class OwnCategory(_OwnCategory):
    """A category of residents a body adds to the platform's list (e.g. "returned migrants")."""

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="own_categories",
        verbose_name=_("body"),
    )

    class Meta(_OwnCategory.Meta):
        verbose_name = _("category of residents")
        verbose_name_plural = _("categories of residents")

    @property
    def code(self) -> str:
        return f"own-{self.pk}"


class ProblemCategory(_OwnCategory):
    """A category of problems a body adds beside the platform's sectors (e.g. "pastures" or
    "the bridge over the canal"): its editors manage them, and only its problems take them."""

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="problem_categories",
        verbose_name=_("body"),
    )

    class Meta(_OwnCategory.Meta):
        verbose_name = _("category of problems")
        verbose_name_plural = _("own categories of problems")


def category_label(code: str, own: dict[str, str] | None = None) -> str:
    """The label of a category code: the platform's, or the body's own (`own` by code)."""
    platform = dict(CATEGORIES)
    if code in platform:
        return str(platform[code])
    return (own or {}).get(code, code)


def category_choices(body) -> list[tuple[str, str]]:
    """The platform's categories, then the body's own."""
    own = [(c.code, str(c)) for c in OwnCategory.objects.filter(body=body)] if body else []
    return [(code, str(label)) for code, label in CATEGORIES] + own


class Stage(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    PRIORITIES_SET = "priorities_set", _("Priorities set")
    PLAN_ADOPTED = "plan_adopted", _("Joint action plan adopted")


class Method(models.TextChoices):
    VOTES = "votes", _("One vote per participant")
    POINTS = "points", _("Points given by each group")


class NeedsStudy(Published):
    """A joint needs study of a body (СИНС): period, villages, method, who led it, its stage."""

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="needs_studies",
        verbose_name=_("body"),
    )
    locals().update(translated_fields("title", _("title"), max_length=200))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    settlements = models.ManyToManyField(
        Settlement, blank=True, related_name="studies", verbose_name=_("settlements covered")
    )
    locals().update(translated_fields("method", _("method"), max_length=3000, text=True))
    led_by = models.CharField(
        _("led by"),
        max_length=300,
        blank=True,
        help_text=_("The organisation or people who led the study (no private contacts)."),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.PLANNED
    )
    ranking = models.CharField(
        _("how priorities are ranked"),
        max_length=10,
        choices=Method.choices,
        default=Method.POINTS,
    )
    locals().update(translated_fields("weighting", _("weighting"), max_length=2000, text=True))
    adopted_by = models.ForeignKey(
        "participation.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopted_studies",
        verbose_name=_("plan adopted by the gathering"),
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("needs study")
        verbose_name_plural = _("needs studies")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.translated("title")

    @property
    def method(self) -> str:
        return self.translated("method")

    @property
    def weighting(self) -> str:
        return self.translated("weighting")

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The study cannot end before it starts.")})
        if not (self.title_ky or self.title_ru or self.title_kk):
            raise ValidationError(_("Give the study a title in at least one language."))


class Checklist(TranslatedFieldsMixin, models.Model):
    """The questions a facilitator asks (чек-лист): one question a line. Versioned: a version
    used by a focus group is never changed, a new version is saved instead."""

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="checklists",
        verbose_name=_("body"),
    )
    locals().update(translated_fields("title", _("title"), max_length=200))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("new version of"),
    )
    locals().update(
        translated_fields("questions", _("questions, one a line"), max_length=8000, text=True)
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["title_ky", "-version", "pk"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self) -> str:
        return f"{self.translated('title')} · v{self.version}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.previous_id:
            self.version = self.previous.version + 1
        elif self.pk and FocusGroup.objects.filter(checklist_id=self.pk).exists():
            stored = Checklist.objects.filter(pk=self.pk).first()
            fields = [f"questions_{c}" for c in ("ky", "ru", "kk")]
            if stored and any(getattr(stored, n) != getattr(self, n) for n in fields):
                self.version = stored.version + 1  # groups asked the old questions keep them
        super().save(*args, **kwargs)

    def questions(self, language: str | None = None) -> list[str]:
        return [
            line.strip()
            for line in self.translated("questions", language).splitlines()
            if line.strip()
        ]

    def clean(self):
        if not any(getattr(self, f"questions_{c}") for c in ("ky", "ru", "kk")):
            raise ValidationError(_("Write at least one question."))

    def snapshot(self) -> dict:
        """The questions of this version in every language, as a focus group keeps them."""
        return {
            "checklist": self.pk,
            "version": self.version,
            **{c: self.questions(c) for c in ("ky", "ru", "kk")},
        }


class FocusGroup(Headcount, BodyTextsMixin, ClusterableModel):
    """A focus group of one category of residents in one settlement (фокус-топ / фокус-группа):
    its schedule, facilitator, checklist, headcounts and the problems it raised."""

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="focus_groups",
        verbose_name=_("body"),
    )
    study = models.ForeignKey(
        NeedsStudy,
        on_delete=models.CASCADE,
        related_name="focus_groups",
        verbose_name=_("needs study"),
    )
    category = models.CharField(_("category of residents"), max_length=40)
    settlement = models.ForeignKey(
        Settlement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("settlement"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    locals().update(translated_fields("place", _("place"), max_length=300))
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    checklist = models.ForeignKey(
        Checklist,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checklist used"),
    )
    questions_asked = models.JSONField(
        _("questions asked"), default=dict, blank=True, editable=False
    )
    held = models.BooleanField(
        _("held"), default=False, help_text=_("Tick once the group met and its results are typed.")
    )
    locals().update(translated_fields("notes", _("notes"), max_length=5000, text=True))
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("focus group")
        verbose_name_plural = _("focus groups")

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%d.%m.%Y") if self.starts_at else ""
        return f"{category_label(self.category)} · {self.settlement or ''} · {when}"

    def save(self, *args, **kwargs):
        if self.checklist_id is None:
            self.questions_asked = {}
        elif (self.questions_asked or {}).get("checklist") != self.checklist_id:
            self.questions_asked = self.checklist.snapshot()
        super().save(*args, **kwargs)

    @property
    def place(self) -> str:
        return self.translated("place")

    @property
    def notes(self) -> str:
        return self.translated("notes")

    def asked(self, language: str | None = None) -> list[str]:
        """The questions this group was asked (kept when the checklist is used, so a later
        version of the checklist never changes them), in `language` or the nearest one."""
        asked = self.questions_asked or {}
        order = [language or translation.get_language(), self.default_language, "ru", "ky", "kk"]
        return next((asked[code] for code in order if asked.get(code)), [])

    def population_ceiling(self) -> int | None:
        if self.settlement_id and self.settlement.population is not None:
            return self.settlement.population
        return self.body.population if self.body_id else None

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting cannot end before it starts.")
        if self.study_id and self.body_id and self.study.body_id != self.body_id:
            errors["study"] = _("Choose a study of this body.")
        if errors:
            raise ValidationError(errors)
        self.check_headcount(self.population_ceiling())


class Priority(BodyTitledMixin, models.Model):
    """A priority of the community: problems merged across groups, ranked by their tallies.

    `answered_by` names the joint action plan's step that answers it, as a reference
    (`bodies.references`, "plans.step:<pk>"): participation never imports the plans app.
    """

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("body"),
    )
    study = models.ForeignKey(
        NeedsStudy,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("needs study"),
    )
    locals().update(translated_fields("title", _("priority"), max_length=300))
    sector = models.CharField(_("sector"), max_length=20, choices=SECTORS, default="other")
    answered_by = models.CharField(
        _("plan step that answers it"),
        max_length=60,
        blank=True,
        help_text=_("The step of the joint action plan that answers this priority."),
    )

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return self.translated("title")

    @property
    def reference(self) -> str:
        """How other apps name this priority (`bodies.references`)."""
        return f"participation.priority:{self.pk}"

    def clean(self):
        if not (self.title_ky or self.title_ru or self.title_kk):
            raise ValidationError(_("Name the priority in at least one language."))
        if self.study_id and self.body_id and self.study.body_id != self.body_id:
            raise ValidationError({"study": _("Choose a study of this body.")})


class Problem(TranslatedFieldsMixin, models.Model):
    """A problem raised in a focus group: its sector, settlement, who raised it, and the
    priority it was merged into."""

    focus_group = ParentalKey(FocusGroup, on_delete=models.CASCADE, related_name="problems")
    locals().update(translated_fields("text", _("problem"), max_length=1000))
    sector = models.CharField(
        _("sector"), max_length=20, choices=SECTORS, default="other", blank=True
    )
    settlement = models.ForeignKey(
        Settlement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("settlement"),
    )
    own_category = models.ForeignKey(
        ProblemCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
        verbose_name=_("the body's own category"),
        help_text=_("Beside the sector: one of the categories of problems the body added."),
    )
    raised_by = models.CharField(
        _("raised by (category)"),
        max_length=40,
        blank=True,
        help_text=_("Leave empty for the group's own category."),
    )
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
        verbose_name=_("merged into priority"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self) -> str:
        return self.translated("text")

    @property
    def text(self) -> str:
        return self.translated("text")

    @property
    def default_language(self) -> str:
        return self.focus_group.default_language

    @property
    def category(self) -> str:
        return self.raised_by or self.focus_group.category

    def clean(self):
        self.sector = self.sector or "other"
        group = self.focus_group if self.focus_group_id else None
        if self.own_category_id and group and self.own_category.body_id != group.body_id:
            raise ValidationError({"own_category": _("Choose a category of this body.")})

    # `raised_by` offers the platform's categories and the body's own (`FocusGroupForm`).
    panels = [
        *[FieldPanel(f"text_{code}") for code in ("ky", "ru", "kk")],
        FieldPanel("sector"),
        FieldPanel("own_category"),
        FieldPanel("settlement"),
        FieldPanel("raised_by", widget=forms.Select(choices=[("", "—"), *CATEGORIES])),
        FieldPanel("priority"),
    ]


class Tally(models.Model):
    """The votes or points one focus group gave one priority (typed in from paper).

    `version` rises with every change: a change made from a stale form (someone else saved
    in between) is refused (`services.set_tally`), never silently overwritten."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="tallies")
    focus_group = models.ForeignKey(FocusGroup, on_delete=models.CASCADE, related_name="tallies")
    points = models.PositiveIntegerField(_("votes or points"), default=0)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["priority", "focus_group"], name="one_tally_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.priority} · {self.focus_group}: {self.points}"


class TallyChange(models.Model):
    """The append-only log of tallies: who changed which, when, from what to what."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="changes")
    focus_group = models.ForeignKey(FocusGroup, on_delete=models.CASCADE, related_name="+")
    before = models.PositiveIntegerField(_("before"))
    after = models.PositiveIntegerField(_("after"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("tally change")
        verbose_name_plural = _("tally changes")

    def __str__(self) -> str:
        return f"{self.priority}: {self.before} → {self.after}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("the tally log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("the tally log is append-only")
