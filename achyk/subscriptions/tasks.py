"""Background work of subscriptions on the platform's task queue (django-tasks): the
confirmation letter, and the runs of immediate letters and digests."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def confirmation_letter(*, subscriber_id: int, token: str) -> None:
    """The letter with the link that confirms a subscription, in the subscriber's language."""
    from achyk.bodies.models import public_url

    from .digest import absolute
    from .models import Subscriber

    subscriber = Subscriber.objects.select_related("body").filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    body, language = subscriber.body, subscriber.language
    link = absolute(public_url(body.slug, language, "subscriptions_confirm", token=token))
    with translation.override(language):
        text = render_to_string(
            "subscriptions/email/confirm.txt",
            {"body": body, "url": link, "subscriber": subscriber,
             "body_name": body.translated("name", language)},
        ).strip()  # fmt: skip
    subject, _blank, rest = text.partition("\n")
    EmailMessage(
        subject=subject.strip(), body=rest.strip() + "\n", from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    ).send()  # fmt: skip


@task()
def send_letters(*, frequency: str) -> int:
    """Send the due letters of `frequency` ("immediate", "daily" or "weekly")."""
    from .digest import send

    return send(frequency).letters
