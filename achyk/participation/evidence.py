"""Evidence for the transparency monitor (`bodies.evidence`) of the needs study and events.

- "participation:study": a published needs study, per language its title is written in;
  period: the year it started.
- "participation:priorities": the ranked priorities of a published study, once any group's
  tally is typed; partial ("plan") until the gathering adopted the joint action plan.
- "participation:announced": a published event of the body, per language; event date: its
  day; partial ("notice") when announced less than `NOTICE_DAYS` days before it.
- "participation:minutes": a past published event with minutes; partial ("minutes") without.
Saves and deletes of studies, priorities and events tell the monitor (`connect`), and so
does every tally typed (`services.set_tally`).
"""

import datetime

from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import EvidenceItem, EvidenceKind, changed
from achyk.bodies.models import public_url

from .common import TEXT_LANGUAGES
from .events.models import Event
from .needs.models import FocusGroup, NeedsStudy, Priority, Stage, Tally

STUDY = "participation:study"
PRIORITIES = "participation:priorities"
ANNOUNCED = "participation:announced"
MINUTES = "participation:minutes"
#: Days before an event its announcement must be published.
NOTICE_DAYS = 10


def _of(queryset, body_ids):
    queryset = queryset.filter(is_published=True, body__is_active=True).select_related("body")
    return queryset if body_ids is None else queryset.filter(body_id__in=list(body_ids))


def _languages(item, field):
    spoken = item.body.language_list
    return [c for c in TEXT_LANGUAGES if c in spoken and getattr(item, f"{field}_{c}", "")]


class ParticipationEvidence:
    def kinds(self):
        return [
            EvidenceKind(STUDY, _("Joint needs study published")),
            EvidenceKind(PRIORITIES, _("Community priorities ranked and published")),
            EvidenceKind(ANNOUNCED, _("Public event announced in time")),
            EvidenceKind(MINUTES, _("Minutes of public events published")),
        ]

    def collect(self, *, keys, body_ids):
        if keys & {STUDY, PRIORITIES}:
            yield from self._studies(keys, body_ids)
        if keys & {ANNOUNCED, MINUTES}:
            yield from self._events(keys, body_ids)

    def editor_url(self, *, key: str, body) -> str | None:
        if key in (STUDY, PRIORITIES):
            return reverse("participation_studies:index")
        return reverse("participation_events:add")

    def _studies(self, keys, body_ids):
        tallied = Tally.objects.filter(priority__study=OuterRef("pk"), points__gt=0)
        studies = _of(NeedsStudy.objects.all(), body_ids).annotate(ranked=Exists(tallied))
        for study in studies.order_by("body_id", "pk"):
            for language in _languages(study, "title"):
                common = {
                    "body_id": study.body_id,
                    "language": language,
                    "published_at": study.published_at or study.updated_at,
                    "updated_at": study.updated_at,
                    "title": getattr(study, f"title_{language}"),
                    "url": public_url(
                        study.body.slug, language, "participation_study", pk=study.pk
                    ),
                    "period": str(study.starts_on.year),
                }
                if STUDY in keys:
                    yield EvidenceItem(key=STUDY, **common)
                if PRIORITIES in keys and study.ranked:
                    adopted = study.stage == Stage.PLAN_ADOPTED
                    yield EvidenceItem(
                        key=PRIORITIES, missing=() if adopted else ("plan",), **common
                    )

    def _events(self, keys, body_ids):
        now = timezone.now()
        for event in _of(Event.objects.all(), body_ids).order_by("body_id", "starts_at"):
            day = timezone.localtime(event.starts_at).date()
            for language in _languages(event, "title"):
                common = {
                    "body_id": event.body_id,
                    "language": language,
                    "title": f"{getattr(event, f'title_{language}')} {day:%d.%m.%Y}",
                    "url": public_url(
                        event.body.slug, language, "participation_event", pk=event.pk
                    ),
                    "event_date": day,
                    "period": str(day.year),
                }
                if ANNOUNCED in keys:
                    notice = event.starts_at - (event.published_at or now)
                    late = notice < datetime.timedelta(days=NOTICE_DAYS)
                    yield EvidenceItem(
                        key=ANNOUNCED,
                        published_at=event.published_at or event.updated_at,
                        updated_at=event.updated_at,
                        missing=("notice",) if late else (),
                        **common,
                    )
                if MINUTES in keys and event.starts_at < now:
                    yield EvidenceItem(
                        key=MINUTES,
                        published_at=event.updated_at,
                        updated_at=event.updated_at,
                        missing=() if event.has_minutes else ("minutes",),
                        **common,
                    )


PROVIDER = ParticipationEvidence()


def owned_changed(sender, instance, **kwargs) -> None:
    """A study, priority, focus group or event was saved or deleted."""
    changed(instance.body_id)


def connect() -> None:
    uid = "achyk.participation.evidence"
    for model in (NeedsStudy, Priority, FocusGroup, Event):
        for signal in (post_save, post_delete):
            signal.connect(
                owned_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.{id(signal)}"
            )
