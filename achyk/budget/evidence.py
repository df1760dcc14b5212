"""Evidence of the budget's publication for the transparency monitor (`bodies.evidence`).

- "budget:draft", "budget:approved": one item per budget that published the stage; period
  "YYYY"; event date: the approval date (approved only).
- "budget:executed": one item per quarter reported; period "YYYY-Qn".
- "budget:citizens", "budget:hearing": per language, see `citizens.evidence` and
  `hearings.evidence`.

Items are language-neutral (""): figures read the same in every language.

Writes tell the monitor: the services of budget figures call `bodies.evidence.changed`, and
`connect()` does it for every save and delete of a Citizens' Budget or a hearing (their admin
saves the models through Wagtail's viewsets).
"""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import EvidenceItem, EvidenceKind, changed

from .citizens import evidence as citizens_evidence
from .hearings import evidence as hearings_evidence
from .models import CitizensBudget, Hearing, Stage, StageName

KEYS = {
    "budget:draft": StageName.DRAFT,
    "budget:approved": StageName.APPROVED,
    "budget:executed": StageName.EXECUTED,
}


class BudgetEvidence:
    def kinds(self):
        return [
            EvidenceKind("budget:draft", _("Draft budget (figures)")),
            EvidenceKind("budget:approved", _("Approved budget (figures)")),
            EvidenceKind("budget:executed", _("Budget execution by quarter (figures)")),
            EvidenceKind(citizens_evidence.CITIZENS, _("Citizens' Budget")),
            EvidenceKind(hearings_evidence.HEARING, _("Budget hearing: announcement and minutes")),
        ]

    def collect(self, *, keys, body_ids):
        stages = [KEYS[key] for key in keys if key in KEYS]
        rows = Stage.objects.filter(stage__in=stages).select_related("budget__body")
        if body_ids is not None:
            rows = rows.filter(budget__body_id__in=list(body_ids))
        for row in rows.order_by("budget__body_id", "budget__year", "stage", "quarter"):
            yield self._item(row)
        if citizens_evidence.CITIZENS in keys:
            yield from citizens_evidence.citizens_items(body_ids)
        if hearings_evidence.HEARING in keys:
            yield from hearings_evidence.hearing_items(body_ids)

    def editor_url(self, *, key: str, body) -> str | None:
        """Where the body's staff add evidence of `key`: the Citizens' Budget or hearing
        form, else the budget import."""
        if key == citizens_evidence.CITIZENS:
            return citizens_evidence.editor_url()
        if key == hearings_evidence.HEARING:
            return hearings_evidence.editor_url()
        return reverse("budget_admin_import")

    def _item(self, row: Stage) -> EvidenceItem:
        budget, body = row.budget, row.budget.body
        missing = ()
        if row.stage == StageName.APPROVED and not budget.approved_by_id:
            missing = ("resolution",)
        return EvidenceItem(
            body_id=body.pk, key=f"budget:{row.stage}", language="",
            published_at=row.published_at, updated_at=row.updated_at,
            title=f"{budget.year} {row.get_stage_display()}",
            url=body.public_url(body.default_language, "budget_year", year=budget.year),
            event_date=budget.approved_on if row.stage == StageName.APPROVED else None,
            period=row.period, missing=missing,
        )  # fmt: skip


PROVIDER = BudgetEvidence()


def owned_changed(sender, instance, **kwargs) -> None:
    """A Citizens' Budget or a hearing was saved or deleted: its body's evidence may change."""
    changed(instance.body_id)


def connect() -> None:
    uid = "achyk.budget.evidence"
    for model in (CitizensBudget, Hearing):
        for signal in (post_save, post_delete):
            name = f"{uid}.{model.__name__}.{id(signal)}"
            signal.connect(owned_changed, sender=model, dispatch_uid=name)
