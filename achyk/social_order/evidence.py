"""Evidence of the social order for the monitor (`bodies.evidence`), language-neutral items:

- "social-order:programme": each published programme (period: its year);
- "social-order:call": each call past its draft (event date: its opening);
- "social-order:results": each decided call (event date: the decision), partial without the
  act recording the decision;
- "social-order:contract": each published contract (event date: its signature);
- "social-order:report": each accepted report (event date: its acceptance);
- "social-order:monitoring": each published report of the monitoring group on a published
  contract (event date: the visit; period: its year); the duty "jmeg" reads it beside the
  group's reports on plans (migration 0005).
"""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import EvidenceItem, EvidenceKind, changed
from achyk.bodies.models import public_url

from .models import Call, CallState, Contract, MonitoringReport, Programme, Report, ReportState

PROGRAMME, CALL, RESULTS = "social-order:programme", "social-order:call", "social-order:results"
CONTRACT, REPORT = "social-order:contract", "social-order:report"
MONITORING = "social-order:monitoring"


def _of(queryset, body_ids):
    queryset = queryset.filter(body__is_active=True).select_related("body")
    return queryset if body_ids is None else queryset.filter(body_id__in=body_ids)


def _item(obj, key, *, published, updated, title, url, **extra):
    return EvidenceItem(body_id=obj.body_id, key=key, language="", published_at=published,
                        updated_at=updated, title=title[:300], url=url, **extra)  # fmt: skip


def _programmes(body_ids):
    for p in _of(Programme.objects.filter(is_published=True), body_ids):
        url = public_url(p.body.slug, p.body.default_language, "social_order_index")
        yield _item(p, PROGRAMME, published=p.published_at or p.updated_at, updated=p.updated_at,
                    title=str(p), url=url, period=str(p.year))  # fmt: skip


def _calls(body_ids):
    for c in _of(Call.objects.public(), body_ids):
        url = public_url(c.body.slug, c.body.default_language, "social_order_call", pk=c.pk)
        published = c.published_at or c.updated_at
        yield _item(c, CALL, published=published, updated=c.updated_at, title=c.title, url=url,
                    event_date=timezone.localdate(c.opens_at))  # fmt: skip
        if c.state == CallState.DECIDED:
            yield _item(c, RESULTS, published=c.decided_at or c.updated_at, updated=c.updated_at,
                        title=c.title, url=url, event_date=timezone.localdate(c.decided_at),
                        missing=() if c.decision_act_id else ("act",))  # fmt: skip


def _contracts(body_ids):
    for c in _of(Contract.objects.filter(is_published=True), body_ids):
        url = public_url(c.body.slug, c.body.default_language, "social_order_contract", pk=c.pk)
        yield _item(c, CONTRACT, published=c.published_at, updated=c.updated_at, title=str(c),
                    url=url, event_date=c.signed_on)  # fmt: skip


def _reports(body_ids):
    reports = _of(Report.objects.filter(state=ReportState.ACCEPTED), body_ids).select_related(
        "tranche"
    )
    for r in reports:
        url = public_url(r.body.slug, r.body.default_language, "social_order_contract",
                         pk=r.tranche.contract_id)  # fmt: skip
        when = r.reviewed_at or r.submitted_at
        yield _item(r, REPORT, published=when, updated=when, title=str(r), url=url,
                    event_date=timezone.localdate(when))  # fmt: skip


def _monitoring(body_ids):
    reports = MonitoringReport.objects.filter(is_published=True, contract__is_published=True)
    for m in _of(reports, body_ids).order_by("body_id", "visited_on", "pk"):
        url = public_url(m.body.slug, m.body.default_language, "social_order_contract",
                         pk=m.contract_id)  # fmt: skip
        yield _item(m, MONITORING, published=m.published_at or m.updated_at,
                    updated=m.updated_at, title=str(m), url=f"{url}#monitoring-{m.pk}",
                    event_date=m.visited_on, period=str(m.visited_on.year))  # fmt: skip


COLLECTORS = {PROGRAMME: _programmes, CALL: _calls, RESULTS: _calls, CONTRACT: _contracts,
              REPORT: _reports, MONITORING: _monitoring}  # fmt: skip


class Provider:
    def kinds(self):
        return [
            EvidenceKind(PROGRAMME, _("Social order: programme")),
            EvidenceKind(CALL, _("Social order: calls for projects")),
            EvidenceKind(RESULTS, _("Social order: results of calls")),
            EvidenceKind(CONTRACT, _("Social order: contracts")),
            EvidenceKind(REPORT, _("Social order: accepted reports")),
            EvidenceKind(MONITORING, _("The monitoring group's report on a social order project")),
        ]

    def collect(self, *, keys, body_ids):
        for collector in dict.fromkeys(COLLECTORS[key] for key in keys):
            yield from (item for item in collector(body_ids) if item.key in keys)

    def editor_url(self, *, key, body):
        names = {PROGRAMME: "social_programmes:index", CALL: "social_calls:index",
                 RESULTS: "social_calls:index", CONTRACT: "social_contracts:index",
                 REPORT: "social_contracts:index",
                 MONITORING: "social_monitoring:index"}  # fmt: skip
        return reverse(names[key])


PROVIDER = Provider()


def _changed(sender, instance, **kwargs):
    changed(instance.body_id)


def connect() -> None:
    """Saves and deletes made by the admin's viewsets tell the monitor too."""
    for model in (Programme, Call, Contract, MonitoringReport):
        post_save.connect(_changed, sender=model, dispatch_uid=f"social_order_{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"social_order_d{model.__name__}")
