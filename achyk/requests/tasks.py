"""Background work of requests and subscriptions' letters: sending one letter."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_letter(*, to: str, subject: str, body: str, headers: dict) -> None:
    """Send one plain-text letter (UTF-8) with extra `headers`."""
    EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to],
        headers=headers,
    ).send()  # fmt: skip
