"""Budget data of bodies (бюджет / бюджет): the lines of each body's budget for a year.

A `Budget` is one body's budget for one year; its `Line`s carry a direction (revenue,
expenditure), codes of the national budget classification (`Classification`, reference data),
a stage (draft, approved, amended, executed), an amount in the body's currency and, for
execution, a quarter. Transfers from the republican budget and extra-budgetary investments
(donor and project money) are lines of their own `kind`. `Stage` rows say which stages a
budget has published and when; `ImportRecord` is the history of the imports that wrote them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body, Country, TranslatedFieldsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet

CURRENCIES = {Country.KG: "KGS", Country.KZ: "KZT"}


class Direction(models.TextChoices):
    REVENUE = "revenue", _("Revenue")
    EXPENDITURE = "expenditure", _("Expenditure")


class StageName(models.TextChoices):
    """The phase of a budget figure, as in the Fiscal Data Package (`phase`)."""

    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    AMENDED = "amended", _("Amended")
    EXECUTED = "executed", _("Executed")


class LineKind(models.TextChoices):
    OWN = "own", _("Local budget")
    TRANSFER = "transfer", _("Transfer from the republican budget")
    INVESTMENT = "investment", _("Extra-budgetary investment")


class Currency(models.TextChoices):
    KGS = "KGS", _("Kyrgyz som")
    KZT = "KZT", _("Kazakh tenge")


class Classification(TranslatedFieldsMixin, models.Model):
    """A code of the national budget classification (бюджеттик классификация / бюджетная
    классификация): reference data kept by platform admins, one tree per country and kind.

    Economic codes (1… revenue, 2… expenses) say what money is; functional codes (7…) say
    what it is spent on. `group` is the top of the code's tree (itself for a top code), kept
    on save so that totals by category are one GROUP BY in the database.
    """

    class Kind(models.TextChoices):
        ECONOMIC = "economic", _("Economic classification")
        FUNCTIONAL = "functional", _("Functional classification")

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    code = models.CharField(
        _("code"), max_length=20,
        validators=[RegexValidator(r"^\d{1,20}$", _("The code is made of digits only."))],
    )  # fmt: skip
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("part of"),
    )  # fmt: skip
    group = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members",
        editable=False,
    )  # fmt: skip
    direction = models.CharField(
        _("direction"), max_length=12, choices=Direction.choices, blank=True,
        help_text=_("For economic codes: whether the code is revenue or expenditure."),
    )  # fmt: skip
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["country", "kind", "code"]
        verbose_name = _("budget classification code")
        verbose_name_plural = _("budget classification")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "code"], name="budget_classification_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        top, seen = self, set()
        while top.parent_id and top.parent_id not in seen:
            seen.add(top.parent_id)
            top = top.parent
        super().save(*args, **kwargs)
        group_id = top.pk
        if self.group_id != group_id:
            self.group_id = group_id
            type(self).objects.filter(pk=self.pk).update(group_id=group_id)

    @property
    def name(self) -> str:
        return self.translated("name") or self.code


class BudgetQuerySet(BodyOwnedQuerySet):
    pass


class Budget(models.Model):
    """One body's budget for one year (жергиликтүү бюджет / местный бюджет)."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("body")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    approved_by = models.ForeignKey(
        "documents.Act", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="approved_budgets", verbose_name=_("approving resolution"),
        help_text=_("The council resolution that approved the budget, from the registry."),
    )  # fmt: skip
    approved_on = models.DateField(_("date of approval"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="budget_one_per_body_year")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"

    @property
    def status(self) -> str:
        """The furthest stage published: executed, amended, approved or draft ("" for none)."""
        present = set(self.stages.values_list("stage", flat=True))
        for stage in reversed(StageName.values):
            if stage in present:
                return stage
        return ""


class StageQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(budget__in=Budget.objects.for_user(user))


class Stage(models.Model):
    """A stage a budget has published: when first and last, and what it covers.

    Execution is published by quarter: one row per quarter reported (the quarter is the
    latest the figures cover, "2026-Q3"); other stages have one row with no quarter.
    """

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=10, choices=StageName.choices)
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )  # fmt: skip
    published_at = models.DateTimeField(_("published"))
    updated_at = models.DateTimeField(_("last updated"))

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["budget", "stage", "quarter"]
        verbose_name = _("published stage")
        verbose_name_plural = _("published stages")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "stage", "quarter"], name="budget_stage_unique_quarter"
            ),
            models.UniqueConstraint(
                fields=["budget", "stage"], condition=Q(quarter=None), name="budget_stage_unique"
            ),
            models.CheckConstraint(
                condition=Q(stage=StageName.EXECUTED) | Q(quarter=None),
                name="budget_stage_quarter_only_executed",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.budget} {self.stage} {self.period}"

    @property
    def period(self) -> str:
        year = self.budget.year
        return f"{year}-Q{self.quarter}" if self.quarter else str(year)


class LineQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(budget__in=Budget.objects.for_user(user))


class Line(models.Model):
    """One figure of a budget (бюджеттин сабы / строка бюджета): an amount of one direction,
    stage and classification; for execution, of one quarter (figures of that quarter alone,
    not cumulative)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    stage = models.CharField(_("stage"), max_length=10, choices=StageName.choices)
    direction = models.CharField(_("direction"), max_length=12, choices=Direction.choices)
    kind = models.CharField(
        _("kind"), max_length=10, choices=LineKind.choices, default=LineKind.OWN
    )
    economic = models.ForeignKey(
        Classification, on_delete=models.PROTECT, related_name="economic_lines",
        verbose_name=_("economic code"),
    )  # fmt: skip
    functional = models.ForeignKey(
        Classification, null=True, blank=True, on_delete=models.PROTECT,
        related_name="functional_lines", verbose_name=_("functional code"),
    )  # fmt: skip
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )  # fmt: skip
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    description = models.CharField(_("description"), max_length=300, blank=True)
    source = models.CharField(
        _("source of funds"), max_length=200, blank=True,
        help_text=_("For investments: the donor or project that gives the money."),
    )  # fmt: skip

    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["budget", "stage", "direction", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        indexes = [models.Index(fields=["budget", "stage", "direction"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage=StageName.EXECUTED, quarter__gte=1, quarter__lte=4)
                | (~Q(stage=StageName.EXECUTED) & Q(quarter=None)),
                name="budget_line_quarter_for_execution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage} {self.direction} {self.amount}"


class ImportRecordQuerySet(BodyOwnedQuerySet):
    pass


class ImportRecord(models.Model):
    """One import of a stage from a spreadsheet (импорттун тарыхы / история импорта)."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="budget_imports", verbose_name=_("body")
    )
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="imports", verbose_name=_("budget")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=StageName.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        related_name="budget_imports", verbose_name=_("imported by"),
    )  # fmt: skip
    at = models.DateTimeField(_("imported at"), auto_now_add=True)
    file_name = models.CharField(_("file"), max_length=255)
    rows = models.PositiveIntegerField(_("lines imported"))
    replaced = models.PositiveIntegerField(_("lines replaced"))
    revenue = models.DecimalField(_("revenue"), max_digits=18, decimal_places=2)
    expenditure = models.DecimalField(_("expenditure"), max_digits=18, decimal_places=2)

    objects = ImportRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("budget import")
        verbose_name_plural = _("budget imports")

    def __str__(self) -> str:
        return f"{self.budget} {self.stage} {self.file_name}"


# Citizens' Budgets and hearings live in their own modules; importing them here registers them.
from .citizens.models import CitizensBudget, CitizensStage, Section  # noqa: E402, F401
from .hearings.models import Decision, Hearing, Proposal  # noqa: E402, F401
