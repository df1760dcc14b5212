"""Writes of participation: keyword-only functions, one transaction each."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from achyk.bodies.evidence import changed

from .needs.models import FocusGroup, Priority, Tally, TallyChange


class StaleTally(Exception):
    """The tally changed since the form was opened: the newer value is kept, not overwritten."""

    def __init__(self, tally: Tally):
        self.tally = tally
        super().__init__(
            _(
                "Someone else changed this tally meanwhile: it is now %(points)s. Check the "
                "paper and type it again."
            )
            % {"points": tally.points}
        )


class WrongBody(ValueError):
    """A priority and a focus group of different bodies or studies."""


def tally_of(*, priority: Priority, focus_group: FocusGroup) -> Tally:
    """The tally of this group for this priority (0 points, version 0, if none yet)."""
    if priority.study_id != focus_group.study_id or priority.body_id != focus_group.body_id:
        raise WrongBody("the focus group is not of the priority's study")
    tally, _created = Tally.objects.get_or_create(priority=priority, focus_group=focus_group)
    return tally


@transaction.atomic
def set_tally(
    *, priority: Priority, focus_group: FocusGroup, points: int, version: int, by
) -> Tally:
    """Set the votes or points `focus_group` gave `priority`, if the tally is still at
    `version` (what the clerk's form showed); log the change (append-only). Raises
    `StaleTally` when someone changed it in between, `ValueError` for a negative count."""
    if points < 0:
        raise ValueError("a tally is never negative")
    tally = tally_of(priority=priority, focus_group=focus_group)
    tally = Tally.objects.select_for_update().get(pk=tally.pk)
    if tally.version != version:
        raise StaleTally(tally)
    if tally.points == points:
        return tally
    updated = Tally.objects.filter(pk=tally.pk, version=version).update(
        points=points, version=F("version") + 1
    )
    if not updated:  # a writer the row lock did not hold back (SQLite has none)
        raise StaleTally(Tally.objects.get(pk=tally.pk))
    TallyChange.objects.create(
        body_id=priority.body_id,
        priority=priority,
        focus_group=focus_group,
        before=tally.points,
        after=points,
        by=by,
    )
    changed(priority.body_id)
    tally.refresh_from_db()
    return tally
