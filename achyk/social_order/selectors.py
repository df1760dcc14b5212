"""Reads of the social order: access functions (another body's or another NGO's object is
answered like a missing one, 404) and the commission's results."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from achyk.bodies import roles

from .models import (
    Application,
    ApplicationState,
    Call,
    CallState,
    Contract,
    MonitoringReport,
    Programme,
    Report,
    ReportState,
    Score,
    Tranche,
    TrancheState,
)

CENT = Decimal("0.01")


def _one(queryset, pk):
    try:
        obj = queryset.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        obj = None
    if obj is None:
        raise Http404
    return obj


# The NGO's own -------------------------------------------------------------------------------


def own_applications(member):
    """Every application of the member's NGO (drafts too), newest first."""
    return (
        Application.objects.filter(organisation_id=member.organisation_id, body_id=member.body_id)
        .select_related("call")
        .order_by("-created_at")
    )


def own_application(member, pk) -> Application:
    """An application of the member's NGO; another NGO's (a draft above all) is a 404."""
    return _one(own_applications(member).prefetch_related("lines", "attachments"), pk)


def own_tranche(member, pk) -> Tranche:
    tranches = Tranche.objects.filter(
        body_id=member.body_id, contract__application__organisation_id=member.organisation_id
    ).select_related("contract__application__call")
    return _one(tranches, pk)


def own_contracts(member):
    """The NGO's contracts with their tranches and reports, and the monitoring group's
    published reports on them (which the NGO answers)."""
    published = MonitoringReport.objects.filter(is_published=True)
    return (
        Contract.objects.filter(
            body_id=member.body_id, application__organisation_id=member.organisation_id
        )
        .select_related("application")
        .prefetch_related(
            Prefetch("tranches", Tranche.objects.prefetch_related("reports")),
            Prefetch("monitoring_reports", published, to_attr="published_monitoring"),
        )
    )


def report_to_answer(member, pk) -> MonitoringReport:
    """A published report of the monitoring group on a project of the member's NGO."""
    reports = MonitoringReport.objects.filter(
        body_id=member.body_id, is_published=True,
        contract__application__organisation_id=member.organisation_id,
    ).select_related("contract__application__organisation")  # fmt: skip
    return _one(reports, pk)


# The monitoring group's ----------------------------------------------------------------------


def monitored_contracts(body):
    """The projects the body's monitoring group may report on: its published contracts."""
    return (
        Contract.objects.filter(body=body, is_published=True)
        .select_related("application__organisation")
        .order_by("-signed_on", "-pk")
    )


def group_reports(body):
    """The reports the group filed on the site, drafts too (for its members only)."""
    return (
        MonitoringReport.objects.filter(body=body, by_group=True)
        .select_related("contract__application")
        .order_by("-created_at", "-pk")
    )


def group_draft(member, pk) -> MonitoringReport:
    """A draft of the member's group; another body's, or a published one, is a 404."""
    drafts = MonitoringReport.objects.filter(
        body_id=member.body_id, by_group=True, is_published=False
    )
    return _one(drafts, pk)


# The commission member's -----------------------------------------------------------------


def member_calls(user, body):
    """The calls of the commissions `user` sits on, in `body`, past their draft."""
    commissions = [seat.commission_id for seat in roles.commission_seats(user, body)]
    return Call.objects.filter(body=body, commission_id__in=commissions).exclude(
        state=CallState.DRAFT
    )


def member_call(user, body, pk) -> Call:
    """A call of the member's commission; any other call is a 404."""
    return _one(member_calls(user, body), pk)


def member_application(user, body, pk) -> tuple[Application, object]:
    """A submitted application of a call of the member's commission, and the member's seat."""
    calls = member_calls(user, body)
    application = _one(
        Application.objects.filter(call__in=calls, state=ApplicationState.SUBMITTED)
        .select_related("call", "organisation")
        .prefetch_related("lines", "attachments"),
        pk,
    )
    seat = next(s for s in roles.commission_seats(user, body)
                if s.commission_id == application.call.commission_id)  # fmt: skip
    return application, seat


# Results -----------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One member's scores of one application and their weighted total (0-100)."""

    seat: object
    scores: list = field(default_factory=list)
    total: Decimal | None = None


@dataclass
class Result:
    application: Application
    sheets: list[Sheet]
    conflicted: list
    total: Decimal | None
    rank: int | None = None


def weighted_total(scores, criteria) -> Decimal | None:
    """A member's total: Σ (score / highest × weight) / Σ weight × 100, once every criterion
    is scored; None before."""
    by_criterion = {s.criterion_id: s.value for s in scores}
    if not criteria or set(by_criterion) != {c.pk for c in criteria}:
        return None
    weights = sum(c.weight for c in criteria)
    points = sum(Decimal(by_criterion[c.pk]) / c.max_score * c.weight for c in criteria)
    return (points / weights * 100).quantize(CENT, ROUND_HALF_UP)


def _in_order(item):
    return (item.criterion.order, item.criterion_id)


def results(call: Call) -> list[Result]:
    """The submitted applications of `call` ranked by their total, the mean of the members'
    weighted totals (applications nobody has fully scored come last, unranked)."""
    criteria = list(call.criteria.all())
    applications = (
        call.applications.filter(state=ApplicationState.SUBMITTED)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("scores", Score.objects.select_related("seat", "criterion")),
            Prefetch("declarations", to_attr="declared"),
        )
        .annotate(requested_sum=Sum("lines__amount"))
    )
    rows = []
    for application in applications:
        by_seat = defaultdict(list)
        for item in application.scores.all():
            by_seat[item.seat].append(item)
        sheets = [
            Sheet(seat, sorted(items, key=_in_order), weighted_total(items, criteria))
            for seat, items in by_seat.items()
        ]
        totals = [s.total for s in sheets if s.total is not None]
        total = (sum(totals) / len(totals)).quantize(CENT, ROUND_HALF_UP) if totals else None
        conflicted = [d.seat_id for d in application.declared if d.conflicted]
        rows.append(Result(application, sheets, conflicted, total))
    rows.sort(key=lambda r: (r.total is None, -(r.total or 0), r.application.pk))
    for rank, row in enumerate((r for r in rows if r.total is not None), start=1):
        row.rank = rank
    return rows


# The public register -----------------------------------------------------------------------


def public_programmes(body):
    return Programme.objects.filter(body=body, is_published=True).select_related("approved_by")


def public_calls(body):
    """The body's calls past their draft, with the number of applications submitted."""
    return (
        Call.objects.public()
        .filter(body=body)
        .select_related("programme", "body")
        .annotate(
            submitted=Count(
                "applications", filter=Q(applications__state=ApplicationState.SUBMITTED)
            )
        )
    )


def public_call(body, pk) -> Call:
    return _one(public_calls(body).select_related("decision_act").prefetch_related("criteria"), pk)


def winners(call: Call) -> list[Result]:
    """The winners with their totals, once the call is decided (else nothing)."""
    if call.state != CallState.DECIDED:
        return []
    return [row for row in results(call) if row.application.is_winner]


def public_contracts(body):
    """The body's published contracts, with their tranches, public report parts and the
    monitoring group's published reports."""
    accepted = Report.objects.filter(state=ReportState.ACCEPTED)
    return (
        Contract.objects.filter(body=body, is_published=True)
        .select_related("application__organisation", "application__call")
        .prefetch_related(
            Prefetch("tranches", Tranche.objects.prefetch_related(
                Prefetch("reports", accepted, to_attr="accepted_reports"))),
            Prefetch("monitoring_reports", MonitoringReport.objects.filter(is_published=True),
                     to_attr="published_monitoring"),
        )
        .annotate(paid=Sum("tranches__paid_amount", filter=Q(tranches__state=TrancheState.PAID)))
    )  # fmt: skip


def public_contract(body, pk) -> Contract:
    return _one(public_contracts(body), pk)
