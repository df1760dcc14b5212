"""Evidence for the monitor (`bodies.evidence`) of Citizens' Budgets and budget hearings.

- "budget:citizens": one item per published Citizens' Budget and language it is written in;
  period "YYYY"; partial ("figures") while the budget of that year has published no figures.
- "budget:hearing": one item per published hearing and language its announcement or place is
  written in; event date: the day of the hearing; partial ("minutes") once the day has passed
  without minutes.
"""

from django.urls import reverse
from django.utils import timezone

from achyk.bodies.evidence import EvidenceItem

from .citizens import TEXT_LANGUAGES, CitizensBudget, CitizensStage
from .hearings import Hearing
from .models import Stage

CITIZENS, HEARING = "budget:citizens", "budget:hearing"


def _of_bodies(queryset, body_ids):
    queryset = queryset.filter(is_published=True).select_related("body")
    return queryset if body_ids is None else queryset.filter(body_id__in=list(body_ids))


def citizens_items(body_ids):
    items = list(_of_bodies(CitizensBudget.objects.all(), body_ids).order_by("body_id", "year"))
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
                url=f"/{item.body.slug}/{language}/budget/{item.year}/citizens/{item.stage}/",
                period=str(item.year), missing=missing,
            )  # fmt: skip


def hearing_items(body_ids):
    now = timezone.now()
    hearings = _of_bodies(Hearing.objects.all(), body_ids).order_by("body_id", "starts_at")
    for item in hearings:
        missing = ("minutes",) if item.starts_at < now and not item.has_minutes else ()
        for language in item.body.language_list:
            if not _written(item, language):
                continue
            yield EvidenceItem(
                body_id=item.body_id, key=HEARING, language=language,
                published_at=item.published_at or item.updated_at, updated_at=item.updated_at,
                title=f"{item.year} {timezone.localtime(item.starts_at):%d.%m.%Y}",
                url=f"/{item.body.slug}/{language}/budget/hearings/{item.pk}/",
                event_date=timezone.localtime(item.starts_at).date(), period=str(item.year),
                missing=missing,
            )  # fmt: skip


def _written(item: Hearing, language: str) -> bool:
    if language not in TEXT_LANGUAGES:
        return False
    return bool(getattr(item, f"place_{language}") or getattr(item, f"announcement_{language}"))


def editor_url(key: str) -> str | None:
    """The admin form where staff add a Citizens' Budget or a hearing (None for other kinds)."""
    routes = {CITIZENS: "citizens_budgets:add", HEARING: "budget_hearings:add"}
    return reverse(routes[key]) if key in routes else None
