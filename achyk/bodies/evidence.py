"""Evidence of publication: the one seam between the apps that publish and the monitor.

The transparency monitor knows what each body must publish; the apps that hold content know
what each body has published. Each content app registers an `EvidenceProvider` in its
`AppConfig.ready()` (as Wagtail hooks are registered), naming the kinds of evidence it can
show ("page:news", "doctype:council-resolution", "budget:approved", ...). The monitor asks
every provider for the evidence of many bodies at once and never imports the apps
themselves, so adding a module never edits the monitor (import-linter keeps both honest).

Providers answer in bulk (one or a few queries per kind for any number of bodies): the
monitor recomputes a thousand bodies in seconds, not one query per body and duty.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from django.dispatch import Signal


@dataclass(frozen=True)
class EvidenceKind:
    """A kind of evidence a provider can show, e.g. "doctype:council-resolution".

    `label` is a lazy translated name shown to platform admins who pick the evidence of a
    duty in the register.
    """

    key: str
    label: str


@dataclass(frozen=True)
class EvidenceItem:
    """One published thing that counts as evidence for a body.

    - `language`: the language of this version ("ky", "ru", "kk", "en"), or "" when the
      item is language-neutral (counts for every language, e.g. a data table).
    - `published_at` / `updated_at`: aware datetimes of first publication and last update.
    - `event_date`: the date of the event the item reports, where the duty's clock starts
      from it (the adoption date of an act, the approval of a budget); None otherwise.
    - `period`: what the item covers, when it covers a period ("2026", "2026-Q3"); "" else.
    - `missing`: what the item lacks to be complete ("date", "number", "signatory", ...);
      an item with something missing is partial evidence.
    """

    body_id: int
    key: str
    language: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    title: str
    url: str
    event_date: datetime.date | None = None
    period: str = ""
    missing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        return not self.missing


class EvidenceProvider(Protocol):
    """What a content app gives the monitor."""

    def kinds(self) -> Iterable[EvidenceKind]:
        """The kinds of evidence this provider can show."""

    def collect(self, *, keys: set[str], body_ids: Iterable[int] | None) -> Iterable[EvidenceItem]:
        """Every published item of these kinds for these bodies (None: every body)."""

    # Optional: `editor_url(self, *, key: str, body) -> str | None`, the admin address where
    # the body's staff add or edit evidence of this kind (the monitor's to-do list links to
    # it). A provider without it leaves the choice to the monitor's own defaults.
    # Optional: `overdue(self, *, body, today) -> Iterable[OverdueItem]`, what the body owes
    # past its legal date (the staff's to-do list and e-mail digest tell of it).
    # Optional: `figures(self, *, body) -> Iterable[Figure]`, measures of how the body does
    # (the body's public transparency page shows them beside the duties).
    # Optional, together: `figure_kinds(self) -> Iterable[FigureKind]`, the measures it
    # computes, and `figures_of(self, *, bodies) -> dict[int, Iterable[Figure]]`, the same
    # figures for many bodies at once, in a fixed number of queries (the platform's rating
    # shows them as columns).


@dataclass(frozen=True)
class OverdueItem:
    """Something a body owes past its legal date, e.g. a request for information not
    answered by its due date. `key` names it across the platform ("requests:BURANA-2026-0007");
    `label` is a lazy translated name of its kind; `url` the admin screen that settles it."""

    key: str
    label: str
    title: str
    due_on: datetime.date
    url: str


@dataclass(frozen=True)
class Figure:
    """A measure a provider computes for a body, e.g. the share of requests answered in
    time. `unit` is "percent" (0..100) or "number"; `label` and `note` (what it counts: "12
    of 14 answers of the last 12 months came on time") are translated; `url` the public page
    with the detail, if any. Figures are shown, not scored: they do not enter the index."""

    key: str
    label: str
    value: float
    unit: str = "number"
    note: str = ""
    url: str = ""


@dataclass(frozen=True)
class FigureKind:
    """A measure a provider computes for bodies (a column of the platform's rating): `key`
    as its figures carry it, a translated `label`, `unit` as in `Figure`."""

    key: str
    label: str
    unit: str = "number"


_providers: list[EvidenceProvider] = []


def register_provider(provider: EvidenceProvider) -> None:
    """Called from an app's `ready()`; registering the same provider twice is harmless."""
    if provider not in _providers:
        _providers.append(provider)


def providers() -> list[EvidenceProvider]:
    return list(_providers)


def kinds() -> dict[str, EvidenceKind]:
    """Every kind of evidence any registered provider can show, by key."""
    return {kind.key: kind for provider in _providers for kind in provider.kinds()}


def collect(*, keys: set[str], body_ids: Iterable[int] | None = None) -> Iterator[EvidenceItem]:
    """Evidence of the given kinds from every provider that shows any of them."""
    body_ids = None if body_ids is None else list(body_ids)
    for provider in _providers:
        own = {kind.key for kind in provider.kinds()} & keys
        if own:
            yield from provider.collect(keys=own, body_ids=body_ids)


def providers_by_kind() -> dict[str, EvidenceProvider]:
    """The provider of each kind of evidence, by key (the first registered, if two show it),
    with every provider's kinds read once."""
    found: dict[str, EvidenceProvider] = {}
    for provider in _providers:
        for kind in provider.kinds():
            found.setdefault(kind.key, provider)
    return found


def editor_url(*, key: str, body, by_kind: dict | None = None) -> str | None:
    """Where `body`'s staff add or edit evidence of kind `key`, if its provider says.
    `by_kind` (`providers_by_kind()`), when given, spares reading every provider's kinds again
    for each key of a list."""
    provider = (providers_by_kind() if by_kind is None else by_kind).get(key)
    if provider is None or not hasattr(provider, "editor_url"):
        return None
    return provider.editor_url(key=key, body=body) or None


def overdue(*, body, today: datetime.date) -> list[OverdueItem]:
    """What `body` owes past its legal date, by every provider that tells, oldest first."""
    found = [
        item
        for provider in _providers
        if hasattr(provider, "overdue")
        for item in provider.overdue(body=body, today=today)
    ]
    return sorted(found, key=lambda item: (item.due_on, item.key))


def figures(*, body) -> list[Figure]:
    """The measures every provider that computes any gives for `body`."""
    return [
        figure
        for provider in _providers
        if hasattr(provider, "figures")
        for figure in provider.figures(body=body)
    ]


def figure_kinds() -> list[FigureKind]:
    """The measures providers compute for many bodies at once, in the providers' order."""
    return [
        kind
        for provider in _providers
        if hasattr(provider, "figures_of")
        for kind in provider.figure_kinds()
    ]


def figures_of(*, bodies) -> dict[int, dict[str, Figure]]:
    """{body_id: {key: Figure}} of every provider that computes figures in bulk, for `bodies`
    (Body instances): a fixed number of queries whatever their number. A body a provider has
    nothing to say of has no entry of its keys."""
    bodies = list(bodies)
    found: dict[int, dict[str, Figure]] = {body.pk: {} for body in bodies}
    if not bodies:
        return found
    for provider in _providers:
        if hasattr(provider, "figures_of"):
            for body_id, figures in provider.figures_of(bodies=bodies).items():
                found.setdefault(body_id, {}).update({figure.key: figure for figure in figures})
    return found


#: Sent with `body_id` by the apps that publish, when a body's evidence may have changed (a
#: page published or unpublished, an act or a file saved or deleted); the monitor listens.
evidence_changed = Signal()


def changed(body_id: int | None) -> None:
    """Tell the monitor that the evidence of body `body_id` may have changed."""
    if body_id is not None:
        evidence_changed.send(sender=None, body_id=body_id)
