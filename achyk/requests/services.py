"""Writes of requests for information: keyword-only functions, each in one transaction.

Every step adds an `Event` to the request's log (who and when) and tells the requester by
e-mail in their language (`mail.letter`). Domain errors (`RequestError` and its kinds)
carry a translated message for the view to show.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies import evidence
from achyk.bodies.models import Body
from achyk.pagecache.invalidation import forget_body
from achyk.workdays.calendar import local_date
from achyk.workdays.selectors import work_calendar, work_calendars

from . import mail
from .models import CLOSED, OPEN, AnswerFile, Counter, Event, Law, Request, Status

#: How long a confirmation link works.
CONFIRM_HOURS = getattr(settings, "ACHYK_REQUEST_CONFIRM_HOURS", 72)


class RequestError(Exception):
    """A step the law or the request's state does not allow; `message` says why."""

    def __init__(self, message, request: Request | None = None):
        super().__init__(str(message))
        self.message = message
        self.request = request


class LinkUnknown(RequestError):
    pass


class LinkUsed(RequestError):
    pass


class LinkExpired(RequestError):
    pass


class BodyGone(RequestError):
    pass


@dataclass(frozen=True)
class RequestIn:
    name: str
    email: str
    question: str
    format: str
    show_name: bool = False
    phone: str = ""
    address: str = ""
    kind: str = Law.Kind.INFORMATION


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def law_for(
    body: Body, *, on: datetime.date | None = None, kind: str = Law.Kind.INFORMATION
) -> Law:
    """The law whose term applies to a request (or an appeal: `kind`) to `body`."""
    law = Law.objects.in_force(country=body.country, kind=kind, on=on)
    if law is None:
        raise RequestError(_("No legal term for requests is set for this country yet."))
    return law


def due_date(law: Law, received_on: datetime.date, calendar, extended_days: int = 0):
    """The last day of the term: `law.days` (+ extension) of its unit after `received_on`."""
    return calendar.add_days(received_on, law.days + extended_days, law.unit)


def _log(request: Request, kind: str, *, by=None, text: str = "") -> Event:
    return Event.objects.create(request=request, kind=kind, by=by, text=text)


def _tell(request: Request, template: str, **context) -> None:
    """The requester's letter about a step, in their language."""
    url = request.body.public_url(request.language, "requests_detail", reference=request.reference)
    mail.letter(
        to=request.email, template=template, language=request.language,
        context={"request": request, "body": request.body, "url": mail.absolute(url), **context},
    )  # fmt: skip


def _check_body(body: Body) -> None:
    if not body.is_active:
        raise BodyGone(_("This body is no longer on the platform; your request was not sent."))


@transaction.atomic
def submit(*, body: Body, data: RequestIn, language: str) -> Request:
    """A resident's request from the body's site: kept unconfirmed until the link in the
    letter is followed (`confirm`); nothing counts before."""
    _check_body(body)
    token = secrets.token_urlsafe(32)
    request = Request.objects.create(
        body=body, law=law_for(body, kind=data.kind), kind=data.kind, name=data.name,
        email=data.email, phone=data.phone, address=data.address, question=data.question,
        format=data.format, show_name=data.show_name, language=language,
        confirm_token=digest(token),
        confirm_expires_at=timezone.now() + datetime.timedelta(hours=CONFIRM_HOURS),
    )  # fmt: skip
    _log(request, Event.Kind.SENT)
    link = body.public_url(language, "requests_confirm", token=token)
    mail.letter(
        to=data.email, template="confirm", language=language,
        context={"request": request, "body": body, "url": mail.absolute(link),
                 "hours": CONFIRM_HOURS},
    )  # fmt: skip
    return request


@transaction.atomic
def confirm(*, token: str) -> Request:
    """Register the request whose link this is: a reference number and the due date. A link
    used again, expired or unknown raises the error that says so."""
    request = (
        Request.objects.select_for_update().select_related("body", "law")
        .filter(confirm_token=digest(token)).first()
        if token else None
    )  # fmt: skip
    if request is None:
        raise LinkUnknown(_("This confirmation link is not known. Check that it was copied whole."))
    if request.status != Status.UNCONFIRMED:
        raise LinkUsed(_("This link was already used: your request is registered."), request)
    if request.confirm_expires_at and request.confirm_expires_at < timezone.now():
        raise LinkExpired(
            _("This confirmation link has expired. Send your request again."), request
        )
    _check_body(request.body)
    _register(request, by=None)
    return request


@transaction.atomic
def register(*, body: Body, data: RequestIn, channel: str, language: str, by,
             received_on: datetime.date | None = None) -> Request:  # fmt: skip
    """A request that came on paper, orally or by e-mail, registered by the body's staff; the
    term counts from `received_on` (today by default)."""
    request = Request(
        body=body, law=law_for(body, on=received_on, kind=data.kind), kind=data.kind,
        name=data.name, email=data.email,
        phone=data.phone, address=data.address, question=data.question, format=data.format,
        show_name=data.show_name, language=language, channel=channel,
    )  # fmt: skip
    request.save()
    _register(request, by=by, received_on=received_on)
    return request


def _next_reference(body: Body, year: int) -> str:
    counter, _new = Counter.objects.select_for_update().get_or_create(body=body, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{body.slug.upper()}-{year}-{counter.last:04d}"


def _register(request: Request, *, by, received_on: datetime.date | None = None) -> None:
    now = timezone.now()
    body = request.body
    request.received_at = now
    request.received_on = received_on or local_date(now, body.time_zone)
    request.reference = _next_reference(body, request.received_on.year)
    request.due_on = due_date(request.law, request.received_on, work_calendar(body.country))
    request.status = Status.RECEIVED
    request.save()
    _log(request, Event.Kind.RECEIVED, by=by)
    _tell(request, "registered")
    evidence.changed(body.pk)


def _open(request: Request) -> None:
    if request.status not in OPEN:
        raise RequestError(_("This request is closed already."), request)


@transaction.atomic
def assign(*, request: Request, to, by) -> Request:
    _open(request)
    request.assigned_to = to
    request.save(update_fields=["assigned_to"])
    _log(request, Event.Kind.ASSIGNED, by=by, text=to.get_full_name() or to.get_username())
    return request


@transaction.atomic
def ask_clarification(*, request: Request, text: str, by) -> Request:
    """Ask the requester what exactly they want; the request waits for the answer."""
    _open(request)
    request.status = Status.CLARIFICATION
    request.save(update_fields=["status"])
    _log(request, Event.Kind.CLARIFICATION, by=by, text=text)
    _tell(request, "clarification", text=text)
    return request


@transaction.atomic
def clarified(*, request: Request, text: str, by, on: datetime.date | None = None) -> Request:
    """The requester's clarification arrived: the term counts again from that day."""
    if request.status != Status.CLARIFICATION:
        raise RequestError(_("No clarification was asked for this request."), request)
    request.status = Status.RECEIVED
    request.received_on = on or local_date(timezone.now(), request.body.time_zone)
    request.due_on = due_date(
        request.law, request.received_on, work_calendar(request.body.country),
        request.extended_days,
    )  # fmt: skip
    request.save(update_fields=["status", "received_on", "due_on"])
    _log(request, Event.Kind.CLARIFIED, by=by, text=text)
    _tell(request, "clarified")
    return request


@transaction.atomic
def extend(*, request: Request, days: int, reason: str, by, today=None) -> Request:
    """Extend the term by `days` (at most the law's extension, in all), before it ends, with
    the reason written to the requester."""
    _open(request)
    today = today or local_date(timezone.now(), request.body.time_zone)
    left = request.law.extension_days - request.extended_days
    if days < 1 or days > left:
        raise RequestError(
            _("The law allows an extension of %(days)s more days at most.") % {"days": left},
            request,
        )
    if request.due_on and today > request.due_on:
        raise RequestError(
            _("The term has ended: it can be extended only before it ends."), request
        )
    request.extended_days += days
    request.due_on = due_date(
        request.law, request.received_on, work_calendar(request.body.country),
        request.extended_days,
    )  # fmt: skip
    request.save(update_fields=["extended_days", "due_on"])
    _log(request, Event.Kind.EXTENDED, by=by, text=reason)
    _tell(request, "extended", reason=reason)
    return request


@transaction.atomic
def forward(*, request: Request, to: Body, reason: str, by) -> Request:
    """Hand the request to `to`, the body that holds the information: it moves there with its
    log, and the term counts again from today under that body's law."""
    _open(request)
    if to.pk == request.body_id or not to.is_active:
        raise RequestError(_("Choose another body on the platform."), request)
    old = request.body
    today = local_date(timezone.now(), to.time_zone)
    request.body = to
    request.law = law_for(to, kind=request.kind)
    request.received_on = today
    request.extended_days = 0
    request.assigned_to = None
    request.due_on = due_date(request.law, today, work_calendar(to.country))
    request.save(update_fields=["body", "law", "received_on", "extended_days", "assigned_to",
                                "due_on"])  # fmt: skip
    _log(request, Event.Kind.FORWARDED, by=by, text=f"{old.name} → {to.name}\n{reason}".strip())
    _tell(request, "forwarded", old=old, reason=reason)
    evidence.changed(old.pk)
    evidence.changed(to.pk)
    return request


@transaction.atomic
def answer(*, request: Request, status: str, text: str, by, files=()) -> Request:
    """Close the request: answered, partly answered or refused (with its legal ground in
    `text`); `files` are checked uploads ((title, file) pairs)."""
    _open(request)
    if status not in CLOSED:
        raise RequestError(_("Choose how the request is answered."), request)
    now = timezone.now()
    request.status = status
    request.answer = text
    request.closed_at = now
    request.closed_on = local_date(now, request.body.time_zone)
    request.save(update_fields=["status", "answer", "closed_at", "closed_on"])
    for title, upload in files:
        AnswerFile.objects.create(request=request, title=title[:200], file=upload)
    _log(request, {Status.ANSWERED: Event.Kind.ANSWERED, Status.PARTLY: Event.Kind.PARTLY,
                   Status.REFUSED: Event.Kind.REFUSED}[status], by=by, text=text)  # fmt: skip
    _tell(request, "answered")
    evidence.changed(request.body_id)
    return request


@transaction.atomic
def publish(*, request: Request, public_question: str, is_public: bool, by) -> Request:
    """Show the request in the public register with its question as staff wrote it (without
    personal data), or take it off."""
    if is_public and not public_question.strip():
        raise RequestError(_("Write the question as it may be published."), request)
    was = Request.objects.filter(pk=request.pk).values_list("is_public", flat=True).first()
    request.public_question = public_question
    request.is_public = is_public
    request.save(update_fields=["public_question", "is_public"])
    if was != is_public:
        _log(request, Event.Kind.PUBLISHED if is_public else Event.Kind.WITHDRAWN, by=by)
    return request


def recompute_due_dates(*, countries) -> int:
    """Count the due date of every running request of bodies in `countries` again with the
    calendar as it is now (after a holiday is added, moved or removed); each change is logged.
    Returns how many due dates moved."""
    calendars = work_calendars(list(countries))
    moved = []
    running = (
        Request.objects.filter(status__in=OPEN, body__country__in=list(countries))
        .select_related("law", "body").only(
            "pk", "received_on", "due_on", "extended_days", "law", "body__country"
        )
    )  # fmt: skip
    for request in running.iterator(chunk_size=2000):
        due = due_date(
            request.law, request.received_on, calendars[request.body.country],
            request.extended_days,
        )  # fmt: skip
        if due != request.due_on:
            old, request.due_on = request.due_on, due
            moved.append((request, old))
    with transaction.atomic():
        Request.objects.bulk_update([request for request, _old in moved], ["due_on"], 1000)
        Event.objects.bulk_create(
            [Event(request=request, kind=Event.Kind.DUE_CHANGED,
                   text=f"{old.isoformat()} → {request.due_on.isoformat()}")
             for request, old in moved],
            batch_size=1000,
        )  # fmt: skip
        for body_id in {request.body_id for request, _old in moved}:  # bulk: no signal
            forget_body(body_id, platform=True)
    return len(moved)
