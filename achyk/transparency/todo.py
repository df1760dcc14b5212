"""The to-do list of a body's staff (аткарыла турган иштер / список дел): what to publish
next, most urgent first, each line with the editor that publishes it.

Order: overdue (the rule is no longer met), due within a week, never published, published
but incomplete. A duty's languages in the same situation share one line.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies.models import Body

from . import editors, selectors
from .followup import EvidenceFlag
from .models import Duty, Status

OVERDUE, DUE, MISSING, INCOMPLETE = "overdue", "due", "missing", "incomplete"
ORDER = (OVERDUE, DUE, MISSING, INCOMPLETE)
HEADINGS = {
    OVERDUE: _("Overdue"),
    DUE: _("Due this week"),
    MISSING: _("Not published yet"),
    INCOMPLETE: _("Published, but incomplete"),
}
WEEK = datetime.timedelta(days=7)


@dataclass
class TodoLine:
    """One duty in one situation, in the languages concerned."""

    kind: str
    duty: Duty
    languages: list[str] = field(default_factory=list)
    due_on: datetime.date | None = None
    missing: list[str] = field(default_factory=list)
    editor: editors.Editor | None = None

    @property
    def heading(self) -> str:
        return HEADINGS[self.kind]


def today_of(body: Body) -> datetime.date:
    """Today in the body's time zone."""
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(body.time_zone)).date()


def kind_of(score, today: datetime.date) -> str | None:
    """The situation of one score row, or None when nothing needs doing."""
    if score.status == Status.STALE:
        return OVERDUE
    if score.status == Status.MISSING:
        return MISSING
    if score.status == Status.PARTIAL:
        return INCOMPLETE
    if score.due_on is not None and score.due_on <= today + WEEK:
        return DUE
    return None


def todo_for(body: Body, *, today: datetime.date | None = None) -> list[TodoLine]:
    """The body's to-do lines, most urgent first (three queries, whatever the register)."""
    today = today or today_of(body)
    lines: dict[tuple[int, str], TodoLine] = {}
    for state in selectors.duty_states(body):
        for score in state.scores:
            kind = kind_of(score, today)
            if kind is None:
                continue
            line = lines.setdefault((state.duty.pk, kind), TodoLine(kind, state.duty))
            line.languages.append(score.language)
            if score.due_on and (line.due_on is None or score.due_on < line.due_on):
                line.due_on = score.due_on
            line.missing += [m for m in score.missing.split(",") if m and m not in line.missing]
    section_pages = editors.sections(body) if lines else {}
    for line in lines.values():
        line.editor = editors.editor_for(line.duty.evidence_key_list, body, section_pages)
    return sorted(lines.values(), key=_urgency)


def _urgency(line: TodoLine):
    dated = line.kind in (OVERDUE, DUE)
    far = datetime.date.max
    return (ORDER.index(line.kind), (line.due_on or far) if dated else far, line.duty.order)


def open_flags(body: Body):
    """The JMEG's flags the body has not answered yet, oldest first."""
    return EvidenceFlag.objects.filter(body=body, answered_at__isnull=True).order_by("created_at")


def counts(lines: list[TodoLine]) -> list[tuple[str, str, int]]:
    """(kind, heading, number of lines) for every situation, in order of urgency."""
    return [(kind, HEADINGS[kind], sum(1 for line in lines if line.kind == kind)) for kind in ORDER]
