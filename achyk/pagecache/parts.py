"""Parts of pages kept for every render: what every page of a body shows of the body's data
beyond the page itself (the sections of its menu), computed once and read by every render of
every page of the body, for readers and staff alike, until the body's pages are forgotten (the
generations of its scope, `generations.py`) or CACHE_PART_SECONDS pass.

A part is kept with the generations it was computed under and read with them in one round
trip; it is used only while they are current, so a change that forgets a body's pages makes
its parts be computed again on the next render. Without a cache that every process shares
(the local-memory default), parts are not kept unless CACHE_PART_SECONDS says so: another
process would not learn of the change and would show staff an old menu.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from .generations import body_scope, generation_keys, generations

T = TypeVar("T")


def part_key(scope: str, name: str) -> str:
    return f"pagecache:part:{scope}:{name}"


def remembered(scope: str, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept under `scope`'s generations for CACHE_PART_SECONDS at most (0: not
    kept). The value must be picklable and the same for every reader (no names of the user,
    no language unless `name` says which)."""
    seconds = settings.CACHE_PART_SECONDS
    if seconds <= 0:
        return compute()
    key = part_key(scope, name)
    found = cache.get_many([*generation_keys(scope), key])
    current = generations(scope, found)
    kept = found.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == current:
        return kept[1]
    value = compute()
    if None not in current:  # the cache answers: keep it (when it fails, nothing is kept)
        cache.set(key, (current, value), seconds)
    return value


def kept_with_body(body_id: int, name: str, compute: Callable[[], T]) -> T:
    """`remembered` under the body's scope: kept until the body's pages are forgotten."""
    return remembered(body_scope(body_id), name, compute)
