"""Requests for information (маалымат алууга суроо-талап / запрос на получение информации)
on a legal clock.

A resident asks a body through its site (confirmed by a link in an e-mail before it counts),
or staff register a request that came on paper, orally or by e-mail. From registration the
law's term runs (`Law`: days, working or calendar, an extension with notice, forwarding); the
due date is counted with the platform's calendar of working days (achyk.workdays) and counted
again when the calendar changes. Every step is kept in an append-only log (`Event`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body, Country, TranslatedFieldsMixin
from achyk.bodies.tenancy import BodyOwnedQuerySet
from achyk.workdays.calendar import CALENDAR, WORKING


class LawQuerySet(models.QuerySet):
    def in_force(self, *, country: str, kind: str, on=None) -> Law | None:
        """The law of `kind` for `country` in force on `on` (today by default)."""
        on = on or timezone.localdate()
        found = self.filter(country=country, kind=kind, valid_from__lte=on)
        return found.order_by("-valid_from").first()


class Law(TranslatedFieldsMixin, models.Model):
    """The legal term of an answer, as data: which act and article, how many days of which
    unit, the extension and its notice, the term to forward a request to another body."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("request for information")
        APPEAL = "appeal", _("appeal of a citizen")

    class Unit(models.TextChoices):
        WORKING = WORKING, _("working days")
        CALENDAR = CALENDAR, _("calendar days")

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    act_ky = models.CharField(_("legal act (Kyrgyz)"), max_length=300, blank=True)
    act_ru = models.CharField(_("legal act (Russian)"), max_length=300, blank=True)
    act_kk = models.CharField(_("legal act (Kazakh)"), max_length=300, blank=True)
    act_en = models.CharField(_("legal act (English)"), max_length=300, blank=True)
    article = models.CharField(_("article"), max_length=60, blank=True)
    days = models.PositiveSmallIntegerField(_("days to answer"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    extension_days = models.PositiveSmallIntegerField(_("extension (days)"), default=0)
    notice_ky = models.CharField(_("notice rule (Kyrgyz)"), max_length=500, blank=True)
    notice_ru = models.CharField(_("notice rule (Russian)"), max_length=500, blank=True)
    notice_kk = models.CharField(_("notice rule (Kazakh)"), max_length=500, blank=True)
    notice_en = models.CharField(_("notice rule (English)"), max_length=500, blank=True)
    forwarding_days = models.PositiveSmallIntegerField(
        _("days to forward"), null=True, blank=True,
        help_text=_("Working days within which a body forwards a request it cannot answer."),
    )  # fmt: skip
    valid_from = models.DateField(_("in force from"))
    to_confirm = models.BooleanField(
        _("to be checked against the law's current text"), default=False
    )

    objects = LawQuerySet.as_manager()

    class Meta:
        ordering = ["country", "kind", "-valid_from"]
        verbose_name = _("legal term")
        verbose_name_plural = _("legal terms")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "valid_from"], name="requests_one_law_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.translated('act')} {self.article}".strip()

    @property
    def act(self) -> str:
        return self.translated("act")

    @property
    def notice(self) -> str:
        return self.translated("notice")


class Status(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("waiting for the e-mail confirmation")
    RECEIVED = "received", _("received")
    CLARIFICATION = "clarification", _("clarification asked")
    ANSWERED = "answered", _("answered")
    PARTLY = "partly", _("partly answered")
    REFUSED = "refused", _("refused")


OPEN = (Status.RECEIVED, Status.CLARIFICATION)
CLOSED = (Status.ANSWERED, Status.PARTLY, Status.REFUSED)


class Channel(models.TextChoices):
    ONLINE = "online", _("the body's site")
    EMAIL = "email", _("e-mail")
    PAPER = "paper", _("paper (by post or in person)")
    ORAL = "oral", _("orally (in person or by phone)")


class Format(models.TextChoices):
    EMAIL = "email", _("by e-mail")
    PAPER = "paper", _("on paper, by post")
    PICKUP = "pickup", _("to collect in person")


class RequestQuerySet(BodyOwnedQuerySet):
    def registered(self):
        return self.exclude(status=Status.UNCONFIRMED)

    def open(self):
        return self.filter(status__in=OPEN)

    def public(self):
        """What the public register shows: registered requests that staff made public."""
        return self.registered().filter(is_public=True, body__is_active=True)

    def for_user(self, user):
        return super().for_user(user).registered()


class Request(models.Model):
    """One request for information to a body, from its confirmation (or registration by
    staff) to its answer."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="information_requests", verbose_name=_("body")
    )
    law = models.ForeignKey(Law, on_delete=models.PROTECT, related_name="+", verbose_name=_("law"))
    reference = models.CharField(_("reference number"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=Law.Kind.choices, default=Law.Kind.INFORMATION
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.UNCONFIRMED
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    question = models.TextField(_("question"), max_length=5000)
    format = models.CharField(
        _("answer wanted"), max_length=10, choices=Format.choices, default=Format.EMAIL
    )
    show_name = models.BooleanField(_("show my name in the public register"), default=False)
    language = models.CharField(_("language"), max_length=8)
    confirm_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirm_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    received_on = models.DateField(_("term counted from"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField(_("extended by (days)"), default=0)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("assigned to"),
    )  # fmt: skip
    answer = models.TextField(_("answer"), blank=True, max_length=20000)
    closed_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_on = models.DateField(_("answered on"), null=True, blank=True)
    is_public = models.BooleanField(_("shown in the public register"), default=False)
    public_question = models.TextField(
        _("question as published"), blank=True, max_length=5000,
        help_text=_("The question without personal data, as the public register shows it."),
    )  # fmt: skip

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-created_at"]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="requests_one_reference",
            )  # fmt: skip
        ]
        indexes = [models.Index(fields=["body", "status", "due_on"])]

    def __str__(self) -> str:
        return self.reference or str(_("unconfirmed request"))

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def on_time(self) -> bool | None:
        """Whether the answer came by the due date (None while open)."""
        if self.closed_on is None or self.due_on is None:
            return None
        return self.closed_on <= self.due_on

    def clock(self, today) -> str:
        """ "overdue", "week" (due within 7 days), "running" or "closed"."""
        if not self.is_open or self.due_on is None:
            return "closed"
        if self.due_on < today:
            return "overdue"
        return "week" if (self.due_on - today).days <= 7 else "running"

    @property
    def shown_question(self) -> str:
        return self.public_question or ""

    @property
    def shown_name(self) -> str:
        return self.name if self.show_name else ""


class Counter(models.Model):
    """The last reference number a body gave in a year."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="requests_one_counter")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class AppendOnly(Exception):
    """The log of a request is never changed: a step is added, never edited or removed."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly

    def delete(self):
        raise AppendOnly


class Event(models.Model):
    """One step in a request's life, with who and when (append-only)."""

    class Kind(models.TextChoices):
        SENT = "sent", _("sent, waiting for confirmation")
        RECEIVED = "received", _("received and registered")
        ASSIGNED = "assigned", _("assigned")
        CLARIFICATION = "clarification", _("clarification asked")
        CLARIFIED = "clarified", _("clarification received")
        EXTENDED = "extended", _("term extended")
        FORWARDED = "forwarded", _("forwarded to another body")
        ANSWERED = "answered", _("answered")
        PARTLY = "partly", _("partly answered")
        REFUSED = "refused", _("refused")
        PUBLISHED = "published", _("shown in the public register")
        WITHDRAWN = "withdrawn", _("taken off the public register")
        DUE_CHANGED = "due_changed", _("due date counted again")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=14, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("who"),
    )  # fmt: skip
    text = models.TextField(_("note"), blank=True, max_length=20000)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly


def _answer_path(instance, filename: str) -> str:
    return f"requests/{instance.request.body_id}/{instance.request_id}/{filename}"


class AnswerFile(models.Model):
    """A file given with an answer (checked by content as every upload)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=_answer_path, max_length=300)
    title = models.CharField(_("title"), max_length=200)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("file of the answer")
        verbose_name_plural = _("files of the answer")

    def __str__(self) -> str:
        return self.title
