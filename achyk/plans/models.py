"""Development programmes and joint action plans of bodies (СЭӨП / ПСЭР, БАП / ПСД).

A `Plan` belongs to one body: its kind, period (years), state, the act that approved it and
the agreement with residents. Its working group (`GroupMember`, `GroupTask`) and situation
analysis (`SectorAnalysis`) are rows of the plan's own form. The tree is `Goal` → `Objective`
→ `Action` (an action may be a step of another action of the same objective: `parent`, never
a cycle); each action's costs are `CostLine`s by funding source and year, planned and actual.
Indicators, the body's progress updates and the monitoring group's assessments and reports
are in `monitoring.py`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from achyk.bodies.models import Body, BodyTextsMixin, BodyTitledMixin, TranslatedFieldsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet

#: The languages a plan's texts are written in (the body's languages among them are shown).
TEXT_LANGUAGES = ("ky", "ru", "kk")
MONEY = {"max_digits": 18, "decimal_places": 2}


from .choices import YEARS, Status  # noqa: E402  (kept importable from models)


class Kind(models.TextChoices):
    SEDP = "sedp", _("Socio-economic development programme")
    JAP = "jap", _("Joint action plan")
    OTHER = "other", _("Other plan")


class State(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    DISCUSSION = "discussion", _("In public discussion")
    APPROVED = "approved", _("Approved")
    IN_FORCE = "in_force", _("In force")
    COMPLETED = "completed", _("Completed")


class Source(models.TextChoices):
    """Where an action's money comes from (the financial model's rows)."""

    LOCAL = "local", _("Local budget")
    REPUBLICAN = "republican", _("Republican budget")
    DONOR = "donor", _("Donors")
    COMMUNITY = "community", _("Community contribution")
    PRIVATE = "private", _("Private funds")


class Gender(models.TextChoices):
    WOMAN = "f", _("Woman")
    MAN = "m", _("Man")


class PlanQuerySet(BodyOwnedQuerySet):
    def published(self):
        """What readers see: published plans of a body still on the platform."""
        return self.filter(is_published=True, body__is_active=True)


class Plan(BodyTextsMixin, ClusterableModel):
    """СЭӨП / ПСЭР or БАП / ПСД: a development programme or joint action plan of a body."""

    class Consultation(models.TextChoices):
        HEARING = "hearing", _("Public hearing")
        GATHERING = "gathering", _("Village gathering")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="plans", verbose_name=_("body")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SEDP)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)
    summary_ky = models.TextField(_("summary (Kyrgyz)"), max_length=5000, blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), max_length=5000, blank=True)
    summary_kk = models.TextField(_("summary (Kazakh)"), max_length=5000, blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEARS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEARS)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFTING
    )
    approved_by = models.ForeignKey(
        "documents.Act",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approving act"),
        help_text=_("The council resolution that approved the plan, from the registry of acts."),
    )
    approved_on = models.DateField(_("date of approval"), null=True, blank=True)
    group_act = models.ForeignKey(
        "documents.Act",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("act appointing the working group"),
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("full text (document)"),
    )
    consultation = models.CharField(
        _("agreement with residents"), max_length=10, blank=True, choices=Consultation.choices
    )
    consultation_on = models.DateField(_("date of the agreement"), null=True, blank=True)
    consultation_minutes = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("minutes (document)"),
    )
    attended_women = models.PositiveIntegerField(_("women present"), null=True, blank=True)
    attended_men = models.PositiveIntegerField(_("men present"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Residents see the plan once published.")
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["body", "start_year", "pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.title} {self.period}"

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The last year cannot come before the first.")
        elif self.start_year and self.end_year and self.end_year - self.start_year > 15:
            errors["end_year"] = _("A plan covers at most 16 years.")
        if not any(getattr(self, f"title_{code}") for code in TEXT_LANGUAGES):
            errors["title_ky"] = _("Give the plan a title in at least one language.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        return self.translated("title") or self.get_kind_display()

    @property
    def summary(self) -> str:
        return self.translated("summary")

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, 1, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.end_year, 12, 31)

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class SectorAnalysis(TranslatedFieldsMixin, Orderable):
    """The situation analysis of one sector (water, roads, schools...): text and figures."""

    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="analysis")
    sector_ky = models.CharField(_("sector (Kyrgyz)"), max_length=200, blank=True)
    sector_ru = models.CharField(_("sector (Russian)"), max_length=200, blank=True)
    text_ky = models.TextField(_("analysis (Kyrgyz)"), max_length=10000, blank=True)
    text_ru = models.TextField(_("analysis (Russian)"), max_length=10000, blank=True)
    figures = models.TextField(
        _("figures"),
        max_length=3000,
        blank=True,
        help_text=_("One figure a line, e.g. “Households with tap water: 62%”."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("sector analysis")
        verbose_name_plural = _("situation analysis")

    @property
    def sector(self) -> str:
        return self.translated("sector")

    @property
    def text(self) -> str:
        return self.translated("text")

    @property
    def figure_lines(self) -> list[str]:
        return [line.strip() for line in self.figures.splitlines() if line.strip()]


class GroupMember(Orderable):
    """A member of the working group that drafts the plan (иштөөчү топ / рабочая группа)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    class Side(models.TextChoices):
        OKMOTU = "okmotu", _("Ayil okmotu")
        KENESH = "kenesh", _("Ayil kenesh")
        JMEG = "jmeg", _("Monitoring group")
        INITIATIVE = "initiative", _("Initiative group")
        CIVIL = "civil", _("Civil society")
        BUSINESS = "business", _("Business")

    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    side = models.CharField(_("comes from"), max_length=12, choices=Side.choices)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)

    class Meta(Orderable.Meta):
        verbose_name = _("working group member")
        verbose_name_plural = _("working group")

    def __str__(self) -> str:
        return self.name


class GroupTask(Orderable):
    """A task of the working group's own work plan: what, who, by when."""

    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="group_tasks")
    task = models.CharField(_("task"), max_length=300)
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("working group task")
        verbose_name_plural = _("working group's work plan")

    def __str__(self) -> str:
        return self.task


class _Step(BodyTitledMixin, models.Model):
    """What a goal and an objective share: the body, a number and a title per language."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class Goal(_Step):
    """A goal of a plan (максат / цель)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )

    class Meta:
        ordering = ["plan", "number", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self):
        if self.plan_id and self.body_id and self.plan.body_id != self.body_id:
            raise ValidationError({"plan": _("Choose a plan of this body.")})


class Objective(_Step):
    """An objective of a goal (милдет / задача)."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("goal")
    )

    class Meta:
        ordering = ["goal", "number", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.goal.number}.{self.number}. {self.title}"

    def clean(self):
        if self.goal_id and self.body_id and self.goal.body_id != self.body_id:
            raise ValidationError({"goal": _("Choose a goal of this body.")})


class ActionQuerySet(BodyOwnedQuerySet):
    def late(self, today: datetime.date):
        """Actions past their end date and not done (nor cancelled)."""
        closed = (Status.DONE, Status.CANCELLED)
        return self.filter(ends_on__lt=today).exclude(status__in=closed)


class Action(BodyTitledMixin, ClusterableModel):
    """An action of a plan (иш-чара / мероприятие): dates, who, where, costs, status."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions", editable=False)
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="actions", verbose_name=_("objective")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps",
        verbose_name=_("step of"),
        help_text=_("If this is a step of a larger action."),
    )
    code = models.CharField(_("number"), max_length=20, blank=True, help_text=_("E.g. 1.2.3"))
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("deadline"))
    responsible = models.CharField(_("responsible person or unit"), max_length=200, blank=True)
    settlement = models.CharField(_("village"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much the action counts in its objective's progress."),
    )
    budget_code = models.CharField(
        _("budget classification code"),
        max_length=40,
        blank=True,
        help_text=_("The budget classification code that funds it, if any."),
    )
    budget_line = models.CharField(
        _("budget line"),
        max_length=60,
        blank=True,
        help_text=_("The line of the body's budget that funds it: its code in a year's budget."),
    )
    act = models.ForeignKey(
        "documents.Act",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("act"),
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
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "objective__goal__number", "objective__number", "code", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def save(self, *args, **kwargs):
        if self.objective_id:
            self.plan_id = Goal.objects.filter(objectives=self.objective_id).values_list(
                "plan_id", flat=True
            )[0]
        super().save(*args, **kwargs)

    def clean(self):
        from .validation import action_errors

        errors = action_errors(self)
        if errors:
            raise ValidationError(errors)

    def is_late(self, today: datetime.date) -> bool:
        return self.ends_on < today and self.status not in (Status.DONE, Status.CANCELLED)


class CostLine(Orderable):
    """What an action costs from one funding source in one year, planned and actual."""

    action = ParentalKey(Action, on_delete=models.CASCADE, related_name="costs")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    planned = models.DecimalField(_("planned"), **MONEY, validators=[MinValueValidator(0)])
    actual = models.DecimalField(
        _("actual"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("cost")
        verbose_name_plural = _("costs by source")


# Indicators and monitoring: their own module, the same app.
from .monitoring import (  # noqa: E402, F401
    Assessment,
    EvidencePhoto,
    Indicator,
    IndicatorValue,
    MonitoringReport,
    ProgressUpdate,
    Recommendation,
)
