"""The body's one calendar of public events: /<slug>/<lang>/participation/calendar/ (upcoming
and past, by kind), an event's page, and iCal feeds of every event or of one kind, and of a
single event ("add to my calendar"). Events come from every registered source
(`bodies.calendar`): the budget's hearings, the focus groups, the body's own events."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from achyk.bodies import calendar as seam

from .. import selectors
from ..common import site_body
from . import ical
from .models import Kind


def kind_labels() -> dict:
    """Labels of the kinds of `bodies.calendar.KINDS`, in the active language."""
    return {
        "hearing": _("Budget hearing"),
        "focus_group": _("Focus group"),
        **{kind.value: kind.label for kind in Kind},
    }


#: How far back the list of past events reaches.
PAST = datetime.timedelta(days=400)


def _kind(request) -> str | None:
    kind = request.GET.get("kind") or None
    return kind if kind in seam.KINDS else None


def calendar(request):
    body = site_body(request)
    now, kind = timezone.now(), _kind(request)
    language = translation.get_language()
    items = seam.events(body=body, language=language, start=now - PAST, kind=kind)
    labels = kind_labels()
    upcoming = [e for e in items if (e.ends_at or e.starts_at) >= now]
    past = [e for e in reversed(items) if (e.ends_at or e.starts_at) < now]
    context = {
        "body": body,
        "upcoming": upcoming,
        "past": past,
        "labels": labels,
        "kind": kind,
        "kinds": [(code, labels[code]) for code in seam.KINDS],
    }
    return render(request, "participation/calendar.html", context)


def event(request, pk: int):
    body = site_body(request)
    item = selectors.published_events(body).filter(pk=pk).first()
    if item is None:
        raise Http404
    context = {
        "body": body,
        "event": item,
        "label": kind_labels().get(item.kind),
        "key": f"event-{item.pk}",
        "studies": list(item.adopted_studies.filter(is_published=True)),
        "groups": list(item.approved_groups.filter(is_published=True)),
    }
    return render(request, "participation/event.html", context)


def _ics(request, body, events, name: str, filename: str) -> HttpResponse:
    content = ical.calendar(body, events, name=name, absolute=request.build_absolute_uri)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def feed(request, kind: str | None = None):
    """Every public event of the body, or of one kind, from a year back on."""
    body = site_body(request)
    if kind is not None and kind not in seam.KINDS:
        raise Http404
    language = translation.get_language()
    start = timezone.now() - PAST
    events = seam.events(body=body, language=language, start=start, kind=kind)
    name = body.name if kind is None else f"{body.name} · {kind_labels()[kind]}"
    return _ics(request, body, events, name, f"{body.slug}-{kind or 'events'}.ics")


def single(request, key: str):
    """One event as a file a reader's calendar opens ("add to my calendar")."""
    body = site_body(request)
    language = translation.get_language()
    found = [e for e in seam.events(body=body, language=language) if e.key == key]
    if not found:
        raise Http404
    return _ics(request, body, found, body.name, f"{key}.ics")
