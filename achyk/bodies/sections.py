"""Sections of a body's public site held by apps other than its pages: the one seam between
those apps and the site's menu.

A body's menu lists its pages (news, documents, contacts, ...) and the sections other apps
serve at their own addresses (the budget, development plans, the social order, the
transparency page, ...). Each app registers a `PublicSection` in its `AppConfig.ready()` (as
evidence providers are registered), saying how to know that the body has something there;
the menu asks once per request (`sections_of`: one query for every section) and shows only
the sections that hold something, so a resident never opens an empty one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Exists

#: The menu's order of the sections that share it; apps pick a slot.
ORDER = ("budget", "plans", "participation", "calendar", "social_order", "requests", "transparency")


@dataclass(frozen=True)
class PublicSection:
    """One section: `url_name` is reversed under the body's address, `label` is lazy;
    `holds` gives `Exists` subqueries over `OuterRef("pk")` (a Body): the section is shown
    when any is true; None: always shown (e.g. asking for information)."""

    key: str
    url_name: str
    label: str
    holds: Callable[[], Sequence[Exists]] | None = None


_sections: dict[str, PublicSection] = {}


def register_section(section: PublicSection) -> None:
    """Called from an app's `ready()`; registering the same key again replaces it."""
    _sections[section.key] = section


def _rank(section: PublicSection) -> tuple[int, str]:
    return (ORDER.index(section.key) if section.key in ORDER else len(ORDER), section.key)


def sections_of(body) -> list[PublicSection]:
    """The registered sections in which `body` holds something, in the menu's order."""
    from .models import Body

    ordered = sorted(_sections.values(), key=_rank)
    checks, owner = {}, {}
    for section in ordered:
        for condition in section.holds() if section.holds is not None else ():
            alias = f"holds_{len(checks)}"  # never a field's name
            checks[alias], owner[alias] = condition, section.key
    row = Body.objects.filter(pk=body.pk).values(**checks).first() if checks else None
    held = {owner[alias] for alias, value in (row or {}).items() if value}
    return [s for s in ordered if s.holds is None or s.key in held]


def by_keys(keys) -> list[PublicSection]:
    """The registered sections named by `keys`, in that order; a key no longer registered is
    passed over (a part kept before an app was removed)."""
    return [_sections[key] for key in keys if key in _sections]
