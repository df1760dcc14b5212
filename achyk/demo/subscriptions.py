"""The demo's e-mail subscribers of each body (demo data, not interface text).

Every demo body (unless it has subscribers) gets three confirmed daily subscribers at
addresses of the reserved `example.org` domain: one whose letters arrive, one whose letters
bounced twice (one more hard bounce stops them), and one stopped after three, so the staff's
*Bounced letters* screen has something to show and to resume.
"""

import datetime
import secrets

from django.utils import timezone

from achyk.bodies.models import Body
from achyk.subscriptions.models import Bounce, Subscriber

#: (name of the address, hard bounces counted, stopped)
READERS = [("aigul", 0, False), ("bakyt", 2, False), ("cholpon", 3, True)]


def ensure(*, body: Body) -> None:
    if Subscriber.objects.filter(body=body).exists():
        return
    now = timezone.now()
    for n, (name, bounces, stopped) in enumerate(READERS):
        email = f"{name}.{body.slug}@example.org"
        Subscriber.objects.create(
            body=body, email=email, language=("ky", "ru")[n % 2],
            topics="news,announcements,acts,budget", frequency="daily",
            leave_key=secrets.token_urlsafe(32), confirmed_at=now - datetime.timedelta(days=30),
            sent_until=now, stopped_at=now - datetime.timedelta(days=1) if stopped else None,
            stop_reason="bounced" if stopped else "",
        )  # fmt: skip
        if bounces:
            Bounce.objects.update_or_create(email=email, defaults={
                "hard_bounces": bounces, "last_bounced_on": timezone.localdate(),
                "stopped_at": now - datetime.timedelta(days=1) if stopped else None,
            })  # fmt: skip
