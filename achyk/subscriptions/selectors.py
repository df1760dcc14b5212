"""Reads of subscriptions for staff: the body's subscribers whose letters bounced."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower

from .models import Bounce, Subscriber


def bounced(user) -> QuerySet:
    """The subscribers the user reaches (their body's; every body's for platform admins)
    whose address has hard bounces counted, or whose letters stopped because they bounced,
    with `hard_bounces` and `last_bounced_on` of the address (one query), newest bounce
    first."""
    bounce = Bounce.objects.filter(email=Lower(OuterRef("email")))
    return (
        Subscriber.objects.for_user(user)
        .annotate(
            hard_bounces=Subquery(bounce.values("hard_bounces")[:1]),
            last_bounced_on=Subquery(bounce.values("last_bounced_on")[:1]),
        )
        .filter(Q(hard_bounces__isnull=False) | Q(stop_reason="bounced", stopped_at__isnull=False))
        .select_related("body")
        .order_by("-last_bounced_on", "email", "pk")
    )
