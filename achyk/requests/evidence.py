"""Evidence for the monitor (`bodies.evidence`) of requests for information.

"requests:answered-in-time": one item per request a body answered (in full, in part or by a
reasoned refusal) by its due date; language-neutral; the event date is the day of the
answer. A late answer is no evidence. Staff find the inbox at the editor address.

Figures: the share of the body's requests answered in time and the median answer time in
working days, over the last 12 months (shown on the body's transparency page; for many
bodies at once in `figures_of`, the columns of the platform's rating).

Overdue: every open request past its due date, for the staff's to-do list and digest (the
reference number and the due date only: no personal data leaves the inbox).
"""

from __future__ import annotations

import datetime

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import EvidenceItem, EvidenceKind, Figure, FigureKind, OverdueItem
from achyk.bodies.models import public_url

from . import selectors
from .models import CLOSED, Law, Request

ANSWERED_IN_TIME = "requests:answered-in-time"
SHARE_IN_TIME = "requests:share-in-time"
MEDIAN_DAYS = "requests:median-days"
#: The period the figures cover.
YEAR = datetime.timedelta(days=365)


class RequestsEvidence:
    def kinds(self):
        return [EvidenceKind(ANSWERED_IN_TIME, _("Requests for information answered in time"))]

    def collect(self, *, keys, body_ids):
        if ANSWERED_IN_TIME not in keys:
            return
        answered = Request.objects.filter(status__in=CLOSED, closed_on__lte=F("due_on"))
        if body_ids is not None:
            answered = answered.filter(body_id__in=list(body_ids))
        rows = answered.order_by("body_id", "closed_at").values_list(
            "body_id", "body__slug", "body__default_language", "reference", "closed_at",
            "closed_on", "is_public",
        )  # fmt: skip
        for body_id, slug, language, reference, closed_at, closed_on, is_public in rows:
            yield EvidenceItem(
                body_id=body_id, key=ANSWERED_IN_TIME, language="", published_at=closed_at,
                updated_at=closed_at, title=reference, url=_url(slug, language, reference,
                                                                 is_public),
                event_date=closed_on, period=str(closed_on.year),
            )  # fmt: skip

    def editor_url(self, *, key, body):
        return reverse("information_requests:index") if key == ANSWERED_IN_TIME else None

    def figures(self, *, body):
        counted = selectors.figures(body, since=timezone.localdate() - YEAR)
        return _figures(body, counted) if counted.answered else []

    def figure_kinds(self):
        return [
            FigureKind(SHARE_IN_TIME, _("Requests for information answered on time"), "percent"),
            FigureKind(MEDIAN_DAYS, _("Median answer time (working days)")),
        ]  # fmt: skip

    def figures_of(self, *, bodies):
        """The same figures for many bodies in two queries (the platform's rating)."""
        bodies = {body.pk: body for body in bodies}
        counted = selectors.figures_by_body(list(bodies), since=timezone.localdate() - YEAR)
        return {pk: _figures(bodies[pk], figures) for pk, figures in counted.items()}

    def overdue(self, *, body, today):
        late = Request.objects.filter(body=body, due_on__lt=today).open().order_by("due_on", "pk")
        kinds = dict(Law.Kind.choices)
        for pk, reference, kind, due_on in late.values_list("pk", "reference", "kind", "due_on"):
            yield OverdueItem(
                key=f"requests:{reference}", label=kinds.get(kind, kind), title=reference,
                due_on=due_on, url=reverse("information_requests:edit", args=[pk]),
            )  # fmt: skip


def _figures(body, counted: selectors.Figures) -> list[Figure]:
    note = gettext("%(on_time)s of %(answered)s answers of the last 12 months came on time") % {
        "on_time": counted.on_time, "answered": counted.answered,
    }  # fmt: skip
    url = body.public_url(get_language(), "requests_register") + "#figures"
    kinds = {kind.key: kind for kind in RequestsEvidence().figure_kinds()}
    return [
        Figure(SHARE_IN_TIME, kinds[SHARE_IN_TIME].label, counted.percent_on_time,
               unit="percent", note=note, url=url),
        Figure(MEDIAN_DAYS, kinds[MEDIAN_DAYS].label, counted.median_days, note=note, url=url),
    ]  # fmt: skip


def _url(slug: str, language: str, reference: str, is_public: bool) -> str:
    if is_public:
        return public_url(slug, language, "requests_detail", reference=reference)
    return public_url(slug, language, "requests_register")
