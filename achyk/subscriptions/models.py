"""E-mail subscriptions (жазылуу / подписка) of residents to a body's news, announcements,
acts and budget, sent at once or as a daily or weekly digest, in their language.

An address is confirmed by a link (double opt-in) before anything is sent to it; every
letter carries a one-click unsubscribe (List-Unsubscribe, List-Unsubscribe-Post). An item
is sent to a subscriber once: each letter covers the items first published after the
subscriber's watermark (`sent_until`) up to the moment of the run, and moves it on.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body
from achyk.bodies.tenancy import BodyOwnedQuerySet

#: What staff screens show of an address: its first character and its domain.
MASK = "•••"


def masked(email: str) -> str:
    """An address as staff screens show it (`b•••@example.kg`): enough to tell two apart and
    to recognise one a resident names, never the whole address (it is the resident's)."""
    name, _at, domain = email.rpartition("@")
    if not name:
        return MASK
    return f"{name[0]}{MASK}@{domain}"


class Topic(models.TextChoices):
    NEWS = "news", _("news")
    ANNOUNCEMENTS = "announcements", _("announcements")
    ACTS = "acts", _("legal acts")
    BUDGET = "budget", _("budget")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("at once, one letter per new item")
    DAILY = "daily", _("a daily digest")
    WEEKLY = "weekly", _("a weekly digest")


class SubscriberQuerySet(BodyOwnedQuerySet):
    def active(self):
        """Confirmed, not left, not stopped (bounced or complained), of a body on the
        platform: the only addresses anything is sent to."""
        return self.filter(
            confirmed_at__isnull=False, left_at__isnull=True, stopped_at__isnull=True,
            body__is_active=True,
        )  # fmt: skip


class Subscriber(models.Model):
    """One address subscribed to one body."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="subscribers", verbose_name=_("body")
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8)
    topics = models.CharField(_("topics"), max_length=100)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    confirm_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirm_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    leave_key = models.CharField(max_length=64, unique=True, editable=False)
    address_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    letters_since = models.DateTimeField(null=True, blank=True, editable=False)
    letters = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    left_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    stop_reason = models.CharField(_("why stopped"), max_length=20, blank=True)
    sent_until = models.DateTimeField(_("sent up to"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(fields=["body", "email"], name="subscriptions_one_per_body")
        ]
        indexes = [models.Index(fields=["frequency", "body", "id"])]

    def __str__(self) -> str:
        return self.masked_email  # the admin's titles, messages and history show this

    @property
    def masked_email(self) -> str:
        return masked(self.email)

    masked_email.fget.short_description = _("e-mail")

    @property
    def topic_list(self) -> list[str]:
        return [topic for topic in self.topics.split(",") if topic]


class Bounce(models.Model):
    """The hard bounces the mail server reported for one address (кайтарылган кат /
    возврат письма), across bodies: after `ACHYK_SUBSCRIPTIONS_HARD_BOUNCES` of them on
    different days, every subscription of the address stops. At most one bounce a day
    counts (a run of letters to a full mailbox is one bounce), a count left alone for
    `STALE_DAYS` starts again, and confirming a subscription again clears it."""

    email = models.EmailField(_("e-mail"), unique=True)
    hard_bounces = models.PositiveSmallIntegerField(_("hard bounces"), default=0)
    last_bounced_on = models.DateField(_("last bounced"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)

    class Meta:
        verbose_name = _("bounced address")
        verbose_name_plural = _("bounced addresses")

    def __str__(self) -> str:
        return f"{masked(self.email)}: {self.hard_bounces}"
