"""Every write of the social order: keyword-only functions, each in one transaction.

They refuse what the rules forbid with `Refused` (a ValidationError whose message is
translated, so forms show it beside the field it names): a submission after the deadline or
a second one, amounts above the call's ceiling, a score out of range, a conflicted member
scoring, a tranche paid before its report is accepted (the database refuses that one too,
see `contracts.py`). Each write that changes what residents see tells the monitor
(`bodies.evidence.changed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import changed
from achyk.ui.uploads import check_document

from .models import (
    CALL_NEXT,
    Acceptance,
    Application,
    ApplicationState,
    Attachment,
    BudgetLine,
    Call,
    CallState,
    Contract,
    Criterion,
    Declaration,
    NgoMember,
    Organisation,
    OrganisationState,
    Report,
    ReportAttachment,
    ReportLine,
    ReportState,
    Score,
    Seat,
    Tranche,
    TrancheState,
)


class Refused(ValidationError):
    """A write the rules of the social order forbid; the message says why, translated."""


@dataclass(frozen=True)
class LineIn:
    item: str
    amount: Decimal


@dataclass(frozen=True)
class TrancheIn:
    amount: Decimal
    due_on: object
    report_expected: str = ""
    is_final: bool = False


# Calls -------------------------------------------------------------------------------------


def advance_call(*, call: Call, to: str) -> Call:
    """Move a call one step on: draft → open → closed → under review (→ decided by
    `decide_call`). An open call needs its criteria and its commission."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if CALL_NEXT.get(call.state) != to or to == CallState.DECIDED:
            raise Refused(
                _("A call cannot go from “%(from)s” to “%(to)s”."),
                params={"from": call.get_state_display(), "to": CallState(to).label},
            )
        if to == CallState.OPEN:
            if not call.criteria.exists():
                raise Refused(_("Give the call its criteria with weights before opening it."))
            if call.commission_id is None:
                raise Refused(_("Choose the commission that scores the call before opening it."))
            call.published_at = call.published_at or timezone.now()
        if to == CallState.REVIEW and call.deadline > timezone.now():
            raise Refused(_("The commission scores once the deadline has passed."))
        call.state = to
        call.save(update_fields=["state", "published_at", "updated_at"])
    changed(call.body_id)
    return call


def decide_call(*, call: Call, winners: list[Application], act=None, by=None) -> Call:
    """The commission's decision: the winners (submitted applications of this call), the act
    in the registry recording it; every applicant is told by e-mail."""
    call.refresh_from_db()
    if call.state != CallState.REVIEW:
        raise Refused(_("Only a call under review can be decided."))
    submitted = call.applications.filter(state=ApplicationState.SUBMITTED)
    ids = {a.pk for a in winners}
    if not ids or not ids <= set(submitted.values_list("pk", flat=True)):
        raise Refused(_("Choose the winners among the applications submitted to this call."))
    if act is not None and act.body_id != call.body_id:
        raise Refused(_("Choose an act of this body."))
    with transaction.atomic():
        submitted.update(is_winner=False)
        submitted.filter(pk__in=ids).update(is_winner=True)
        call.state, call.decision_act, call.decided_at = CallState.DECIDED, act, timezone.now()
        call.save(update_fields=["state", "decision_act", "decided_at", "updated_at"])
        transaction.on_commit(lambda: _tell_applicants(call))
    changed(call.body_id)
    return call


def _tell_applicants(call: Call) -> None:
    for application in call.applications.filter(state=ApplicationState.SUBMITTED).select_related(
        "organisation"
    ):
        if application.is_winner:
            text = gettext("Your application %(number)s “%(title)s” won the call “%(call)s”.")
        else:
            text = gettext(
                "Your application %(number)s “%(title)s” was not chosen in the call “%(call)s”."
            )
        params = {"number": application.number, "title": application.title, "call": call.title}
        send_mail(gettext("Results of the call “%(call)s”") % params, text % params, None,
                  recipients(application))  # fmt: skip


def recipients(application: Application) -> list[str]:
    """The addresses an NGO is written to about `application`: its own and its people's."""
    people = [m.user.email for m in application.organisation.members.select_related("user")]
    return sorted({e for e in [application.organisation.email, *people] if e})


# NGOs --------------------------------------------------------------------------------------


def sign_up(
    *, body, name: str, registration_number: str, address: str, head: str, email: str,
    phone: str, founding_document, username: str, password: str, first_name: str = "",
    last_name: str = "",
) -> NgoMember:  # fmt: skip
    """An NGO signs up on `body`'s site with its first person's sign-in; it waits for a body
    admin's confirmation before it may apply."""
    check_document(founding_document)
    if Organisation.objects.filter(body=body, registration_number=registration_number).exists():
        raise Refused(_("An organisation with this registration number has signed up already."))
    with transaction.atomic():
        organisation = Organisation.objects.create(
            body=body, name=name, registration_number=registration_number, address=address,
            head=head, email=email, phone=phone, founding_document=founding_document,
        )  # fmt: skip
        user = get_user_model().objects.create_user(
            username=username, email=email, password=password, first_name=first_name,
            last_name=last_name,
        )  # fmt: skip
        return NgoMember.objects.create(body=body, organisation=organisation, user=user)


def confirm_organisation(*, organisation: Organisation, confirmed: bool = True, note: str = ""):
    """A body admin confirms (or refuses) an NGO that signed up."""
    organisation.state = OrganisationState.CONFIRMED if confirmed else OrganisationState.REFUSED
    organisation.confirmed_at = timezone.now() if confirmed else None
    organisation.note = note
    organisation.save(update_fields=["state", "confirmed_at", "note"])
    return organisation


def invite_member(*, user, body) -> None:
    """E-mail a new commission member the link where they choose their password; they then
    sign in on the body's public site to score."""
    from django.conf import settings

    from achyk.bodies.services import invitation_link

    link = invitation_link(user=user, base_url=settings.WAGTAILADMIN_BASE_URL)
    params = {"body": body.name, "username": user.get_username(), "link": link}
    send_mail(
        gettext("You are a member of a competition commission of %(body)s") % params,
        gettext("Your user name is %(username)s. Choose your password here: %(link)s\n"
                "Then sign in on the body's site to score the applications.") % params,
        None, [user.email],
    )  # fmt: skip


# Applications ------------------------------------------------------------------------------


def start_application(*, member: NgoMember, call: Call, title: str) -> Application:
    """A draft of `member`'s NGO for `call`, while the call accepts applications."""
    if not member.organisation.is_confirmed:
        raise Refused(_("Your organisation applies once the body has confirmed it."))
    if call.body_id != member.body_id or not call.accepts_applications():
        raise Refused(_("This call does not accept applications now."))
    return Application.objects.create(
        body=call.body, call=call, organisation=member.organisation, title=title
    )


def save_draft(*, application: Application, fields: dict, lines: list[LineIn]) -> Application:
    """Keep the draft's text and budget; nothing is lost when the budget is refused."""
    if application.state != ApplicationState.DRAFT:
        raise Refused(_("Only a draft can be changed."))
    with transaction.atomic():
        for name, value in fields.items():
            setattr(application, name, value)
        application.save()
        application.lines.all().delete()
        BudgetLine.objects.bulk_create(
            [BudgetLine(body_id=application.body_id, application=application, item=line.item,
                        amount=line.amount) for line in lines]
        )  # fmt: skip
    _check_ceiling(application)
    return application


def _check_ceiling(application: Application) -> None:
    requested = sum((line.amount for line in application.lines.all()), start=Decimal(0))
    if requested > application.call.ceiling:
        raise Refused(
            _("The budget asks for %(requested)s, above the call's ceiling of %(ceiling)s."),
            params={"requested": requested, "ceiling": application.call.ceiling},
            code="ceiling",
        )


def add_attachment(*, application: Application, title: str, upload) -> Attachment:
    """A document of the application, checked by content (`ui.uploads.check_document`)."""
    if application.state != ApplicationState.DRAFT:
        raise Refused(_("Only a draft can be changed."))
    check_document(upload)
    if application.attachments.count() >= 20:
        raise Refused(_("An application takes at most 20 documents."))
    return Attachment.objects.create(
        body_id=application.body_id, application=application, title=title, file=upload
    )


def submit_application(*, application: Application, at=None) -> Application:
    """Submit a draft before the deadline: it gets its acknowledgement number, told by e-mail.
    A second submission, a late one, an empty budget or one above the ceiling are refused."""
    at = at or timezone.now()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.state == ApplicationState.SUBMITTED:
            raise Refused(_("This application was submitted already."), code="twice")
        if application.state != ApplicationState.DRAFT:
            raise Refused(_("Only a draft can be submitted."))
        if not call.accepts_applications(at):
            raise Refused(_("The deadline of this call has passed: applications are closed."),
                          code="late")  # fmt: skip
        if call.applications.filter(organisation_id=application.organisation_id,
                                    state=ApplicationState.SUBMITTED).exists():  # fmt: skip
            raise Refused(_("Your organisation has submitted an application to this call already."),
                          code="twice")  # fmt: skip
        if not application.lines.exists():
            raise Refused(_("Give the project's budget, line by line, before submitting."))
        _check_ceiling(application)
        sequence = call.applications.exclude(number="").count() + 1
        application.number = f"{call.programme.year}-{call.pk}-{sequence:03d}"
        application.state, application.submitted_at = ApplicationState.SUBMITTED, at
        try:
            with transaction.atomic():
                application.save(update_fields=["number", "state", "submitted_at", "updated_at"])
        except IntegrityError as error:
            raise Refused(_("This application was submitted already."), code="twice") from error
        transaction.on_commit(lambda: _acknowledge(application))
    changed(application.body_id)
    return application


def _acknowledge(application: Application) -> None:
    when = timezone.localtime(application.submitted_at).strftime("%d.%m.%Y %H:%M")
    params = {"number": application.number, "title": application.title,
              "call": application.call.title, "when": when}  # fmt: skip
    send_mail(
        gettext("Application %(number)s received") % params,
        gettext("Your application “%(title)s” to the call “%(call)s” was received on %(when)s. "
                "Its number is %(number)s.") % params,
        None, recipients(application),
    )  # fmt: skip


def withdraw_application(*, application: Application, at=None) -> Application:
    """An NGO withdraws its draft or submitted application, before the deadline only."""
    at = at or timezone.now()
    if application.state == ApplicationState.WITHDRAWN:
        raise Refused(_("This application was withdrawn already."))
    if at >= application.call.deadline:
        raise Refused(_("After the deadline an application can no longer be withdrawn."))
    application.state = ApplicationState.WITHDRAWN
    application.save(update_fields=["state", "updated_at"])
    changed(application.body_id)
    return application


# The commission ----------------------------------------------------------------------------


def declare(*, seat: Seat, application: Application, conflicted: bool, note: str = ""):
    """A member's declaration of interest on an application of their commission's call; it
    is given once and never changed (a member who scored cannot declare a conflict after)."""
    _check_seat(seat, application)
    if conflicted and not note.strip():
        raise Refused(_("Say what the conflict of interest is."))
    try:
        with transaction.atomic():
            return Declaration.objects.create(
                body_id=seat.body_id, seat=seat, application=application, conflicted=conflicted,
                note=note,
            )  # fmt: skip
    except IntegrityError as error:
        raise Refused(_("You have declared your interest on this application already.")) from error


def _check_seat(seat: Seat, application: Application) -> None:
    application.refresh_from_db(fields=["state"])
    call = Call.objects.get(pk=application.call_id)
    if call.commission_id != seat.commission_id or application.state != ApplicationState.SUBMITTED:
        raise Refused(_("This application is not one your commission scores."))
    if call.state not in (CallState.CLOSED, CallState.REVIEW):
        raise Refused(_("The commission scores once the call is closed and until it is decided."))


def score(*, seat: Seat, application: Application, values: dict) -> list[Score]:
    """A member's scores of an application: `values` maps each criterion of the call to
    (score, comment). Refused without a declaration of no conflict, with a conflict, or
    with a score out of the criterion's range; scoring again replaces the member's sheet."""
    _check_seat(seat, application)
    declaration = Declaration.objects.filter(seat=seat, application=application).first()
    if declaration is None:
        raise Refused(_("Declare whether you have a conflict of interest before scoring."))
    if declaration.conflicted:
        raise Refused(_("You declared a conflict of interest: you do not score this application."),
                      code="conflicted")  # fmt: skip
    criteria = {c.pk: c for c in Criterion.objects.filter(call_id=application.call_id)}
    if set(values) != set(criteria):
        raise Refused(_("Score every criterion of the call."))
    for pk, (value, _comment) in values.items():
        if not 0 <= value <= criteria[pk].max_score:
            raise Refused(_("“%(criterion)s” is scored from 0 to %(max)s."),
                          params={"criterion": criteria[pk].title, "max": criteria[pk].max_score},
                          code="range")  # fmt: skip
    with transaction.atomic():
        Score.objects.filter(seat=seat, application=application).delete()
        return Score.objects.bulk_create(
            [Score(body_id=seat.body_id, seat=seat, application=application, criterion_id=pk,
                   declaration=declaration, value=value, comment=comment)
             for pk, (value, comment) in values.items()]
        )  # fmt: skip


# Contracts, reports, tranches --------------------------------------------------------------


def check_contract(*, application: Application, amount: Decimal, tranches: list | None):
    """What a contract must be (the admin's form asks the same): with a winner, within the
    call's ceiling, its tranches (when given: the admin adds them after) adding up to its
    amount."""
    if not application.is_winner:
        raise Refused(_("A contract is signed with a winner of the call."))
    if amount > application.call.ceiling:
        raise Refused(_("The amount is above the call's ceiling of %(ceiling)s."),
                      params={"ceiling": application.call.ceiling})  # fmt: skip
    if tranches is not None and (not tranches or sum(tranches) != amount):
        raise Refused(_("The tranches must add up to the contract's amount."))


def sign_contract(
    *, application: Application, number: str, signed_on, amount: Decimal, starts_on, ends_on,
    tranches: list[TrancheIn],
) -> Contract:  # fmt: skip
    """The contract with a winner, and its tranche schedule (which sums to the amount)."""
    check_contract(application=application, amount=amount, tranches=[t.amount for t in tranches])
    with transaction.atomic():
        contract = Contract.objects.create(
            body_id=application.body_id, application=application, number=number,
            signed_on=signed_on, amount=amount, starts_on=starts_on, ends_on=ends_on,
        )  # fmt: skip
        Tranche.objects.bulk_create(
            [Tranche(body_id=application.body_id, contract=contract, number=n, amount=t.amount,
                     due_on=t.due_on, report_expected=t.report_expected, is_final=t.is_final)
             for n, t in enumerate(tranches, start=1)]
        )  # fmt: skip
    changed(contract.body_id)
    return contract


def ask_for_report(*, tranche: Tranche) -> Tranche:
    """Tell the NGO the tranche's report is due (planned → report due)."""
    if tranche.state != TrancheState.PLANNED:
        raise Refused(_("The report of this tranche is asked for already."))
    tranche.state = TrancheState.REPORT_DUE
    tranche.save(update_fields=["state"])
    return tranche


def submit_report(
    *, tranche: Tranche, narrative: str, spent: dict, public_summary: str = "",
    sustainability_plan: str = "", attachments=(),
) -> Report:  # fmt: skip
    """The NGO's report on a tranche; after a return it is a new version. `spent` maps the
    application's budget lines to what was spent; the final report needs its sustainability
    plan. Supporting documents are checked like every upload."""
    if tranche.state not in (TrancheState.PLANNED, TrancheState.REPORT_DUE, TrancheState.RETURNED):
        raise Refused(_("This tranche's report is not expected now."))
    if tranche.is_final and not sustainability_plan.strip():
        raise Refused(_("The final report needs the sustainability plan."))
    lines = {line.pk: line for line in tranche.contract.application.lines.all()}
    if not set(spent) <= set(lines):
        raise Refused(_("Report spending on the lines of the project's budget."))
    for _title, upload in attachments:
        check_document(upload)
    with transaction.atomic():
        version = tranche.reports.count() + 1
        report = Report.objects.create(
            body_id=tranche.body_id, tranche=tranche, version=version, narrative=narrative,
            public_summary=public_summary, sustainability_plan=sustainability_plan,
            state=ReportState.SUBMITTED, submitted_at=timezone.now(),
        )  # fmt: skip
        ReportLine.objects.bulk_create(
            [ReportLine(body_id=tranche.body_id, report=report, budget_line_id=pk, spent=amount)
             for pk, amount in spent.items()]
        )  # fmt: skip
        for title, upload in attachments:
            ReportAttachment.objects.create(
                body_id=tranche.body_id, report=report, title=title, file=upload
            )
        tranche.state = TrancheState.SUBMITTED
        tranche.save(update_fields=["state"])
    changed(tranche.body_id)
    return report


def return_report(*, report: Report, comment: str, by) -> Report:
    """Send a submitted report back with the body's comments; the NGO submits a new version."""
    if report.state != ReportState.SUBMITTED:
        raise Refused(_("Only a submitted report can be returned or accepted."))
    if not comment.strip():
        raise Refused(_("Say what the NGO must correct."))
    with transaction.atomic():
        report.state, report.review_comment = ReportState.RETURNED, comment
        report.reviewed_at, report.reviewed_by = timezone.now(), by
        report.save(update_fields=["state", "review_comment", "reviewed_at", "reviewed_by"])
        Tranche.objects.filter(pk=report.tranche_id).update(state=TrancheState.RETURNED)
    return report


def accept_report(*, report: Report, by, comment: str = "") -> Report:
    """Accept a submitted report: its tranche may now be paid."""
    if report.state != ReportState.SUBMITTED:
        raise Refused(_("Only a submitted report can be returned or accepted."))
    with transaction.atomic():
        report.state, report.review_comment = ReportState.ACCEPTED, comment
        report.reviewed_at, report.reviewed_by = timezone.now(), by
        report.save(update_fields=["state", "review_comment", "reviewed_at", "reviewed_by"])
        acceptance = Acceptance.objects.create(
            body_id=report.body_id, report=report, accepted_by=by
        )
        Tranche.objects.filter(pk=report.tranche_id).update(
            state=TrancheState.ACCEPTED, acceptance=acceptance
        )
    changed(report.body_id)
    return report


def pay_tranche(*, tranche: Tranche, paid_on, amount: Decimal, document: str) -> Tranche:
    """Record the payment of a tranche whose report is accepted (the database refuses any
    other payment too)."""
    tranche.refresh_from_db()
    if tranche.state == TrancheState.PAID:
        raise Refused(_("This tranche is paid already."))
    if tranche.acceptance_id is None:
        raise Refused(_("A tranche is paid only after its report is accepted."), code="early")
    if not Decimal(0) < amount <= tranche.amount:
        raise Refused(_("The amount paid must be above zero and at most %(amount)s."),
                      params={"amount": tranche.amount})  # fmt: skip
    if not document.strip():
        raise Refused(_("Give the payment document's number."))
    tranche.state, tranche.paid_on = TrancheState.PAID, paid_on
    tranche.paid_amount, tranche.payment_document = amount, document
    tranche.save(update_fields=["state", "paid_on", "paid_amount", "payment_document"])
    changed(tranche.body_id)
    return tranche
