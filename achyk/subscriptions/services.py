"""Writes of subscriptions: subscribe (a letter with a link), confirm, leave, stop.

Limits against flooding: an address gets at most `PER_EMAIL_PER_HOUR` confirmation letters
an hour, and one network address may start at most `PER_ADDRESS_PER_HOUR` subscriptions an
hour (its address is kept only as a salted hash), beside the platform's rate limit of
anonymous posts.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body

from . import tasks
from .models import Bounce, Subscriber

CONFIRM_HOURS = 72
PER_EMAIL_PER_HOUR = 3
PER_ADDRESS_PER_HOUR = 10
#: A count of hard bounces left alone this long starts again.
STALE_DAYS = 30


class SubscriptionError(Exception):
    def __init__(self, message, subscriber: Subscriber | None = None):
        super().__init__(str(message))
        self.message = message
        self.subscriber = subscriber


class TooMany(SubscriptionError):
    pass


class LinkUnknown(SubscriptionError):
    pass


class LinkExpired(SubscriptionError):
    pass


def _hash(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def subscribe(*, body: Body, email: str, topics: list[str], frequency: str, language: str,
              address: str = "") -> Subscriber:  # fmt: skip
    """Start (or renew) the subscription of `email` to `body` and send the link to confirm
    it. Nothing is sent to the address but this letter until it is confirmed."""
    if not body.is_active:
        raise SubscriptionError(_("This body is no longer on the platform."))
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    address_hash = _hash(address) if address else ""
    if (
        address_hash
        and Subscriber.objects.filter(address_hash=address_hash, created_at__gte=hour_ago).count()
        >= PER_ADDRESS_PER_HOUR
    ):
        raise TooMany(_("Too many subscriptions from your network in the last hour. Try later."))
    existing = Subscriber.objects.select_for_update().filter(body=body, email=email).first()
    subscriber = existing or Subscriber(body=body, email=email, leave_key=secrets.token_urlsafe(32))
    _count_letter(subscriber)
    token = secrets.token_urlsafe(32)
    subscriber.topics = ",".join(topics)
    subscriber.frequency = frequency
    subscriber.language = language
    subscriber.confirm_token = token_digest(token)
    subscriber.confirm_expires_at = timezone.now() + datetime.timedelta(hours=CONFIRM_HOURS)
    subscriber.address_hash = address_hash
    subscriber.save()
    tasks.confirmation_letter.enqueue(subscriber_id=subscriber.pk, token=token)
    return subscriber


def _count_letter(subscriber: Subscriber) -> None:
    """One more confirmation letter to the address, at most PER_EMAIL_PER_HOUR an hour."""
    now = timezone.now()
    started = subscriber.letters_since
    if started is None or started <= now - datetime.timedelta(hours=1):
        subscriber.letters_since, subscriber.letters = now, 1
        return
    if subscriber.letters >= PER_EMAIL_PER_HOUR:
        raise TooMany(
            _("We sent this address several letters already. Look for them, or try later.")
        )
    subscriber.letters += 1


@transaction.atomic
def confirm(*, token: str) -> Subscriber:
    subscriber = (
        Subscriber.objects.select_for_update().select_related("body")
        .filter(confirm_token=token_digest(token)).first() if token else None
    )  # fmt: skip
    if subscriber is None:
        raise LinkUnknown(_("This confirmation link is not known. Check that it was copied whole."))
    if subscriber.confirmed_at and subscriber.left_at is None and subscriber.stopped_at is None:
        return subscriber  # the same link again: already confirmed, nothing to do
    if subscriber.confirm_expires_at and subscriber.confirm_expires_at < timezone.now():
        raise LinkExpired(_("This confirmation link has expired. Subscribe again."), subscriber)
    now = timezone.now()
    subscriber.confirmed_at = now
    subscriber.sent_until = now
    subscriber.left_at = subscriber.stopped_at = None
    subscriber.stop_reason = ""
    subscriber.save()
    Bounce.objects.filter(email=subscriber.email.lower()).delete()  # the address works
    return subscriber


def leave(*, key: str) -> Subscriber | None:
    """Unsubscribe by the key of the letters' link (one click); None for an unknown key."""
    subscriber = Subscriber.objects.filter(leave_key=key).first() if key else None
    if subscriber is not None and subscriber.left_at is None:
        subscriber.left_at = timezone.now()
        subscriber.save(update_fields=["left_at"])
    return subscriber


def stop(*, email: str, reason: str) -> int:
    """Stop every subscription of an address that bounced or complained; returns how many."""
    return Subscriber.objects.filter(email__iexact=email, stopped_at__isnull=True).update(
        stopped_at=timezone.now(), stop_reason=reason[:20]
    )


@dataclass(frozen=True)
class BouncesCounted:
    counted: int  # hard bounces counted (at most one per address and day)
    stopped: list[str]  # addresses whose subscriptions stopped now
    unknown: int  # addresses no subscriber has: not kept


@transaction.atomic
def record_bounces(
    *, emails: Iterable[str], on: datetime.date | None = None, limit: int | None = None
) -> BouncesCounted:
    """Count one hard bounce on day `on` for each subscribed address of `emails`; an address
    that reaches `limit` (ACHYK_SUBSCRIPTIONS_HARD_BOUNCES) stops everywhere (`stop`)."""
    limit = limit or settings.ACHYK_SUBSCRIPTIONS_HARD_BOUNCES
    on = on or timezone.localdate()
    wanted = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    known = set(
        Subscriber.objects.annotate(address=Lower("email"))
        .filter(address__in=wanted).values_list("address", flat=True)
    )  # fmt: skip
    counted, stopped = 0, []
    for email in (email for email in wanted if email in known):
        bounce, _created = Bounce.objects.select_for_update().get_or_create(email=email)
        if bounce.last_bounced_on == on:
            continue
        if bounce.last_bounced_on and (on - bounce.last_bounced_on).days > STALE_DAYS:
            bounce.hard_bounces = 0
        bounce.hard_bounces, bounce.last_bounced_on = bounce.hard_bounces + 1, on
        counted += 1
        if bounce.hard_bounces >= limit and bounce.stopped_at is None:
            stop(email=email, reason="bounced")
            bounce.stopped_at = timezone.now()
            stopped.append(email)
        bounce.save()
    return BouncesCounted(counted, stopped, len(wanted) - len(known))


@transaction.atomic
def reset_bounces(*, subscriber: Subscriber) -> None:
    """Start the address's count of hard bounces again (staff know it works now). The count
    belongs to the address, as the mail server reports it, so it starts again for every body
    it is subscribed to, as a new confirmation does; no subscription is resumed."""
    Bounce.objects.filter(email=subscriber.email.lower()).delete()


@transaction.atomic
def resume(*, subscriber: Subscriber) -> Subscriber:
    """Send letters again to a subscription stopped because its letters bounced, once the
    address works again: the count starts again, and the letters carry what is published
    from now on. A subscription the resident left, or stopped by a complaint, stays as it is
    (only the resident may start it again, by subscribing)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.left_at is not None:
        raise SubscriptionError(_("The resident unsubscribed: only they may subscribe again."))
    if subscriber.stopped_at is None:
        raise SubscriptionError(_("Letters to this address are not stopped."))
    if subscriber.stop_reason != "bounced":
        raise SubscriptionError(
            _("Letters stopped because the resident complained: only they may subscribe again.")
        )
    subscriber.stopped_at, subscriber.stop_reason = None, ""
    subscriber.sent_until = timezone.now()
    subscriber.save(update_fields=["stopped_at", "stop_reason", "sent_until"])
    Bounce.objects.filter(email=subscriber.email.lower()).delete()
    return subscriber
