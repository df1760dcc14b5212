"""Transparency scores of bodies, for the pages of apps that may not import the monitor.

The platform's home lists every body with its transparency index and a body's home shows its
own; both belong to `content`, which sits beside the monitor and never imports it. The
monitor registers one `reader` in its `AppConfig.ready()` (as evidence providers are
registered) and sends `scores_changed` once new scores are stored, so the page cache forgets
the pages that show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.dispatch import Signal

#: Sent with `body_ids` (a list) after the scores of those bodies were stored and committed.
scores_changed = Signal()

#: (body_ids or None for every active body) -> {body_id: index in percent}; one query.
Reader = Callable[[Iterable[int] | None], dict[int, Decimal]]
_readers: list[Reader] = []


def register_reader(reader: Reader) -> None:
    """Called from the monitor's `ready()`; registering it again replaces the first."""
    _readers[:] = [reader]


def indexes(body_ids: Iterable[int] | None = None) -> dict[int, Decimal]:
    """{body_id: transparency index (0-100)} of the given bodies (None: every active body);
    a body not scored yet is absent. Empty when no monitor is installed."""
    return _readers[0](body_ids) if _readers else {}


def changed(body_ids: Iterable[int]) -> None:
    """Tell the pages that show scores that those of `body_ids` changed."""
    scores_changed.send(sender=None, body_ids=list(body_ids))
