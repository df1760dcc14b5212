"""Evidence of plans for the transparency monitor (`bodies.evidence`).

- "plan:sedp", "plan:jap": one item per published development programme / joint action plan
  (approved, in force or completed) and language its title is written in; period "YYYY-YYYY";
  event date: the approval date; partial ("resolution") without its approving act.
- "plan:progress": one item per published plan and year with progress updates of the body
  (language-neutral); period "YYYY".
- "plan:monitoring": one item per monitoring report approved by the group (language-neutral);
  period: the report's own.

Writes tell the monitor: the services call `bodies.evidence.changed`, and `connect()` does it
for every save and delete of a plan, an update or a report (the admin saves them through
Wagtail's viewsets).
"""

from django.db.models import Max, Min
from django.db.models.functions import ExtractYear
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import EvidenceItem, EvidenceKind, changed
from achyk.bodies.models import public_url

from .models import (
    TEXT_LANGUAGES,
    Kind,
    MonitoringReport,
    Plan,
    ProgressUpdate,
    State,
)

PLAN_KEYS = {"plan:sedp": Kind.SEDP, "plan:jap": Kind.JAP}
PROGRESS = "plan:progress"
MONITORING = "plan:monitoring"
ADOPTED = (State.APPROVED, State.IN_FORCE, State.COMPLETED)


def _published_plans(body_ids):
    plans = Plan.objects.published().select_related("body")
    return plans if body_ids is None else plans.filter(body_id__in=list(body_ids))


class PlanEvidence:
    def kinds(self):
        return [
            EvidenceKind("plan:sedp", _("Development programme (published)")),
            EvidenceKind("plan:jap", _("Joint action plan (published)")),
            EvidenceKind(PROGRESS, _("Progress report on a plan (yearly)")),
            EvidenceKind(MONITORING, _("The monitoring group's report on a plan")),
        ]

    def collect(self, *, keys, body_ids):
        kinds = [PLAN_KEYS[key] for key in keys if key in PLAN_KEYS]
        if kinds:
            plans = _published_plans(body_ids).filter(kind__in=kinds, state__in=ADOPTED)
            for plan in plans.order_by("body_id", "start_year"):
                yield from self._plan_items(plan)
        if PROGRESS in keys:
            yield from self._progress_items(body_ids)
        if MONITORING in keys:
            yield from self._report_items(body_ids)

    def editor_url(self, *, key, body):
        if key == MONITORING:
            return reverse("plans_admin_reports")
        if key == PROGRESS:
            return reverse("plans_updates:add")
        return reverse("plans_plans:add")

    def _plan_items(self, plan):
        missing = () if plan.approved_by_id else ("resolution",)
        for language in plan.body.language_list:
            if language not in TEXT_LANGUAGES or not getattr(plan, f"title_{language}"):
                continue
            yield EvidenceItem(
                body_id=plan.body_id,
                key=f"plan:{plan.kind}",
                language=language,
                published_at=plan.published_at or plan.updated_at,
                updated_at=plan.updated_at,
                title=f"{plan.translated('title', language)} {plan.period}",
                url=public_url(plan.body.slug, language, "plans_plan", pk=plan.pk),
                event_date=plan.approved_on,
                period=f"{plan.start_year}-{plan.end_year}",
                missing=missing,
            )

    def _progress_items(self, body_ids):
        plans = {plan.pk: plan for plan in _published_plans(body_ids)}
        rows = (
            ProgressUpdate.objects.filter(action__plan_id__in=list(plans))
            .annotate(year=ExtractYear("reported_on"))
            .values("action__plan_id", "year")
            .annotate(first=Min("created_at"), last=Max("created_at"))
            .order_by("action__plan_id", "year")
        )
        for row in rows:
            plan = plans[row["action__plan_id"]]
            yield EvidenceItem(
                body_id=plan.body_id,
                key=PROGRESS,
                language="",
                published_at=row["first"],
                updated_at=row["last"],
                title=f"{plan.title} {row['year']}",
                url=public_url(
                    plan.body.slug, plan.body.default_language, "plans_plan", pk=plan.pk
                ),
                period=str(row["year"]),
            )

    def _report_items(self, body_ids):
        reports = MonitoringReport.objects.filter(
            published_at__isnull=False, plan__is_published=True, body__is_active=True
        ).select_related("body", "plan")
        if body_ids is not None:
            reports = reports.filter(body_id__in=list(body_ids))
        for report in reports.order_by("body_id", "published_at"):
            yield EvidenceItem(
                body_id=report.body_id,
                key=MONITORING,
                language="",
                published_at=report.published_at,
                updated_at=report.updated_at,
                title=str(report),
                period=report.period,
                url=public_url(
                    report.body.slug, report.body.default_language, "plans_report", pk=report.pk
                ),
            )


PROVIDER = PlanEvidence()


def owned_changed(sender, instance, **kwargs) -> None:
    """A plan, an update or a report was saved or deleted: its body's evidence may change."""
    changed(instance.body_id)


def connect() -> None:
    uid = "achyk.plans.evidence"
    for model in (Plan, ProgressUpdate, MonitoringReport):
        for signal in (post_save, post_delete):
            name = f"{uid}.{model.__name__}.{id(signal)}"
            signal.connect(owned_changed, sender=model, dispatch_uid=name)
