"""The monitoring group's reports on social-order projects, filed on the public site as the
group files its reports on plans (`plans.services.file_report`): a member writes a draft,
the group approves it and readers see it; then the NGO answers on its own page and the
body's staff in the admin, and the member who filed it hears of each answer by e-mail.

Refusals raise `services.Refused` (translated); each write that readers see tells the
monitor (`bodies.evidence.changed`).
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import changed

from ..models import Contract, MonitoringReport
from ..services import Refused, recipients


@transaction.atomic
def file_report(
    *, member, contract: Contract, visited_on: datetime.date, members: str, checked: str,
    feedback: str, findings: str, rating: int,
) -> MonitoringReport:  # fmt: skip
    """A draft report of a member of the body's monitoring group on a published contract;
    readers see it once the group approves it (`publish_report`)."""
    if member.body_id != contract.body_id or not contract.is_published:
        raise Refused(_("You monitor the projects of your own body only."))
    if visited_on > timezone.localdate():
        raise Refused({"visited_on": _("The visit cannot be in the future.")})
    if visited_on < contract.starts_on:
        raise Refused({"visited_on": _("The visit cannot be before the project starts.")})
    report = MonitoringReport(
        body_id=contract.body_id, contract=contract, visited_on=visited_on, members=members,
        checked=checked, feedback=feedback, findings=findings, rating=rating,
        by_group=True, author=member.user,
    )  # fmt: skip
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def publish_report(*, member, report: MonitoringReport) -> MonitoringReport:
    """The group approves its draft: readers see it from now on; the NGO is asked to answer."""
    if member.body_id != report.body_id or not report.is_filed_by_group:
        raise Refused(_("You monitor the projects of your own body only."))
    if not report.is_published:
        report.is_published = True
        report.save()
        transaction.on_commit(lambda: _tell_ngo(report))
    changed(report.body_id)
    return report


@transaction.atomic
def answer_as_ngo(*, ngo_member, report: MonitoringReport, answer: str) -> MonitoringReport:
    """The NGO's public answer to a published report on its own project."""
    application = report.contract.application
    if ngo_member.organisation_id != application.organisation_id or not report.is_published:
        raise Refused(_("Only the NGO that runs the project answers this report."))
    answer = answer.strip()
    if not answer:
        raise Refused({"answer": _("Write the answer.")})
    first = report.ngo_answered_at is None
    report.ngo_answer, report.ngo_answered_at = answer, timezone.now()
    report.save(update_fields=["ngo_answer", "ngo_answered_at", "updated_at"])
    if first:
        transaction.on_commit(lambda: tell_author(report, by_ngo=True))
    return report


def noted_body_answer(report: MonitoringReport, *, was_answered: bool) -> None:
    """The body's staff answered (or changed their answer) in the admin: the answer is
    dated, and on the first one the member who filed the report hears of it."""
    report.body_answered_at = timezone.now()
    if not was_answered:
        transaction.on_commit(lambda: tell_author(report, by_ngo=False))


def _link(report: MonitoringReport, language: str) -> str:
    body = report.body
    path = body.public_url(language, "social_order_contract", pk=report.contract_id)
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}#monitoring-{report.pk}"


def _tell_ngo(report: MonitoringReport) -> None:
    body = report.body
    with translation.override(body.default_language):
        params = {"body": body.name, "contract": str(report.contract),
                  "url": _link(report, body.default_language)}  # fmt: skip
        subject = gettext("The monitoring group reported on your project %(contract)s") % params
        text = (
            gettext(
                "The monitoring group of %(body)s published its report on your project "
                "%(contract)s. Read it and answer it on your page of the site: %(url)s"
            )
            % params
        )
    send_mail(subject, text, None, recipients(report.contract.application), fail_silently=True)


def tell_author(report: MonitoringReport, *, by_ngo: bool) -> None:
    author = report.author
    if author is None or not author.email or not author.is_active:
        return
    body = report.body
    with translation.override(body.default_language):
        params = {"who": report.contract.application.organisation.name if by_ngo else body.name,
                  "contract": str(report.contract), "url": _link(report, body.default_language),
                  "answer": report.ngo_answer if by_ngo else report.body_answer}  # fmt: skip
        subject = gettext("%(who)s answered your monitoring report") % params
        text = (
            gettext(
                "%(who)s answered your report on the project %(contract)s:\n\n%(answer)s\n\n"
                "Read the report and every answer: %(url)s"
            )
            % params
        )
    send_mail(subject, text, None, [author.email], fail_silently=True)
