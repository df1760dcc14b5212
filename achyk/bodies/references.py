"""References between the objects of sibling apps, without imports: a priority of the needs
study names "the plan step that answers it", and the plan's step shows the priorities it
answers, though participation and plans never import each other.

A reference is a string `<kind>:<id>` ("plans.step:12"); a kind whose objects are named by
more than one number (a line of a body's budget: the budget and the code, which outlive the
rows a new import writes) declares `parts` and joins them with "-" ("budget.line:7-215").
The app that owns a kind registers
a `Kind` in its `AppConfig.ready()`: how to show its objects (title and public address) and
which objects of a body may be chosen. An app that stores references registers backlinks
answering "which of my objects point at these keys", for the kinds it stores, so the owner of
the target shows them (a budget line the actions that it funds).
Unknown kinds and missing objects resolve to nothing (the app may not be installed yet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """What a reference shows: `title` and `url` (the public page, or "")."""

    key: str
    title: str
    url: str
    detail: str = ""  # a short line more (amounts, a date), if the kind has one


@dataclass(frozen=True)
class Kind:
    """A kind of referable object.

    - `resolve(ids, language)` -> {id: Target} for the objects that exist and are public;
    - `choices(body, language)` -> [(key, label)]: the body's objects a form may offer.

    An id is an int, or a tuple of `parts` ints when the kind names its objects by more
    than one number.
    """

    name: str
    resolve: Callable[[list, str], dict]
    choices: Callable[[object, str], list[tuple[str, str]]]
    parts: int = 1


_kinds: dict[str, Kind] = {}
_backlinks: dict[Callable[[set[str], str], dict[str, list[Target]]], frozenset[str]] = {}


def register_kind(kind: Kind) -> None:
    _kinds[kind.name] = kind


def register_backlinks(
    answer: Callable[[set[str], str], dict[str, list[Target]]], *, kinds: Iterable[str]
) -> None:
    """`answer(keys, language)` -> {key: [Target of an object pointing at key]}, asked only
    for keys of `kinds` (the kinds of reference the app stores)."""
    _backlinks[answer] = frozenset(kinds)


def kinds() -> set[str]:
    """The names of the registered kinds."""
    return set(_kinds)


def split(key: str) -> tuple[str, int | tuple[int, ...]] | None:
    """("plans.step", 12) for "plans.step:12", ("budget.line", (7, 215)) for
    "budget.line:7-215"; None for anything malformed."""
    name, _sep, ident = (key or "").rpartition(":")
    parts = ident.split("-")
    if not name or not all(p.isascii() and p.isdigit() and len(p) <= 18 for p in parts):
        return None
    numbers = tuple(int(part) for part in parts)
    return name, numbers[0] if len(numbers) == 1 else numbers


def key(name: str, ident) -> str:
    """The reference of object `ident` (an int, or a tuple of ints) of kind `name`."""
    parts = ident if isinstance(ident, tuple) else (ident,)
    return f"{name}:{'-'.join(str(part) for part in parts)}"


def _arity(ident) -> int:
    return len(ident) if isinstance(ident, tuple) else 1


def resolve(keys: Iterable[str], language: str) -> dict[str, Target]:
    """The targets of `keys` that a registered kind knows, by key."""
    wanted: dict[str, list] = {}
    for reference in keys:
        parts = split(reference)
        kind = _kinds.get(parts[0]) if parts else None
        if kind is not None and _arity(parts[1]) == kind.parts:
            wanted.setdefault(kind.name, []).append(parts[1])
    found = {}
    for name, ids in wanted.items():
        for ident, target in _kinds[name].resolve(ids, language).items():
            found[key(name, ident)] = target
    return found


def choices(name: str, body, language: str) -> list[tuple[str, str]]:
    """The body's objects of kind `name` a form may offer; none if no app registered it."""
    kind = _kinds.get(name)
    return kind.choices(body, language) if kind else []


def backlinks(keys: Iterable[str], language: str) -> dict[str, list[Target]]:
    """What points at each of `keys`, from every app that stores references."""
    by_kind: dict[str, set[str]] = {}
    for reference in keys:
        parts = split(reference)
        if parts:
            by_kind.setdefault(parts[0], set()).add(reference)
    result: dict[str, list[Target]] = {}
    for answer, kinds in _backlinks.items():
        asked = set().union(*(by_kind.get(kind, ()) for kind in kinds))
        if not asked:
            continue  # no key of a kind this app stores: no query
        for key, targets in answer(asked, language).items():
            result.setdefault(key, []).extend(targets)
    return result
