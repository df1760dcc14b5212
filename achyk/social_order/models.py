"""The municipal social order (муниципалдык социалдык тапшырык / муниципальный социальный
заказ, Law No. 70 of 2017): a body, as customer, orders social services from NGOs.

Programme → calls (with criteria and a commission) → NGO applications → declarations of
conflicts of interest and scores → decision → contracts paid in tranches against accepted
reports (`contracts.py`) → the monitoring group's reports. Every row carries its body, so
that the tenant seal (`for_user`) reaches each of them alone.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from achyk.bodies.models import Body, TranslatedFieldsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet

MONEY = {"max_digits": 18, "decimal_places": 2}


#: The languages of the texts readers read (a Kazakh body publishes in Kazakh and Russian).
TEXT_LANGUAGES = ("ky", "ru", "kk")


def require_title(obj, message) -> None:
    """A title in one of the body's languages at least (each `title_<code>` may be empty)."""
    if not any(getattr(obj, f"title_{code}") for code in TEXT_LANGUAGES):
        raise ValidationError(message)


class Programme(TranslatedFieldsMixin, models.Model):
    """The body's social order programme of a year (topics and budget), approved by the
    council: the approving act is a link into the registry of acts."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="social_programmes", verbose_name=_("body")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)
    topics_ky = models.TextField(_("topics (Kyrgyz)"), max_length=5000, blank=True)
    topics_ru = models.TextField(_("topics (Russian)"), max_length=5000, blank=True)
    topics_kk = models.TextField(_("topics (Kazakh)"), max_length=5000, blank=True)
    budget = models.DecimalField(_("budget"), **MONEY, validators=[MinValueValidator(0)])
    approved_by = models.ForeignKey(
        "documents.Act", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("approving act"),
        help_text=_("The council's resolution approving the programme, from the registry."),
    )  # fmt: skip
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("social order programme")
        verbose_name_plural = _("social order programmes")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="social_programme_one_a_year"),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="social_programme_budget"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.title}"

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return self.translated("title")

    def clean(self):
        require_title(self, _("Give the programme a title in at least one language."))

    @property
    def topics(self) -> str:
        return self.translated("topics")


class Commission(models.Model):
    """A competition commission (конкурстук комиссия / конкурсная комиссия): staff,
    deputies, civil society and the monitoring group; each member scores the applications of
    the calls given to the commission, after declaring any conflict of interest."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="social_commissions", verbose_name=_("body")
    )
    name = models.CharField(_("name"), max_length=300)
    formed_by = models.ForeignKey(
        "documents.Act", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("act forming it"),
    )  # fmt: skip

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("competition commission")
        verbose_name_plural = _("competition commissions")

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A member's seat on a commission: a user who signs in on the public site to score."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("staff of the body")
        DEPUTY = "deputy", _("council deputy")
        CIVIL = "civil", _("civil society")
        JMEG = "jmeg", _("monitoring group")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="seats", verbose_name=_("commission")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commission_seats",
        verbose_name=_("user"),
    )  # fmt: skip
    kind = models.CharField(_("member of"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name shown"), max_length=200)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["commission", "name"]
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        constraints = [
            models.UniqueConstraint(fields=["commission", "user"], name="social_seat_once")
        ]

    def __str__(self) -> str:
        return self.name


class CallState(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    REVIEW = "review", _("under review")
    DECIDED = "decided", _("decided")


#: The one way a call moves: draft → open → closed → under review → decided.
CALL_NEXT = {
    CallState.DRAFT: CallState.OPEN,
    CallState.OPEN: CallState.CLOSED,
    CallState.CLOSED: CallState.REVIEW,
    CallState.REVIEW: CallState.DECIDED,
}


class CallQuerySet(BodyOwnedQuerySet):
    def public(self):
        """Calls residents see: every one past its draft, of an active body."""
        return self.exclude(state=CallState.DRAFT).filter(body__is_active=True)


class Call(TranslatedFieldsMixin, ClusterableModel):
    """A call for projects (конкурс / конкурс) under the programme: a topic, who may apply,
    the ceiling of a grant, the criteria with weights, the documents to attach and its dates.
    The deadline is an aware moment, entered and shown in the body's time zone."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="social_calls", verbose_name=_("body")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    commission = models.ForeignKey(
        Commission, null=True, blank=True, on_delete=models.PROTECT, related_name="calls",
        verbose_name=_("commission"),
    )  # fmt: skip
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)
    topic_ky = models.TextField(_("topic (Kyrgyz)"), max_length=5000, blank=True)
    topic_ru = models.TextField(_("topic (Russian)"), max_length=5000, blank=True)
    topic_kk = models.TextField(_("topic (Kazakh)"), max_length=5000, blank=True)
    eligibility_ky = models.TextField(_("who may apply (Kyrgyz)"), max_length=5000, blank=True)
    eligibility_ru = models.TextField(_("who may apply (Russian)"), max_length=5000, blank=True)
    eligibility_kk = models.TextField(_("who may apply (Kazakh)"), max_length=5000, blank=True)
    documents_ky = models.TextField(_("documents to attach (Kyrgyz)"), max_length=3000, blank=True)
    documents_ru = models.TextField(_("documents to attach (Russian)"), max_length=3000, blank=True)
    documents_kk = models.TextField(_("documents to attach (Kazakh)"), max_length=3000, blank=True)
    ceiling = models.DecimalField(
        _("ceiling of a grant"), **MONEY, validators=[MinValueValidator(0)]
    )
    opens_at = models.DateTimeField(_("opens"))
    deadline = models.DateTimeField(_("deadline"))
    decision_on = models.DateField(_("decision expected"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=CallState.choices, default=CallState.DRAFT
    )
    decision_act = models.ForeignKey(
        "documents.Act", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("decision (act)"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        constraints = [
            models.CheckConstraint(condition=models.Q(ceiling__gte=0), name="social_call_ceiling"),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_at")), name="social_call_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.translated("title")

    def clean(self):
        require_title(self, _("Give the call a title in at least one language."))

    @property
    def topic(self) -> str:
        return self.translated("topic")

    @property
    def eligibility(self) -> str:
        return self.translated("eligibility")

    @property
    def documents(self) -> str:
        return self.translated("documents")

    def accepts_applications(self, at=None) -> bool:
        """Open, and its deadline not passed (the moment decides, whatever the state says)."""
        at = at or timezone.now()
        return self.state == CallState.OPEN and self.opens_at <= at < self.deadline

    @property
    def is_open_now(self) -> bool:
        return self.accepts_applications()

    def local_deadline(self):
        """The deadline as the body's clock shows it, naive: templates print it as it is,
        whichever zone the request runs in (the admin runs in the platform's)."""
        import zoneinfo

        return timezone.make_naive(self.deadline, zoneinfo.ZoneInfo(self.body.time_zone))


class Criterion(TranslatedFieldsMixin, models.Model):
    """A criterion of a call with its weight and the highest score a member may give; a row
    of its call, reached only through it."""

    call = ParentalKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    title_ky = models.CharField(_("criterion (Kyrgyz)"), max_length=300, blank=True)
    title_ru = models.CharField(_("criterion (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("criterion (Kazakh)"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["call", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="social_criterion_weight"
            ),
            models.CheckConstraint(
                condition=models.Q(max_score__gt=0), name="social_criterion_max_score"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.translated("title")

    def clean(self):
        require_title(self, _("Name the criterion in at least one language."))


class OrganisationState(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    REFUSED = "refused", _("refused")


class Organisation(models.Model):
    """An NGO (бейөкмөт уюм / НКО) signed up on a body's site, confirmed by a body admin
    before it may apply. An NGO working with two bodies signs up on each."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="social_organisations", verbose_name=_("body")
    )
    name = models.CharField(_("name of the organisation"), max_length=300)
    registration_number = models.CharField(_("registration number"), max_length=50)
    address = models.CharField(_("address"), max_length=300)
    head = models.CharField(_("head of the organisation"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    founding_document = models.FileField(
        _("founding documents"), upload_to="social_order/organisations/", max_length=300
    )
    state = models.CharField(
        _("state"), max_length=10, choices=OrganisationState.choices,
        default=OrganisationState.PENDING,
    )  # fmt: skip
    note = models.TextField(_("note to the organisation"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("NGO")
        verbose_name_plural = _("NGOs")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "registration_number"], name="social_organisation_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.state == OrganisationState.CONFIRMED and self.confirmed_at is None:
            self.confirmed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.state == OrganisationState.CONFIRMED


class NgoMember(models.Model):
    """A person of an NGO who signs in on the body's public site (like a JMEG member: no
    staff role, no admin access). Access closes with `user.is_active`."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="members",
        verbose_name=_("organisation"),
    )  # fmt: skip
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ngo_member",
        verbose_name=_("user"),
    )  # fmt: skip

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("NGO member")
        verbose_name_plural = _("NGO members")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Application(models.Model):
    """An NGO's application to a call (табыштама / заявка): the project and its budget."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="social_applications", verbose_name=_("body")
    )
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="applications",
        verbose_name=_("organisation"),
    )  # fmt: skip
    title = models.CharField(_("project title"), max_length=300)
    problem = models.TextField(_("problem"), max_length=5000, blank=True)
    goal = models.TextField(_("goal"), max_length=3000, blank=True)
    activities = models.TextField(_("activities"), max_length=10000, blank=True)
    beneficiaries = models.TextField(_("beneficiaries"), max_length=3000, blank=True)
    beneficiaries_count = models.PositiveIntegerField(_("number of beneficiaries"), default=0)
    settlements = models.CharField(_("villages served"), max_length=500, blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    indicators = models.TextField(_("indicators"), max_length=5000, blank=True)
    co_funding = models.DecimalField(
        _("co-funding"), **MONEY, default=0, validators=[MinValueValidator(0)]
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    number = models.CharField(_("acknowledgement number"), max_length=40, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    is_winner = models.BooleanField(_("winner"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["call", "-submitted_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            # A second submission of the same NGO to the same call is refused by the database.
            models.UniqueConstraint(
                fields=["call", "organisation"],
                condition=models.Q(state="submitted"),
                name="social_application_submitted_once",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["body", "number"],
                condition=~models.Q(number=""),
                name="social_application_number",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~models.Q(state="submitted") | ~models.Q(number=""),
                name="social_application_submitted_has_number",
            ),
            models.CheckConstraint(condition=models.Q(co_funding__gte=0), name="social_co_funding"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def requested(self):
        return sum((line.amount for line in self.lines.all()), start=0)


class BudgetLine(models.Model):
    """A line of an application's budget; the contract's reports spend against it."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="lines", verbose_name=_("application")
    )
    item = models.CharField(_("budget line"), max_length=300)
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(0)])

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="social_line_amount")
        ]

    def __str__(self) -> str:
        return self.item


class Attachment(models.Model):
    """A document attached to an application, checked by content like every upload."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments",
        verbose_name=_("application"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="social_order/applications/", max_length=300)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Declaration(models.Model):
    """A member's declaration of (no) conflict of interest on one application; a member who
    declares a conflict does not score it."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    seat = models.ForeignKey(
        Seat, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("member")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declarations",
        verbose_name=_("application"),
    )  # fmt: skip
    conflicted = models.BooleanField(_("conflict of interest"))
    note = models.CharField(_("what the conflict is"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")
        constraints = [
            models.UniqueConstraint(fields=["seat", "application"], name="social_declare_once")
        ]

    def __str__(self) -> str:
        return f"{self.seat} · {self.application}"


class Score(models.Model):
    """One member's score of one application on one criterion, with a comment."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    seat = models.ForeignKey(
        Seat, on_delete=models.CASCADE, related_name="scores", verbose_name=_("member")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("application")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    # A score needs the member's declaration of no conflict: the database keeps the link.
    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="scores", verbose_name=_("declaration")
    )
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    objects = BodyOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "application", "criterion"], name="social_score_once"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0, value__lte=100), name="social_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat} · {self.criterion}: {self.value}"


from .contracts import (  # noqa: E402, F401  the contracts' half of the app's models
    Acceptance,
    Contract,
    MonitoringReport,
    Report,
    ReportAttachment,
    ReportLine,
    ReportState,
    Tranche,
    TrancheState,
)
