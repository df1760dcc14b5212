"""The contract of the evidence seam (`bodies.evidence`): every write that changes what a body
has published moves the body's score, once the write commits, and never before.

`WRITES` names, for each registered evidence provider (by the module that defines it), the
writes that change its evidence, each made through the app's own service or the save its
admin makes. A provider registered without an entry, or a kind of evidence that no write
stands for, fails `test_every_registered_provider_declares_its_writes`: a new module cannot
forget to tell the monitor. Each write then runs through the real path: the app calls
`changed()`, the monitor queues the body once the transaction commits (`transparency.tasks`)
and the test's task backend (ImmediateBackend) recomputes it at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fnmatch import fnmatch

import pytest
from django.db import transaction

from achyk.bodies import evidence
from achyk.budget import services as budget
from achyk.budget.models import Classification
from achyk.budget.tests import factories_citizens as citizens
from achyk.content.tests import factories as pages
from achyk.documents import services as documents
from achyk.documents.tests import factories as docs
from achyk.plans import services as plans
from achyk.plans.tests import factories as plan_factories
from achyk.social_order.tests import writes as social
from achyk.transparency import selectors, services
from achyk.transparency.models import Rule

from . import factories

PDF = b"%PDF-1.4\n% Achyk test\n%%EOF\n"


@dataclass(frozen=True)
class Write:
    """A write that changes evidence of kind `key`, standing for every kind that matches
    `covers` (the same code path writes them all). `prepare(body)` builds what the write
    needs and is committed before the score is read; `run(body, prepared)` is the write."""

    name: str
    key: str
    covers: str
    run: Callable
    prepare: Callable = lambda body: None


def _line(code: str, amount: str, **fields) -> budget.LineIn:
    economic = Classification.objects.get(country="KG", kind="economic", code=code)
    return budget.LineIn(
        direction=economic.direction, economic_id=economic.pk, amount=Decimal(amount), **fields
    )


def _import(stage: str, **fields):
    def run(body, _prepared=None):
        line = _line("1111", "1000.50", **fields)
        budget.replace_stage(body=body, year=2026, stage=stage, lines=[line], by=None)

    return run


def _news(body):
    return pages.news(body, "ky")


def _act(body):
    return docs.act(body, adopted_on=datetime.date(2026, 6, 4), signatory="А. Үсөнов")


def _draft_report(body):
    plan = plan_factories.full_plan(body, actions=1)
    member = plan_factories.jmeg_member(body, username=f"jmeg_{body.slug}")
    report = plans.file_report(member=member, plan=plan, period="2025", checked="Суу",
                               findings="Кечигүү", recommendations=["Бүтүрүү"])  # fmt: skip
    return member, report


WRITES: dict[str, list[Write]] = {
    "achyk.content.evidence": [
        Write("publishing a page", "page:news", "page:*", lambda body, _: _news(body)),
        Write(
            "unpublishing a page",
            "page:news",
            "page:*",
            lambda body, page: page.unpublish(),
            prepare=_news,
        ),
        Write(
            "deleting a page",
            "page:news",
            "page:*",
            lambda body, page: page.delete(),
            prepare=_news,
        ),
        Write(
            "publishing a page of a section the law requires",
            "section:about",
            "section:*",
            lambda body, _: pages.standard(body, "ky", section="about"),
        ),
    ],  # fmt: skip
    "achyk.documents.evidence": [
        Write(
            "adding an act", "doctype:council-resolution", "doctype:*", lambda body, _: _act(body)
        ),
        Write(
            "attaching a file to an act",
            "doctype:council-resolution",
            "doctype:*",
            lambda body, act: docs.version(act, "ru", "act.pdf", PDF),
            prepare=_act,
        ),
        Write(
            "completing an act",
            "doctype:council-resolution",
            "doctype:*",
            lambda body, act: documents.update_act(act=act, changes={"number": "12/3"}),
            prepare=_act,
        ),
    ],  # fmt: skip
    "achyk.budget.evidence": [
        Write("importing the draft", "budget:draft", "budget:draft", _import("draft")),
        Write(
            "withdrawing a stage",
            "budget:draft",
            "budget:draft",
            lambda body, b: budget.withdraw_stage(budget=b, stage="draft"),
            prepare=lambda body: _import("draft")(body) or budget.budget_of(body=body, year=2026),
        ),
        Write(
            "importing a quarter's execution",
            "budget:executed",
            "budget:executed",
            _import("executed", quarter=1),
        ),
        Write(
            "linking the approving resolution",
            "budget:approved",
            "budget:approved",
            lambda body, act: budget.set_approval(
                budget=budget.budget_of(body=body, year=2026), act=act
            ),
            prepare=lambda body: _import("approved")(body) or _act(body),
        ),
        Write(
            "publishing a Citizens' Budget",
            "budget:citizens",
            "budget:citizens",
            lambda body, _: citizens.citizens_budget(body),
        ),
        Write(
            "unpublishing a Citizens' Budget",
            "budget:citizens",
            "budget:citizens",
            lambda body, item: _unpublish(item),
            prepare=citizens.citizens_budget,
        ),
        Write(
            "publishing a hearing",
            "budget:hearing",
            "budget:hearing",
            lambda body, _: citizens.hearing(body),
        ),
        Write(
            "deleting a hearing",
            "budget:hearing",
            "budget:hearing",
            lambda body, item: item.delete(),
            prepare=citizens.hearing,
        ),
    ],  # fmt: skip
    "achyk.plans.evidence": [
        Write(
            "publishing a programme",
            "plan:sedp",
            "plan:sedp",
            lambda body, _: plan_factories.plan(body, kind="sedp"),
        ),
        Write(
            "publishing a joint action plan",
            "plan:jap",
            "plan:jap",
            lambda body, _: plan_factories.plan(body, kind="jap"),
        ),
        Write(
            "withdrawing a programme",
            "plan:sedp",
            "plan:sedp",
            lambda body, plan: _unpublish(plan),
            prepare=plan_factories.plan,
        ),
        Write(
            "reporting progress on an action",
            "plan:progress",
            "plan:progress",
            lambda body, plan: plans.record_progress(
                action=plan.actions.first(),
                reported_on=datetime.date(2025, 6, 1),
                status="in_progress",
                progress=50,
                text="Иш жүрүүдө",
                language="ky",
            ),
            prepare=lambda body: plan_factories.full_plan(body, actions=1),
        ),
        Write(
            "the monitoring group approving its report",
            "plan:monitoring",
            "plan:monitoring",
            lambda body, prepared: plans.publish_report(member=prepared[0], report=prepared[1]),
            prepare=_draft_report,
        ),
    ],  # fmt: skip
}

# The social order: a programme published, a call opened, a call decided, a contract signed,
# a report accepted, the group's report on a project published
# (achyk/social_order/tests/writes.py).
WRITES["achyk.social_order.evidence"] = [
    Write("publishing a programme", "social-order:programme", "social-order:programme",
          social.publish_programme),
    Write("opening a call", "social-order:call", "social-order:call", social.open_call,
          prepare=social.draft_call),
    Write("deciding a call", "social-order:results", "social-order:results", social.decide,
          prepare=social.call_under_review),
    Write("signing a contract", "social-order:contract", "social-order:contract", social.sign,
          prepare=social.winner),
    Write("accepting a report", "social-order:report", "social-order:report", social.accept,
          prepare=social.submitted_report),
    Write("the group publishing its report on a project", "social-order:monitoring",
          "social-order:monitoring", social.publish_monitoring_report,
          prepare=social.filed_monitoring_report),
]  # fmt: skip


# Participation: the needs study, its ranked priorities, events announced and their minutes.
def _tally(body, prepared):
    from achyk.participation import services as participation_services

    group, priority = prepared
    participation_services.set_tally(
        priority=priority, focus_group=group, points=7, version=0, by=None
    )


def _study_to_rank(body):
    from achyk.participation.tests import factories as participation

    study = participation.study(body)
    return participation.focus_group(study), participation.priority(study)


def _event(**fields):
    def make(body, _prepared=None):
        from achyk.participation.tests import factories as participation

        return participation.event(body, **fields)

    return make


def _minutes(body, event):
    event.minutes_ru = "Решили: утвердить план совместных действий."
    event.save()


WRITES["achyk.participation.evidence"] = [
    Write("publishing a needs study", "participation:study", "participation:study",
          lambda body, _: _study_to_rank(body)),
    Write("ranking priorities", "participation:priorities", "participation:priorities",
          _tally, prepare=_study_to_rank),
    Write("announcing an event", "participation:announced", "participation:announced",
          _event(days=20)),
    Write("publishing the minutes of an event", "participation:minutes",
          "participation:minutes", _minutes, prepare=_event(days=-3)),
]  # fmt: skip


def _unpublish(item):
    item.is_published = False
    item.save()


def _figures(body):
    summary = selectors.summary_for(body)
    rows = [
        (score.language, score.status, score.missing, score.evidence_count)
        for score in selectors.scores_for_body(body)
    ]
    return (summary.fill, summary.relevance, summary.index), rows


def test_every_registered_provider_declares_its_writes(db):
    registered = evidence.providers()
    assert registered, "no evidence provider is registered"
    for provider in registered:
        module = type(provider).__module__
        assert module in WRITES, f"{module} provides evidence but declares no write path here"
        for kind in provider.kinds():
            assert any(fnmatch(kind.key, write.covers) for write in WRITES[module]), (
                f"no write of {module} stands for the evidence {kind.key!r}"
            )


@pytest.mark.parametrize(
    "write",
    [write for writes in WRITES.values() for write in writes],
    ids=lambda write: f"{write.key} {write.name}",
)
def test_a_write_moves_the_body_score_once_it_commits(
    write, body_a, body_b, django_capture_on_commit_callbacks
):
    factories.duty(code="contract", keys=write.key, rule=Rule.ONCE)
    with django_capture_on_commit_callbacks(execute=True):
        prepared = write.prepare(body_a)
    services.recompute()
    before, other = _figures(body_a), _figures(body_b)

    with django_capture_on_commit_callbacks() as callbacks:
        write.run(body_a, prepared)
    assert _figures(body_a) == before, "the score moved before the write committed"
    assert callbacks, "the write told the monitor nothing"
    for callback in callbacks:
        callback()

    assert _figures(body_a) != before
    assert _figures(body_b) == other


def test_a_write_that_rolls_back_queues_nothing(body_a, django_capture_on_commit_callbacks):
    factories.duty(code="contract", keys="budget:draft", rule=Rule.ONCE)
    services.recompute()
    before = _figures(body_a)
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(ValueError),
        transaction.atomic(),
    ):
        _import("draft")(body_a)
        raise ValueError("the import is abandoned")
    assert callbacks == []
    assert _figures(body_a) == before


# Requests for information: an answer given by its due date is evidence (achyk.requests).
def _registered_request(body):
    from achyk.requests.tests import factories as information

    return information.registered(body, received_on=datetime.date.today())


def _answer_request(request):
    from achyk.requests import services as information

    information.answer(request=request, status="answered", text="Ответ", by=None)


WRITES["achyk.requests.evidence"] = [
    Write(
        "answering a request for information in time",
        "requests:answered-in-time",
        "requests:*",
        lambda body, request: _answer_request(request),
        prepare=_registered_request,
    ),
]
