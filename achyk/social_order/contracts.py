"""Contracts of the social order, paid in tranches against accepted reports, and the
monitoring group's reports on each project (models of `social_order`, imported by `models`).

A tranche moves planned → report due → report submitted → returned with comments (then
submitted again) or accepted → paid. **A tranche cannot be paid before its report is
accepted, and the database holds the rule**: an `Acceptance` row exists only for a report a
reviewer accepted (it is written by `services.accept_report` and protected from deletion),
and the check `social_tranche_paid_needs_acceptance` refuses a paid tranche without one, or
without its date, amount and payment document.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body
from achyk.bodies.tenancy import BodyOwnedQuerySet

MONEY = {"max_digits": 18, "decimal_places": 2}


class Contract(models.Model):
    """A grant contract with a winning NGO (келишим / договор)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="social_contracts", verbose_name=_("body")
    )
    # One contract per application (the constraint below); a foreign key rather than a
    # one-to-one so that the admin's input seal and its isolation walk read it like any other.
    application = models.ForeignKey(
        "social_order.Application", on_delete=models.PROTECT, related_name="contracts",
        verbose_name=_("application"),
    )  # fmt: skip
    number = models.CharField(_("contract number"), max_length=50)
    signed_on = models.DateField(_("signed"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("first published"), default=timezone.now)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="social_contract_amount"),
            models.UniqueConstraint(fields=["application"], name="social_contract_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="social_contract_period"
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}"


class TrancheState(models.TextChoices):
    PLANNED = "planned", _("planned")
    REPORT_DUE = "report_due", _("report due")
    SUBMITTED = "submitted", _("report submitted")
    RETURNED = "returned", _("report returned with comments")
    ACCEPTED = "accepted", _("report accepted")
    PAID = "paid", _("paid")


class Tranche(models.Model):
    """A payment of a contract, due on a date, waiting for the report it names."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="tranches", verbose_name=_("contract")
    )
    number = models.PositiveSmallIntegerField(_("tranche"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])
    due_on = models.DateField(_("due"))
    report_expected = models.CharField(
        _("the report it waits for"), max_length=300,
        help_text=_("For example: report on the first quarter's services."),
    )  # fmt: skip
    is_final = models.BooleanField(
        _("final"), default=False,
        help_text=_("Its report is the final one, with the sustainability plan."),
    )  # fmt: skip
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=TrancheState.choices,
        default=TrancheState.PLANNED,
        editable=False,
    )
    acceptance = models.OneToOneField(
        "social_order.Acceptance", null=True, blank=True, on_delete=models.PROTECT,
        related_name="tranche", verbose_name=_("accepted report"), editable=False,
    )  # fmt: skip
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    paid_amount = models.DecimalField(
        _("amount paid"), **MONEY, null=True, blank=True, editable=False
    )
    payment_document = models.CharField(
        _("payment document"), max_length=100, blank=True, editable=False
    )

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="social_tranche_number"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="social_tranche_amount"),
            models.CheckConstraint(
                condition=~Q(state="paid")
                | (
                    Q(acceptance__isnull=False, paid_on__isnull=False, paid_amount__isnull=False)
                    & ~Q(payment_document="")
                ),
                name="social_tranche_paid_needs_acceptance",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__lte=models.F("amount")),
                name="social_tranche_paid_within_amount",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["accepted", "paid"]) | Q(acceptance__isnull=False),
                name="social_tranche_accepted_has_acceptance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.number}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned with comments")
    ACCEPTED = "accepted", _("accepted")


class Report(models.Model):
    """An NGO's narrative and financial report on a tranche; each submission after a return
    is a new version, the returned ones stay with their comments. The final report carries
    the sustainability plan (how the service goes on after the money)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    tranche = models.ForeignKey(
        Tranche, on_delete=models.CASCADE, related_name="reports", verbose_name=_("tranche")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    narrative = models.TextField(_("what was done"), max_length=20000)
    public_summary = models.TextField(
        _("public summary"), max_length=3000, blank=True,
        help_text=_("The part of the report residents read on the site."),
    )  # fmt: skip
    sustainability_plan = models.TextField(_("sustainability plan"), max_length=10000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    review_comment = models.TextField(_("comments of the body"), max_length=5000, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("reviewed by"),
    )  # fmt: skip

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["tranche", "version"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["tranche", "version"], name="social_report_version"),
            models.UniqueConstraint(
                fields=["tranche"],
                condition=Q(state__in=["draft", "submitted", "accepted"]),
                name="social_report_one_current",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(review_comment=""),
                name="social_report_returned_with_comments",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tranche} · v{self.version}"


class ReportLine(models.Model):
    """Spending on one budget line of the application in a report, against its plan."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="lines", verbose_name=_("report")
    )
    budget_line = models.ForeignKey(
        "social_order.BudgetLine", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("budget line"),
    )  # fmt: skip
    spent = models.DecimalField(_("spent"), **MONEY, validators=[MinValueValidator(0)])

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "budget_line"]
        verbose_name = _("spending line")
        verbose_name_plural = _("spending lines")
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="social_spent_once"),
            models.CheckConstraint(condition=Q(spent__gte=0), name="social_spent_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.spent}"


class ReportAttachment(models.Model):
    """A supporting document of a report (invoices, lists of beneficiaries, photos as PDF)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("report")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="social_order/reports/", max_length=300)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")

    def __str__(self) -> str:
        return self.title


class Acceptance(models.Model):
    """The record that a reviewer accepted a report: what a payment waits for. Written once
    by `services.accept_report`, never changed or deleted while its tranche points to it."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    report = models.OneToOneField(
        Report, on_delete=models.PROTECT, related_name="acceptance", verbose_name=_("report")
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("accepted by"),
    )  # fmt: skip
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("acceptance of a report")
        verbose_name_plural = _("acceptances of reports")

    def __str__(self) -> str:
        return str(self.report)


class MonitoringReport(models.Model):
    """The monitoring group's report on a project (БМжБ тобунун отчету / отчёт группы
    СМиО), on the form of the training: the visit, what was checked, the beneficiaries'
    feedback, findings and a rating; published with the NGO's and the body's answers."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="social_monitoring", verbose_name=_("body")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="monitoring_reports",
        verbose_name=_("contract"),
    )  # fmt: skip
    visited_on = models.DateField(_("visit"))
    members = models.CharField(_("members who visited"), max_length=500)
    checked = models.TextField(_("what was checked"), max_length=5000)
    feedback = models.TextField(_("beneficiaries' feedback"), max_length=5000, blank=True)
    findings = models.TextField(_("findings and recommendations"), max_length=5000)
    rating = models.PositiveSmallIntegerField(
        _("rating (1 to 5)"), choices=[(n, str(n)) for n in range(1, 6)],
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )  # fmt: skip
    ngo_answer = models.TextField(_("answer of the NGO"), max_length=5000, blank=True)
    ngo_answered_at = models.DateTimeField(_("the NGO answered"), null=True, blank=True)
    body_answer = models.TextField(_("answer of the body"), max_length=5000, blank=True)
    body_answered_at = models.DateTimeField(_("the body answered"), null=True, blank=True)
    # Filed by a member of the group on the public site (`monitoring.services`), or a paper
    # report the body's staff typed in (`by_group` false).
    by_group = models.BooleanField(_("filed by the group on the site"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("filed by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on"]
        verbose_name = _("monitoring group's report")
        verbose_name_plural = _("monitoring group's reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="social_monitoring_rating"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.visited_on:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_filed_by_group(self) -> bool:
        """Filed by a member on the public site: the group's own words, which the body's
        staff answer but never edit."""
        return self.by_group
