"""Sending the letters of one frequency (immediate, daily, weekly): `send(frequency, now)`.

Subscribers are read in order of body, a chunk at a time; the new items of their bodies are
read for a few hundred bodies at once, from the oldest watermark among the chunk's
subscribers; each subscriber gets one letter with the items of their topics and language
first published after their watermark, which then moves to `now`. Memory holds one chunk of
subscribers and the items of its bodies, whatever their number (docs/benchmarks.md). The
letters go over one SMTP connection; if the server fails, the run stops and only the
subscribers whose letters went out have their watermark moved, so no item is sent twice
and none is lost.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from achyk.bodies.models import Body, public_url

from .items import new_items
from .models import Subscriber, Topic

CHUNK = 2000
#: The longest a watermark may look back: an address confirmed long ago and never sent to
#: gets at most this much.
LOOKBACK = datetime.timedelta(days=8)


@dataclass
class Report:
    letters: int = 0
    subscribers: int = 0
    failed: bool = False
    bodies: set = field(default_factory=set)


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def leave_url(slug: str, language: str, key: str) -> str:
    """The one-click address of a subscriber's letters (reversed once per body and language:
    the key is the only part that differs)."""
    return _leave_prefix(slug, language).replace("KEY", key)


@functools.lru_cache(maxsize=4096)
def _leave_prefix(slug: str, language: str) -> str:
    return absolute(public_url(slug, language, "subscriptions_leave", key="KEY"))


def send(frequency: str, now: datetime.datetime | None = None) -> Report:
    """Send every due letter of `frequency`; returns how many letters went out."""
    now = now or timezone.now()
    report = Report()
    rows = (
        Subscriber.objects.active().filter(frequency=frequency)
        .annotate(since=Coalesce("sent_until", "confirmed_at"))
        .order_by("body_id", "id")
        .values_list("id", "body_id", "email", "language", "topics", "since", "leave_key")
    )  # fmt: skip
    connection = get_connection()
    connection.open()
    try:
        for chunk in _chunks(rows.iterator(chunk_size=CHUNK), CHUNK):
            if not _send_chunk(chunk, now, connection, report):
                report.failed = True
                break
    finally:
        connection.close()
    return report


def _chunks(iterable, size):
    chunk = []
    for row in iterable:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _send_chunk(chunk, now, connection, report: Report) -> bool:
    oldest = max(min(row[5] for row in chunk), now - LOOKBACK)
    body_ids = sorted({row[1] for row in chunk})
    items = new_items(body_ids, oldest, now)
    bodies = {body.pk: body for body in Body.objects.filter(pk__in=body_ids)}
    done: list[int] = []
    ok = True
    texts: dict = {}  # the same items in the same language make the same letter
    for body_id, rows in groupby(chunk, key=lambda row: row[1]):
        body = bodies[body_id]
        for row in rows:
            report.subscribers += 1
            letter = _letter(body, row, items.get(body_id, ()), texts)
            if letter is not None:
                try:
                    connection.send_messages([letter])
                except Exception:  # noqa: BLE001 - the server is down: stop, keep the rest
                    ok = False
                    break
                report.letters += 1
                report.bodies.add(body_id)
            done.append(row[0])
        if not ok:
            break
    Subscriber.objects.filter(pk__in=done).update(sent_until=now)
    return ok


def _letter(body: Body, row, items, texts: dict) -> EmailMessage | None:
    _pk, _body_id, email, language, topics, since, key = row
    wanted = set(topics.split(","))
    mine = tuple(
        item for item in items
        if item.language == language and item.topic in wanted and item.published_at > since
    )  # fmt: skip
    if not mine:
        return None
    leave = leave_url(body.slug, language, key)
    if (body.pk, language, mine) not in texts:
        with translation.override(language):
            name = body.translated("name", language)
            texts[body.pk, language, mine] = (
                _("New on the site of %(body)s") % {"body": name}, _text(name, mine),
                _("Unsubscribe with one click:"),
            )  # fmt: skip
    subject, text, leave_label = texts[body.pk, language, mine]
    return EmailMessage(
        subject=subject, body=f"{text}{leave_label}\n{leave}\n",
        from_email=settings.DEFAULT_FROM_EMAIL, to=[email],
        headers={"List-Unsubscribe": f"<{leave}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "List-Id": f"<{body.slug}.{_list_domain()}>"},
    )  # fmt: skip


def _list_domain() -> str:
    return settings.ACHYK_SITES_DOMAIN or "localhost"


def _text(name: str, items) -> str:
    lines = [_("New on the site of %(body)s:") % {"body": name}, ""]
    for topic in Topic.values:
        of_topic = [item for item in items if item.topic == topic]
        if not of_topic:
            continue
        lines.append(str(Topic(topic).label).capitalize())
        for item in of_topic:
            lines += [f"- {item.title}", f"  {absolute(item.url)}"]
        lines.append("")
    lines += ["--", _("You receive this because you subscribed on the site and confirmed it.")]
    return "\n".join(lines) + "\n"


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
