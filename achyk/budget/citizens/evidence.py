"""Evidence for the monitor (`bodies.evidence`) of Citizens' Budgets.

"budget:citizens": one item per published Citizens' Budget and language it is written in;
period "YYYY"; partial ("figures") while the budget of that year has published no figures.
"""

from django.urls import reverse

from achyk.bodies.evidence import EvidenceItem
from achyk.bodies.models import public_url

from ..models import Stage
from .models import CitizensBudget, CitizensStage

CITIZENS = "budget:citizens"


def of_bodies(queryset, body_ids):
    """The published objects of `queryset` of these bodies (of all when `body_ids` is None)."""
    queryset = queryset.filter(is_published=True).select_related("body")
    return queryset if body_ids is None else queryset.filter(body_id__in=list(body_ids))


def citizens_items(body_ids):
    items = list(of_bodies(CitizensBudget.objects.all(), body_ids).order_by("body_id", "year"))
    with_figures = set(
        Stage.objects.filter(budget__body_id__in={item.body_id for item in items})
        .values_list("budget__body_id", "budget__year")
        .distinct()
    )
    for item in items:
        missing = () if (item.body_id, item.year) in with_figures else ("figures",)
        for language in item.languages_written():
            yield EvidenceItem(
                body_id=item.body_id, key=CITIZENS, language=language,
                published_at=item.published_at or item.updated_at, updated_at=item.updated_at,
                title=f"{item.year} {CitizensStage(item.stage).label}",
                url=public_url(
                    item.body.slug, language, "budget_citizens", year=item.year, stage=item.stage
                ),
                period=str(item.year), missing=missing,
            )  # fmt: skip


def editor_url() -> str:
    """The admin form where staff add a Citizens' Budget."""
    return reverse("citizens_budgets:add")
