"""Generations of the page cache: `forget(scope)` makes every page kept under `scope` stale.

A scope is a body (`body_scope(id)`), the platform's own pages (PLATFORM) or everything
(GLOBAL). Each has a counter in the cache; `middleware.page_key` puts the counters of the
platform and of the body read in every page's key, so bumping one forgets its pages without
deleting any key (docs/adr/0002-page-cache.md).
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

from . import front, tasks

logger = logging.getLogger(__name__)

GLOBAL = "global"
PLATFORM = "platform"
#: Generations outlive pages by far; one that expires restarts from the clock, never reused.
GENERATION_SECONDS = 24 * 3600


def body_scope(body_id: int) -> str:
    return f"body:{body_id}"


def _generation_key(scope: str) -> str:
    return f"pagecache:gen:{scope}"


def generation_keys(scope: str) -> list[str]:
    """The cache keys of the generations `generations(scope)` reads."""
    return [_generation_key(GLOBAL), _generation_key(scope)]


def generations(scope: str, found: dict | None = None) -> tuple[int, ...]:
    """The current generations of the platform as a whole and of `scope`; `found`, if given,
    holds what was just read of `generation_keys(scope)` with other keys (one round trip)."""
    keys = generation_keys(scope)
    found = cache.get_many(keys) if found is None else {k: found[k] for k in keys if k in found}
    for key in keys:
        if key not in found:
            # The clock in nanoseconds: never a value pages were kept under before.
            cache.add(key, time.time_ns(), GENERATION_SECONDS)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def _bump(scope: str) -> None:
    # A missing counter restarts from the clock; the move is announced to every process
    # (`cache.watch()`), so the copies `near` keeps under the old value end at once.
    cache.bump(_generation_key(scope), start=time.time_ns(), timeout=GENERATION_SECONDS)


class _BumpAfterCommit:
    def __init__(self, scope: str):
        self.scope = scope

    def __call__(self) -> None:
        _bump(self.scope)
        if front.enabled():
            try:
                tasks.queue_ban(self.scope)
            except Exception:  # the change is committed: the proxy's copies end with max-age
                logger.exception("The ban of %s could not be queued.", self.scope)


def forget(scope: str) -> None:
    """Every cached page of `scope` (a body, PLATFORM or GLOBAL) is stale from now on.

    Bumped at once and again after the transaction commits, so a page rendered from data
    not yet committed is never kept under the new generation. A transaction that forgets a
    scope many times (a row at a time) bumps it once after it commits. The front cache, if
    any, is told after the commit, by the task queue (`tasks.queue_ban`); a queue that
    fails then is logged, not raised: the change itself is committed.
    """
    _bump(scope)
    connection = transaction.get_connection()
    pending = connection.run_on_commit if connection.in_atomic_block else ()
    if not any(getattr(func, "scope", None) == scope for _ids, func, _robust in pending):
        transaction.on_commit(_BumpAfterCommit(scope))


def after_cache_outage(**kwargs) -> None:
    """The cache answers again after failing in this process (`achyk.ui.cache.recovered`):
    bumps made meanwhile were lost, so pages kept before the outage are forgotten now."""
    _bump(GLOBAL)


def cache_is_shared() -> bool:
    """Whether every process reads this cache (Redis), not only this one (local memory)."""
    from django.core.cache import caches
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    return not isinstance(caches["default"], LocMemCache | DummyCache)


def forget_everything() -> bool:
    """Every page of every body and of the platform is stale, and bodies (`bodies.routing`)
    and Wagtail's site addresses are read again; whether the cache took it (False: it does
    not answer)."""
    from wagtail.models import Site

    from achyk.bodies import routing

    before = cache.get(_generation_key(GLOBAL))
    _bump(GLOBAL)
    routing.changed()
    if front.enabled():
        front.ban(GLOBAL)
    Site.clear_site_root_paths_cache()
    after = cache.get(_generation_key(GLOBAL))
    return after is not None and after != before
