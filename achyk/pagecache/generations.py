"""Generations of the page cache: `forget(scope)` makes every page kept under `scope` stale.

A scope is a body (`body_scope(id)`), the platform's own pages (PLATFORM) or everything
(GLOBAL). Each has a counter in the cache; `middleware.page_key` puts the counters of the
platform and of the body read in every page's key, so bumping one forgets its pages without
deleting any key (docs/adr/0002-page-cache.md).
"""

import time

from django.core.cache import cache
from django.db import transaction

GLOBAL = "global"
PLATFORM = "platform"
#: Generations outlive pages by far; one that expires restarts from the clock, never reused.
GENERATION_SECONDS = 24 * 3600


def body_scope(body_id: int) -> str:
    return f"body:{body_id}"


def _generation_key(scope: str) -> str:
    return f"pagecache:gen:{scope}"


def generations(scope: str) -> tuple[int, ...]:
    """The current generations of the platform as a whole and of `scope`."""
    keys = [_generation_key(GLOBAL), _generation_key(scope)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # The clock in nanoseconds: never a value pages were kept under before.
            cache.add(key, time.time_ns(), GENERATION_SECONDS)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def _bump(scope: str) -> None:
    key = _generation_key(scope)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), GENERATION_SECONDS)


def forget(scope: str) -> None:
    """Every cached page of `scope` (a body, PLATFORM or GLOBAL) is stale from now on.

    Bumped at once and again after the transaction commits, so a page rendered from data
    not yet committed is never kept under the new generation.
    """
    _bump(scope)
    transaction.on_commit(lambda: _bump(scope))
