"""Every write of plans outside the admin's viewsets: the body's progress updates, the
monitoring group's assessments (its flags: answered, reopened, closed) and reports, the
body's answers, and the import of actions.
Keyword-only functions, each in one transaction; bad input raises `ValidationError` with a
translated message by field, and nothing is saved."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from achyk.bodies import roles
from achyk.bodies.evidence import changed

from . import photos
from .models import (
    Action,
    Assessment,
    CostLine,
    EvidencePhoto,
    MonitoringReport,
    Objective,
    Plan,
    ProgressUpdate,
    Recommendation,
    Status,
)
from .validation import cost_year_error, date_errors

MAX_RECOMMENDATIONS = 50
PHOTO_ALT_MISSING = gettext_lazy("Say what the photo shows, for readers who cannot see it.")


@transaction.atomic
def record_progress(
    *,
    action: Action,
    reported_on: datetime.date,
    status: str,
    progress: int,
    text: str,
    language: str,
    by=None,
) -> ProgressUpdate:
    """The body's dated update on `action`; the newest update sets the action's status."""
    update = ProgressUpdate(
        body_id=action.body_id,
        action=action,
        reported_on=reported_on,
        status=status,
        progress=progress,
        **{f"text_{language}": text},
    )
    update.full_clean()
    update.save()
    changed(action.body_id)
    return update


@transaction.atomic
def assess_action(
    *,
    member,
    action: Action,
    status: str,
    rating: int,
    comment: str,
    evidence_url: str = "",
    report: MonitoringReport | None = None,
    photo=None,
    photo_alt: str = "",
) -> Assessment:
    """A monitoring group member's own assessment of an action of their body, with a photo
    of what they saw if given (`photo`, a file: checked, and kept only as the copies
    `photos.renditions` writes; `photo_alt` says what it shows)."""
    if member.body_id != action.body_id:
        raise ValidationError(_("You monitor another body's plans."))
    if report is not None and (report.plan_id != action.plan_id or report.is_published):
        raise ValidationError({"report": _("Choose a draft report on the same plan.")})
    photo_alt = photo_alt.strip()
    if photo is not None and not photo_alt:
        raise ValidationError({"photo_alt": PHOTO_ALT_MISSING})
    copies = photos.renditions(photo) if photo is not None else None
    user = member.user
    assessment = Assessment(
        body_id=action.body_id,
        action=action,
        report=report,
        status=status,
        rating=rating,
        comment=comment,
        evidence_url=evidence_url,
        author=user,
        author_name=user.get_full_name() or user.get_username(),
    )
    assessment.full_clean()
    assessment.save()
    if copies is not None:
        picture = EvidencePhoto(
            body_id=action.body_id, assessment=assessment, alt=photo_alt, image=copies[0],
            small=copies[1],
        )  # fmt: skip
        picture.full_clean(exclude=["image", "small"])
        picture.save()
    return assessment


@transaction.atomic
def answer_assessment(*, assessment: Assessment, answer: str, by) -> Assessment:
    """The body's public answer to the group's flag on an action; a closed flag takes none.
    The member who flagged it hears of it by e-mail."""
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    if assessment.state == Assessment.State.CLOSED:
        raise ValidationError(_("The group closed this flag."))
    assessment.answer = answer
    assessment.answered_by = by
    assessment.answered_at = timezone.now()
    assessment.state = Assessment.State.ANSWERED
    assessment.save(update_fields=["answer", "answered_by", "answered_at", "state"])
    transaction.on_commit(lambda: _tell_flag_author(assessment))
    return assessment


def _tell_flag_author(assessment: Assessment) -> None:
    author = assessment.author
    if author is None or not author.email or not author.is_active:
        return
    body = assessment.body
    with translation.override(body.default_language):
        url = body.public_url(body.default_language, "plans_action", pk=assessment.action_id)
        subject = _("%(body)s answered your flag on an action") % {"body": body.name}
        text = _(
            "%(body)s answered your flag on “%(action)s”:\n\n%(answer)s\n\n"
            "Close the flag, or reopen it if the answer is not enough: %(url)s"
        ) % {
            "body": body.name,
            "action": str(assessment.action),
            "answer": assessment.answer,
            "url": f"{settings.WAGTAILADMIN_BASE_URL}{url}#assessment-{assessment.pk}",
        }
    send_mail(subject, text, None, [author.email], fail_silently=True)


@transaction.atomic
def reopen_assessment(*, member, assessment: Assessment, note: str) -> Assessment:
    """The group finds the body's answer wanting: the flag is open again, with why."""
    if member.body_id != assessment.body_id:
        raise ValidationError(_("You monitor another body's plans."))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say why the answer is not enough.")})
    if assessment.state != Assessment.State.ANSWERED:
        raise ValidationError(_("Only a flag the body answered can be reopened."))
    assessment.state = Assessment.State.OPEN
    assessment.reopen_note = note
    assessment.save(update_fields=["state", "reopen_note"])
    transaction.on_commit(lambda: _tell_staff_of_reopening(assessment))
    return assessment


def reopening_recipients(assessment: Assessment) -> list:
    """Who hears that the group reopened a flag: the staff member who answered it, if still
    on the body's staff, and the body's administrators; those with an e-mail address."""
    body = assessment.body
    people = list(
        roles.body_staff(body, admins_only=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )
    answerer = assessment.answered_by
    if (
        answerer is not None
        and answerer.email
        and roles.is_body_staff(answerer, body)
        and answerer.pk not in {person.pk for person in people}
    ):
        people.insert(0, answerer)
    return people


def language_of(user, body) -> str:
    """The language a staff member reads the admin in; the body's own if they chose none."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or ""
    return language if language in dict(settings.LANGUAGES) else body.default_language


def _tell_staff_of_reopening(assessment: Assessment) -> None:
    """One letter per staff member, each in their own language, with the flag's address in
    the admin where they answer it again."""
    url = settings.WAGTAILADMIN_BASE_URL + reverse("plans_admin_flag", args=[assessment.pk])
    for person in reopening_recipients(assessment):
        with translation.override(language_of(person, assessment.body)):
            params = {
                "body": assessment.body.name,
                "action": str(assessment.action),
                "note": assessment.reopen_note,
                "url": url,
            }
            subject = _("The monitoring group reopened its flag on “%(action)s”") % params
            text = (
                _(
                    "The monitoring group of %(body)s finds the answer to its flag on "
                    "“%(action)s” not enough and reopened it:\n\n%(note)s\n\n"
                    "Answer it again in the admin: %(url)s"
                )
                % params
            )
        send_mail(subject, text, None, [person.email], fail_silently=True)


@transaction.atomic
def close_assessment(*, member, assessment: Assessment) -> Assessment:
    """The group is satisfied (or withdraws the flag): it is closed for good."""
    if member.body_id != assessment.body_id:
        raise ValidationError(_("You monitor another body's plans."))
    if assessment.state != Assessment.State.CLOSED:
        assessment.state = Assessment.State.CLOSED
        assessment.closed_at = timezone.now()
        assessment.save(update_fields=["state", "closed_at"])
    return assessment


def split_recommendations(text: str) -> list[str]:
    """One recommendation per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@transaction.atomic
def file_report(
    *, member, plan: Plan, period: str, checked: str, findings: str, recommendations: list[str]
) -> MonitoringReport:
    """A draft report of the monitoring group on `plan`; readers see it once approved."""
    if member.body_id != plan.body_id or not plan.is_published:
        raise ValidationError(_("You monitor another body's plans."))
    if len(recommendations) > MAX_RECOMMENDATIONS:
        raise ValidationError(
            {"recommendations": _("At most %(n)s recommendations.") % {"n": MAX_RECOMMENDATIONS}}
        )
    report = MonitoringReport(
        body_id=plan.body_id,
        plan=plan,
        period=period,
        checked=checked,
        findings=findings,
        author=member.user,
    )
    report.full_clean()
    report.save()
    for number, text in enumerate(recommendations, start=1):
        item = Recommendation(report=report, number=number, text=text)
        item.full_clean(exclude=["report"])
        item.save()
    return report


@transaction.atomic
def publish_report(*, member, report: MonitoringReport) -> MonitoringReport:
    """The group approves its report: from now on readers see it, and the body answers."""
    if member.body_id != report.body_id:
        raise ValidationError(_("You monitor another body's plans."))
    if report.published_at is None:
        report.published_at = timezone.now()
        report.save(update_fields=["published_at", "updated_at"])
    changed(report.body_id)
    return report


@transaction.atomic
def answer_recommendation(*, recommendation: Recommendation, answer: str, by) -> Recommendation:
    """The body's public answer to a recommendation; the report's author hears of it."""
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    if not recommendation.report.is_published:
        raise ValidationError(_("The group has not approved this report yet."))
    first = not recommendation.answer
    recommendation.answer = answer
    recommendation.answered_by = by
    recommendation.answered_at = timezone.now()
    recommendation.save()
    if first:
        transaction.on_commit(lambda: _tell_author(recommendation))
    return recommendation


def _tell_author(recommendation: Recommendation) -> None:
    report = recommendation.report
    author = report.author
    if author is None or not author.email or not author.is_active:
        return
    body = report.body
    with translation.override(body.default_language):
        url = body.public_url(body.default_language, "plans_report", pk=report.pk)
        subject = _("%(body)s answered your monitoring report") % {"body": body.name}
        text = _(
            "%(body)s answered recommendation %(number)s of your report “%(report)s”:\n\n"
            "%(answer)s\n\nRead the report and every answer: %(url)s"
        ) % {
            "body": body.name,
            "number": recommendation.number,
            "report": str(report),
            "answer": recommendation.answer,
            "url": f"{settings.WAGTAILADMIN_BASE_URL}{url}",
        }
    send_mail(subject, text, None, [author.email], fail_silently=True)


# --- The spreadsheet import of actions -----------------------------------------------------


@dataclass
class ActionRow:
    """One checked row of an import: what to save, or its errors (by column)."""

    line: int
    objective: Objective | None = None
    code: str = ""
    title: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    responsible: str = ""
    settlement: str = ""
    costs: list[tuple[str, int, Decimal, Decimal | None]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@transaction.atomic
def import_actions(*, plan: Plan, rows: list[ActionRow], language: str) -> list[Action]:
    """Adds the rows' actions to `plan`, all or nothing: any row with an error (or a date or
    year outside the plan, checked again here) refuses the whole import."""
    problems = [row for row in rows if row.errors or _row_problems(row, plan)]
    if problems or not rows:
        raise ValidationError(_("Nothing was saved: correct the rows marked in red."))
    created = []
    for row in rows:
        action = Action(
            body_id=plan.body_id,
            objective=row.objective,
            code=row.code,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            responsible=row.responsible,
            settlement=row.settlement,
            status=Status.PLANNED,
            **{f"title_{language}": row.title},
        )
        action.save()
        CostLine.objects.bulk_create(
            CostLine(
                action=action,
                source=source,
                year=year,
                planned=planned,
                actual=actual,
                sort_order=index,
            )
            for index, (source, year, planned, actual) in enumerate(row.costs)
        )
        created.append(action)
    changed(plan.body_id)
    return created


def _row_problems(row: ActionRow, plan: Plan) -> list[str]:
    problems = list(date_errors(row.starts_on, row.ends_on, plan).values())
    problems += [cost_year_error(year, plan) for _s, year, _p, _a in row.costs]
    if row.objective is not None and row.objective.goal.plan_id != plan.pk:
        problems.append(_("The objective belongs to another plan."))
    problems = [problem for problem in problems if problem]
    row.errors.extend(problems)
    return problems
