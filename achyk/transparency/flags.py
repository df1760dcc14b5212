"""Writes of the JMEG's part: registering members, flagging evidence, answering flags.

A JMEG member (член группы СМиО) is a user account with no staff role and no admin access,
tied to one body; body admins register them. Members flag the body's evidence on its public
transparency page; the body's staff answer, and the answer is public.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from achyk.bodies.models import Body

from .followup import EvidenceFlag, JmegMember


def register_jmeg_member(
    *, body: Body, username: str, first_name: str, last_name: str, email: str, password: str, by
) -> JmegMember:
    """A new sign-in for a JMEG member of `body` (no admin access: no staff flag, no group)."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, email=email, password=password, first_name=first_name,
            last_name=last_name,
        )  # fmt: skip
        return JmegMember.objects.create(body=body, user=user, added_by=by)


def set_jmeg_access(*, member: JmegMember, active: bool) -> JmegMember:
    """Close (or reopen) a member's sign-in; their flags and the answers stay public."""
    member.user.is_active = active
    member.user.save(update_fields=["is_active"])
    return member


def flag_evidence(
    *, member: JmegMember, duty_code: str, language: str, evidence_url: str,
    evidence_title: str, kind: str, comment: str,
) -> EvidenceFlag:  # fmt: skip
    """A member's remark on one piece of evidence (or on the duty as a whole)."""
    return EvidenceFlag.objects.create(
        body=member.body, duty_code=duty_code, language=language, evidence_url=evidence_url,
        evidence_title=evidence_title[:300], kind=kind, comment=comment, author=member.user,
    )  # fmt: skip


def answer_flag(*, flag: EvidenceFlag, answer: str, by) -> EvidenceFlag:
    """The body's answer, shown publicly under the flag; answering again replaces it."""
    flag.answer = answer
    flag.answered_by = by
    flag.answered_at = timezone.now()
    flag.save(update_fields=["answer", "answered_by", "answered_at"])
    return flag
