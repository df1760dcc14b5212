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
}


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
