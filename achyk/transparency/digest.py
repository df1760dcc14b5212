"""The e-mail digest of a body's admins (кабар / сводка): duties that became due within a
week, went out of date or are still not published, since the last digest; and what other
apps say the body owes past its legal date (requests for information not answered in time).

Each piece of news (duty, language, state, due date) is recorded as a `DigestMark` once
sent, so the same news is never sent twice; when a duty is published again its due date
moves and its next deadline is news again. Each admin reads the digest in the admin
language they chose (Kyrgyz by default). Sent through Django's mail backend (EMAIL_URL:
console by default, SMTP in production), daily by the `send_transparency_digests` command
or task.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from achyk.bodies.evidence import OverdueItem
from achyk.bodies.models import Body, Membership

from . import selectors, todo
from .followup import DigestMark
from .models import BodySummary, Duty

#: The to-do situations a digest tells of, and the state recorded for each.
STATES = {todo.DUE: "due", todo.OVERDUE: "stale", todo.MISSING: "missing"}
#: The state recorded for a thing owed past its legal date (`todo.past_due`).
PAST_DUE = "past_due"


@dataclass(frozen=True)
class News:
    duty: Duty
    language: str
    state: str
    due_on: datetime.date | None

    @property
    def key(self) -> tuple:
        return (self.duty.code, self.language, self.state, self.due_on)


def current_news(body: Body, *, today: datetime.date | None = None) -> list[News]:
    """Everything due, out of date or not published for `body` now, most urgent first."""
    today = today or todo.today_of(body)
    found = []
    for state in selectors.duty_states(body):
        for score in state.scores:
            kind = todo.kind_of(score, today)
            if kind in STATES:
                found.append(News(state.duty, score.language, STATES[kind], score.due_on))
    order = list(STATES.values())
    return sorted(found, key=lambda n: (order.index(n.state), n.due_on or datetime.date.max))


def unsent_news(body: Body, *, today: datetime.date | None = None) -> list[News]:
    """The news no earlier digest of `body` told."""
    sent = set(
        DigestMark.objects.filter(body=body).values_list("duty_code", "language", "state", "due_on")
    )
    return [news for news in current_news(body, today=today) if news.key not in sent]


def _mark_code(item: OverdueItem) -> str:
    return item.key[: DigestMark._meta.get_field("duty_code").max_length]


def unsent_past_due(body: Body, *, today: datetime.date | None = None) -> list[OverdueItem]:
    """What `body` owes past its legal date that no earlier digest told (a new due date,
    after an extension, is news again)."""
    sent = set(
        DigestMark.objects.filter(body=body, state=PAST_DUE).values_list("duty_code", "due_on")
    )
    items = todo.past_due(body, today=today)
    return [item for item in items if (_mark_code(item), item.due_on) not in sent]


def recipients(body: Body) -> list:
    """The body's active admins who have an e-mail address."""
    return list(
        get_user_model()
        .objects.filter(
            membership__body=body, membership__role=Membership.Role.ADMIN, is_active=True
        )
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )


def language_of(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def message_for(
    body: Body, news: list[News], user, past_due: list[OverdueItem] = ()
) -> mail.EmailMessage:
    """The digest for one admin, written in their language."""
    language = language_of(user)
    with translation.override(language):
        context = {
            "body": body, "user": user, "news": news, "past_due": past_due,
            "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
            "todo_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("transparency_admin:todo"),
            "labels": {"due": _("Due this week"), "stale": _("Out of date"),
                       "missing": _("Not published yet")},
        }  # fmt: skip
        subject = _("%(body)s: what to publish (transparency monitor)") % {"body": body.name}
        text = render_to_string("transparency/email/digest.txt", context)
    return mail.EmailMessage(
        subject, text, settings.DEFAULT_FROM_EMAIL, [user.email],
        headers={"Content-Language": language},
    )  # fmt: skip


def send_digest(body: Body, *, connection=None, today: datetime.date | None = None) -> int:
    """Send `body`'s admins the news since its last digest; returns the e-mails sent.

    The news is recorded only after the mail backend accepted the messages: a failure
    (an SMTP server down) raises, and the next run sends the same news again.
    """
    news = unsent_news(body, today=today)
    past_due = unsent_past_due(body, today=today)
    people = recipients(body)
    if not (news or past_due) or not people:
        return 0
    messages = [message_for(body, news, person, past_due) for person in people]
    connection = connection or mail.get_connection()
    sent = connection.send_messages(messages) or 0
    now = timezone.now()
    with transaction.atomic():
        DigestMark.objects.bulk_create([
            DigestMark(body=body, duty_code=n.duty.code, language=n.language, state=n.state,
                       due_on=n.due_on, sent_at=now, recipients=sent)
            for n in news
        ] + [
            DigestMark(body=body, duty_code=_mark_code(item), language="", state=PAST_DUE,
                       due_on=item.due_on, sent_at=now, recipients=sent)
            for item in past_due
        ])  # fmt: skip
    return sent


def send_digests() -> int:
    """A digest for every active body the monitor has scored; returns the e-mails sent."""
    scored = BodySummary.objects.filter(body__is_active=True).values_list("body_id", flat=True)
    bodies = Body.objects.filter(pk__in=scored).order_by("pk")
    with mail.get_connection() as connection:
        return sum(send_digest(body, connection=connection) for body in bodies)


@task()
def send_digests_task() -> int:
    """The daily run (after the scores are recomputed)."""
    return send_digests()
