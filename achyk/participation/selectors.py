"""Reads of participation for the public pages and the admin: functions returning querysets
or plain rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from achyk.bodies.tenancy import object_in_reach

from .events.models import Event
from .groups.models import Group
from .needs.models import FocusGroup, NeedsStudy, OwnCategory, Priority, Problem


def study_for(user, pk) -> NeedsStudy:
    """The study `pk` if `user` reaches it; 404 for a missing one and another body's alike."""
    if not object_in_reach(user, NeedsStudy, pk):
        raise Http404
    return NeedsStudy.objects.select_related("body").get(pk=pk)


def published_studies(body):
    return NeedsStudy.objects.published().filter(body=body)


def public_study(body, pk) -> NeedsStudy:
    study = published_studies(body).filter(pk=pk).select_related("adopted_by").first()
    if study is None:
        raise Http404
    return study


def focus_groups(study):
    """The study's focus groups in order of date, with their settlement and problems."""
    problems = Prefetch(
        "problems", queryset=Problem.objects.select_related("settlement", "own_category")
    )
    return (
        FocusGroup.objects.filter(study=study)
        .select_related("body", "settlement", "checklist")
        .prefetch_related(problems)
        .order_by("starts_at", "pk")
    )


@dataclass
class RankedPriority:
    rank: int
    priority: Priority
    points: int
    groups: int


def ranked_priorities(study) -> list[RankedPriority]:
    """The study's priorities ranked by their total votes or points (ties share a rank)."""
    rows = (
        Priority.objects.filter(study=study)
        .select_related("body")
        .annotate(total=Coalesce(Sum("tallies__points"), 0), tallied=Count("tallies"))
        .order_by("-total", "pk")
    )
    result, rank, last = [], 0, None
    for position, row in enumerate(rows, start=1):
        if row.total != last:
            rank, last = position, row.total
        result.append(RankedPriority(rank, row, row.total, row.tallied))
    return result


def own_categories(body) -> dict[str, str]:
    return {c.code: str(c) for c in OwnCategory.objects.filter(body=body)}


def published_groups(body):
    return (
        Group.objects.published()
        .filter(body=body)
        .select_related("body", "priority", "approved_by")
        .prefetch_related("members")
    )


def published_events(body):
    return Event.objects.published().filter(body=body).select_related("body")
