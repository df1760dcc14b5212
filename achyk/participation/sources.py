"""What participation gives the seams of `bodies`: its events and focus groups to the
calendar (`bodies.calendar`), its priorities to references between apps
(`bodies.references`: the plans app shows which priorities a step answers, and resolves
"participation.priority:<pk>")."""

from __future__ import annotations

import datetime

from django.utils import translation

from achyk.bodies.calendar import CalendarEvent
from achyk.bodies.models import public_url
from achyk.bodies.references import Kind, Target

from .events.models import Event
from .needs.models import FocusGroup, Priority, category_label

HOUR = datetime.timedelta(hours=1)


def _span(queryset, start, end, first=None):
    if start is not None:
        queryset = queryset.filter(starts_at__gte=start)
    if end is not None:
        queryset = queryset.filter(starts_at__lt=end)
    if first is not None:
        queryset = queryset.order_by("starts_at", "pk")[:first]
    return queryset


class EventSource:
    """The body's own published events: gatherings, council sessions, trainings, ..."""

    def kinds(self):
        return ("gathering", "council", "training", "report", "meeting")

    def events(self, *, body, language, start=None, end=None, first=None):
        rows = _span(Event.objects.published().filter(body=body), start, end, first)
        with translation.override(language):
            for item in rows:
                item.body = body  # the texts' fallback language, without a query a row
                yield CalendarEvent(
                    body_id=body.pk,
                    key=f"event-{item.pk}",
                    kind=item.kind,
                    title=item.title,
                    starts_at=item.starts_at,
                    ends_at=item.ends_at,
                    place=item.place,
                    description=item.agenda,
                    url=public_url(body.slug, language, "participation_event", pk=item.pk),
                    updated_at=item.updated_at,
                    has_minutes=item.has_minutes,
                    attendance=item.participants or None,
                )


class FocusGroupSource:
    """The focus groups of the body's published needs studies (their schedule)."""

    def kinds(self):
        return ("focus_group",)

    def events(self, *, body, language, start=None, end=None, first=None):
        rows = FocusGroup.objects.filter(body=body, study__is_published=True)
        rows = list(_span(rows.select_related("settlement", "study"), start, end, first))
        own = {c.code: str(c) for c in body.own_categories.all()} if rows else {}
        with translation.override(language):
            for item in rows:
                item.body = item.study.body = body
                title = category_label(item.category, own)
                if item.settlement_id:
                    title = f"{title} · {item.settlement.name}"
                study = public_url(body.slug, language, "participation_study", pk=item.study_id)
                yield CalendarEvent(
                    body_id=body.pk,
                    key=f"focusgroup-{item.pk}",
                    kind="focus_group",
                    title=title,
                    starts_at=item.starts_at,
                    ends_at=item.ends_at,
                    place=item.place,
                    description=item.study.title,
                    url=f"{study}#fg-{item.pk}",
                    updated_at=item.updated_at,
                    has_minutes=item.held,
                    attendance=item.participants or None,
                )


EVENTS = EventSource()
FOCUS_GROUPS = FocusGroupSource()


def _resolve(pks, language):
    rows = Priority.objects.filter(pk__in=pks, study__is_published=True).select_related("body")
    with translation.override(language):
        return {
            p.pk: Target(
                p.reference,
                p.title,
                public_url(p.body.slug, language, "participation_study", pk=p.study_id)
                + f"#priority-{p.pk}",
            )
            for p in rows
        }


def _choices(body, language):
    with translation.override(language):
        rows = Priority.objects.filter(body=body).order_by("study_id", "pk")
        return [(p.reference, p.title) for p in rows]


PRIORITY_KIND = Kind("participation.priority", _resolve, _choices)


def priorities_answered_by(keys, language):
    """Which published priorities name each of `keys` as the plan step that answers them."""
    rows = Priority.objects.filter(answered_by__in=keys, study__is_published=True)
    found: dict[str, list[Target]] = {}
    resolved = _resolve([p.pk for p in rows], language)
    for p in rows:
        if p.pk in resolved:
            found.setdefault(p.answered_by, []).append(resolved[p.pk])
    return found
