"""Evidence for the monitor (`bodies.evidence`) of budget hearings.

"budget:hearing": one item per published hearing and language its announcement or place is
written in; event date: the day of the hearing; partial ("minutes") once the day has passed
without minutes.
"""

from django.urls import reverse
from django.utils import timezone

from achyk.bodies.evidence import EvidenceItem
from achyk.bodies.models import public_url

from ..citizens.evidence import of_bodies
from ..citizens.models import TEXT_LANGUAGES
from .models import Hearing

HEARING = "budget:hearing"


def hearing_items(body_ids):
    now = timezone.now()
    hearings = of_bodies(Hearing.objects.all(), body_ids).order_by("body_id", "starts_at")
    for item in hearings:
        missing = ("minutes",) if item.starts_at < now and not item.has_minutes else ()
        for language in item.body.language_list:
            if not _written(item, language):
                continue
            yield EvidenceItem(
                body_id=item.body_id, key=HEARING, language=language,
                published_at=item.published_at or item.updated_at, updated_at=item.updated_at,
                title=f"{item.year} {timezone.localtime(item.starts_at):%d.%m.%Y}",
                url=public_url(item.body.slug, language, "budget_hearing", pk=item.pk),
                event_date=timezone.localtime(item.starts_at).date(), period=str(item.year),
                missing=missing,
            )  # fmt: skip


def _written(item: Hearing, language: str) -> bool:
    if language not in TEXT_LANGUAGES:
        return False
    return bool(getattr(item, f"place_{language}") or getattr(item, f"announcement_{language}"))


def editor_url() -> str:
    """The admin form where staff add a hearing."""
    return reverse("budget_hearings:add")
