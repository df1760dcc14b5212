"""The to-do list of a body's staff (аткарыла турган иштер / список дел): what to publish
next, most urgent first, each line with the editor that publishes it.

Order: overdue (the rule is no longer met), due within a week, never published, published
but incomplete. A duty's languages in the same situation share one line. Each line states
the rule in words, the date its clock counts from and the due date, and, after a change of
the body's evidence that the monitor has not counted yet, that it is being recounted.
Beside the duties, what other apps say the body owes past its legal date
(`bodies.evidence.overdue`: requests for information not answered by their due date).
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achyk.bodies import evidence
from achyk.bodies.models import Body
from achyk.workdays.selectors import work_calendar

from . import editors, rules, scoring, selectors, tasks, wording
from .followup import EvidenceFlag
from .models import Duty, Rule, Status

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
    counts_from: datetime.date | None = None
    recounting: bool = False

    @property
    def heading(self) -> str:
        return HEADINGS[self.kind]

    @property
    def rule_in_words(self) -> str:
        return wording.rule_in_words(self.duty)

    @property
    def missing_in_words(self) -> list[str]:
        return wording.missing_in_words(self.missing)

    @property
    def language_names(self) -> list[str]:
        return wording.language_names(self.languages)


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
    """The body's to-do lines, most urgent first (a few queries, whatever the register)."""
    today = today or today_of(body)
    lines: dict[tuple[int, str], TodoLine] = {}
    computed_at = None
    clocks = _Clocks(body)
    for state in selectors.duty_states(body):
        for score in state.scores:
            computed_at = score.computed_at
            kind = kind_of(score, today)
            if kind is None:
                continue
            line = lines.setdefault((state.duty.pk, kind), TodoLine(kind, state.duty))
            line.languages.append(score.language)
            counts_from, due_on = clocks.of(state.duty, score)
            if due_on and (line.due_on is None or due_on < line.due_on):
                line.due_on, line.counts_from = due_on, counts_from
            line.missing += [m for m in score.missing.split(",") if m and m not in line.missing]
    if lines:
        _finish(body, list(lines.values()), computed_at)
    return sorted(lines.values(), key=_urgency)


def _finish(body: Body, lines: list[TodoLine], computed_at) -> None:
    """Each line's editor (in the language it is about) and whether it is being recounted."""
    changed = tasks.last_change(body.pk)
    recounting = changed is not None and computed_at is not None and changed > computed_at
    section_pages = editors.sections(body)
    by_kind = evidence.providers_by_kind()
    for line in lines:
        language = body.default_language if body.default_language in line.languages else None
        language = language or line.languages[0]
        keys = line.duty.evidence_key_list
        line.editor = editors.editor_for(keys, body, section_pages, language, by_kind)
        line.recounting = recounting


class _Clocks:
    """The clock of each score row, with the body's calendar of working days read once and
    only when a rule counts working days from an event."""

    def __init__(self, body: Body):
        self.body = body
        self._work = None

    def of(self, duty: Duty, score) -> tuple[datetime.date | None, datetime.date | None]:
        rule = scoring.rule_of(duty)
        newest = score.evidence[0] if score.evidence else {}
        event = newest.get("event_date")
        updated = score.newest_at and rules.local_date(score.newest_at, self.body.time_zone)
        return rules.clock(
            rule, due_on=score.due_on, updated=updated,
            event=datetime.date.fromisoformat(event) if event else None, work=self.work(duty),
        )  # fmt: skip

    def work(self, duty: Duty) -> rules.WorkCalendar:
        if not (duty.rule == Rule.AFTER_EVENT and duty.rule_working_days):
            return rules.WorkCalendar()
        if self._work is None:
            self._work = work_calendar(self.body.country)
        return self._work


def _urgency(line: TodoLine):
    dated = line.kind in (OVERDUE, DUE)
    far = datetime.date.max
    return (ORDER.index(line.kind), (line.due_on or far) if dated else far, line.duty.order)


def past_due(body: Body, *, today: datetime.date | None = None) -> list[evidence.OverdueItem]:
    """What other apps say `body` owes past its legal date, oldest first."""
    return evidence.overdue(body=body, today=today or today_of(body))


def open_flags(body: Body):
    """The JMEG's flags the body has not answered yet, oldest first."""
    return EvidenceFlag.objects.filter(body=body, answered_at__isnull=True).order_by("created_at")


def counts(lines: list[TodoLine]) -> list[tuple[str, str, int]]:
    """(kind, heading, number of lines) for every situation, in order of urgency."""
    return [(kind, HEADINGS[kind], sum(1 for line in lines if line.kind == kind)) for kind in ORDER]


def with_duty_titles(flags) -> list[EvidenceFlag]:
    """`flags` as a list, each with `duty_title` (the duty in words, never its code) and
    `language_name` set (one query for the titles)."""
    flags = list(flags)
    codes = {flag.duty_code for flag in flags}
    duties = Duty.objects.current().filter(code__in=codes) if codes else []
    titles = {(duty.country, duty.code): duty.title for duty in duties}
    for flag in flags:
        flag.duty_title = titles.get((flag.body.country, flag.duty_code), "—")
        flag.language_name = wording.language_names([flag.language])[0] if flag.language else ""
    return flags
