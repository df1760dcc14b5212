"""Citizens' Budgets and hearings for tests; texts are hostile (markup, quotes, Kyrgyz)."""

import datetime

from django.utils import timezone

from achyk.budget.citizens.models import CitizensBudget, Section
from achyk.budget.hearings.models import Decision, Hearing, Proposal

HOSTILE = '<script>alert("ө")</script> "Үңкүр" & \'Ө\''


def citizens_budget(body, *, year=2026, stage="approved", published=True, **texts):
    """A Citizens' Budget with a text in every section, in Kyrgyz and Russian."""
    fields = {}
    for section in Section.values:
        fields[f"{section}_ky"] = f"{section}: айыл өкмөтүнүн түшүндүрмөсү {HOSTILE}"
        fields[f"{section}_ru"] = f"{section}: пояснение айыл окмоту {HOSTILE}"
    fields.update(texts)
    return CitizensBudget.objects.create(
        body=body, year=year, stage=stage, is_published=published, **fields
    )


def hearing(body, *, year=2027, published=True, **fields):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    fields.setdefault("place_ky", "Айыл өкмөтүнүн жыйындар залы")
    fields.setdefault("place_ru", "Актовый зал айыл окмоту")
    return Hearing.objects.create(
        body=body, year=year, starts_at=starts, is_published=published, **fields
    )


def proposal(item, *, text="Көчө жарыгын көбөйтүү", decision=Decision.PENDING, reason="", **f):
    return Proposal.objects.create(hearing=item, text=text, decision=decision, reason=reason, **f)
