"""Letters to requesters: written in their language, sent by the task queue.

A letter is rendered here (subject and plain text from `templates/requests/email/`, in the
requester's language) and queued with `tasks.send_letter`: on the database queue it is queued
in the same transaction as the step it tells of, so a step rolled back sends nothing and a
mail server that is down delays the letter without refusing the step. With no EMAIL_URL
the letters are printed by the worker that `make run` starts.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_letter


def absolute(path: str) -> str:
    """A full address of the platform for a letter (WAGTAILADMIN_BASE_URL is its base)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render(template: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, text) of `templates/requests/email/<template>.txt` in `language`; its first
    line is the subject."""
    with translation.override(language):
        text = render_to_string(f"requests/email/{template}.txt", context)
    subject, _blank, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def letter(*, to: str, template: str, context: dict, language: str, headers=None) -> None:
    """Queue a letter to `to`, unless there is no address (paper and oral requests)."""
    if not to:
        return
    subject, body = render(template, context, language)
    send_letter.enqueue(to=to, subject=subject, body=body, headers=headers or {})
