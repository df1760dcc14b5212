"""The public transparency page of a body, `/<slug>/<language>/transparency/`: every duty in
plain words, its status in each language, links to the evidence, the next due date, the
score's history, the measures other apps give through the evidence seam (requests answered
on time), and the JMEG's flags with the body's answers. Signed-in JMEG members of
the body also get a form to flag a piece of evidence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from achyk.bodies import evidence
from achyk.bodies.roles import jmeg_member_of
from achyk.ui import charts

from . import flags as flag_services
from . import selectors
from .followup import EvidenceFlag
from .models import Duty, Status

LANGUAGE_NAMES = dict(settings.LANGUAGES)
#: What a status means for one language, in plain words.
PLAIN = {
    Status.FRESH: gettext_lazy("published and up to date"),
    Status.STALE: gettext_lazy("published, but out of date"),
    Status.PARTIAL: gettext_lazy("published, but incomplete"),
    Status.MISSING: gettext_lazy("not published"),
}
#: What a missing part of an item is called ("number", "signatory", ...).
MISSING_PARTS = {
    "date": gettext_lazy("date"),
    "number": gettext_lazy("number"),
    "signatory": gettext_lazy("signatory"),
    "resolution": gettext_lazy("approving resolution"),
    "text": gettext_lazy("text"),
}


@dataclass
class LanguageRow:
    code: str
    status: str
    due_on: datetime.date | None
    evidence: list[dict]
    missing: list[str]

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, self.code)

    @property
    def words(self) -> str:
        return PLAIN[self.status]


@dataclass
class DutyRow:
    duty: Duty
    status: str
    due_on: datetime.date | None
    languages: list[LanguageRow]
    flags: list[EvidenceFlag] = field(default_factory=list)

    @property
    def words(self) -> str:
        return PLAIN[self.status]

    @property
    def evidence_choices(self) -> list[tuple[str, str]]:
        seen, choices = set(), [("", _("the duty as a whole"))]
        for row in self.languages:
            for item in row.evidence:
                if item["url"] not in seen:
                    seen.add(item["url"])
                    choices.append((item["url"], item["title"]))
        return choices


def duty_rows(body) -> list[DutyRow]:
    """The checklist: one row per duty with its languages, evidence and flags (two queries)."""
    flags_by_duty: dict[str, list] = {}
    for flag in EvidenceFlag.objects.filter(body=body).order_by("-created_at"):
        flags_by_duty.setdefault(flag.duty_code, []).append(flag)
    rows = []
    for state in selectors.duty_states(body):
        languages = [_language_row(score) for score in state.scores]
        rows.append(
            DutyRow(state.duty, state.status, state.due_on, languages,
                    flags_by_duty.get(state.duty.code, []))
        )  # fmt: skip
    return rows


def _language_row(score) -> LanguageRow:
    evidence = [
        {**item, "updated": _moment(item.get("updated_at")), "title": item.get("title") or "—"}
        for item in score.evidence
    ]
    missing = [str(MISSING_PARTS.get(part, part)) for part in score.missing.split(",") if part]
    return LanguageRow(score.language, score.status, score.due_on, evidence, missing)


def _moment(value: str | None) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def history_chart(snapshots) -> charts.Chart | None:
    """Index, fill and relevance by month: a line chart with its table."""
    snapshots = list(snapshots)
    if not snapshots:
        return None
    months = [f"{s.month:%Y-%m}" for s in snapshots]
    return charts.line_chart(
        _("Score history by month"), months,
        [charts.Series(_("Transparency index"), [s.index for s in snapshots]),
         charts.Series(_("Fill"), [s.fill for s in snapshots]),
         charts.Series(_("Relevance"), [s.relevance for s in snapshots])],
        unit="%", decimals=1, max_value=100, category_header=_("Month"),
    )  # fmt: skip


class FlagForm(forms.Form):
    """A JMEG member's remark on one piece of evidence of one duty."""

    duty_code = forms.SlugField(widget=forms.HiddenInput)
    evidence_url = forms.ChoiceField(label=gettext_lazy("Evidence"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("What is wrong"), choices=EvidenceFlag.Kind.choices)
    comment = forms.CharField(
        label=gettext_lazy("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Say what is wrong or missing, so that the staff can fix it."),
    )  # fmt: skip

    def __init__(self, *args, rows: list[DutyRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = {row.duty.code: row for row in rows}
        code = self.data.get("duty_code") if self.is_bound else None
        row = self.rows.get(code)
        self.fields["evidence_url"].choices = row.evidence_choices if row else [("", "")]

    def clean_duty_code(self):
        code = self.cleaned_data["duty_code"]
        if code not in self.rows:
            raise forms.ValidationError(_("This duty is not in the body's checklist."))
        return code

    def evidence(self) -> tuple[str, str, str]:
        """(url, title, language) of the chosen evidence; empty for the duty as a whole."""
        row, url = self.rows[self.cleaned_data["duty_code"]], self.cleaned_data["evidence_url"]
        for language in row.languages:
            for item in language.evidence:
                if item["url"] == url:
                    return url, item["title"], item.get("language", "")
        return "", "", ""


def body_page(request):
    """The body's transparency page; on the platform's own site, the rating of all bodies."""
    body = getattr(request, "site_body", None)
    if body is None:
        return redirect("transparency:rating")
    return _render_body_page(request, body)


def _render_body_page(request, body, *, form=None, status=200):
    rows = duty_rows(body)
    member = jmeg_member_of(request.user, body)
    context = {
        "body": body,
        "summary": selectors.summary_for(body),
        "figures": evidence.figures(body=body),
        "rows": rows,
        "history": history_chart(selectors.snapshots_for(body)),
        "member": member,
        "failed_form": form,
        "flag_kinds": EvidenceFlag.Kind.choices,
        "counts": _status_counts(rows),
        "login_url": f"{reverse('jmeg_login')}?next={request.path}",
    }
    return render(request, "transparency/body.html", context, status=status)


def _status_counts(rows: list[DutyRow]) -> list[tuple[str, str, int]]:
    return [
        (status, PLAIN[status], sum(1 for row in rows if row.status == status))
        for status in (Status.FRESH, Status.STALE, Status.PARTIAL, Status.MISSING)
    ]


@require_POST
def flag(request):
    """A JMEG member of this body flags a piece of evidence; anyone else is refused (403)."""
    body = getattr(request, "site_body", None)
    member = jmeg_member_of(request.user, body)
    if member is None:
        raise PermissionDenied
    form = FlagForm(request.POST, rows=duty_rows(body))
    if not form.is_valid():
        return _render_body_page(request, body, form=form, status=400)
    url, title, language = form.evidence()
    created = flag_services.flag_evidence(
        member=member, duty_code=form.cleaned_data["duty_code"], language=language,
        evidence_url=url, evidence_title=title, kind=form.cleaned_data["kind"],
        comment=form.cleaned_data["comment"],
    )  # fmt: skip
    messages.success(request, _("Thank you: the body's staff will see your flag and answer it."))
    return redirect(f"{reverse('transparency:body')}#flag-{created.pk}")
