"""The front cache's bans, sent by the task queue: no change waits for a proxy, or fails
because one is slow or down (front.py, docs/adr/0007-front-cache.md).

`queue_ban(scope)` is called by `generations.forget` once the change is committed, after the
page cache's own generation has moved, so a proxy that fetches a page again after the ban
gets the new one. Bans are coalesced per scope (a body, the platform, everything):

* within one transaction, a scope forgotten many times is queued once (`generations.forget`);
* across a burst of changes, the first is banned at once; a change within BAN_EVERY seconds
  of it queues one ban deferred by BAN_EVERY, and further changes while both are marked queue
  nothing: the deferred ban becomes due only when its mark ends, so it runs after them. At
  most two bans per scope and proxy every BAN_EVERY seconds, whatever the rate of changes.

A queue that cannot defer (TASKS_BACKEND=immediate) runs each ban as it is queued, in the
request, and does not try again.

`ban_scope` sends one scope's ban to the proxies. One that does not answer (or fails, 5xx) is
logged and tried again by a task of its own after RETRY_FIRST seconds, doubled at each try
up to RETRY_LONGEST, while the copies the ban is for can still exist: CACHE_PAGE_SECONDS
after the try, every copy made before the change has expired. One try waits per scope and
proxies at a time: the bans that fail meanwhile (more changes while a proxy is down) only
move its end later, so a long outage queues a try every RETRY_LONGEST seconds, not one per
change. The run that failed is recorded failed in the queue (`BansNotTaken`, with each
proxy's reason and what happens next).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from . import front

logger = logging.getLogger(__name__)

#: Seconds within which the bans of one scope are coalesced (see above).
BAN_EVERY = 5
#: Seconds before a ban a proxy did not take is tried again, doubled at each try up to...
RETRY_FIRST = 2.0
RETRY_LONGEST = 60.0


class BansNotTaken(Exception):
    """Some proxies did not take a ban; the message says which, why, and when it is tried
    again."""


def queue_ban(scope: str) -> None:
    """Queue the ban of `scope` for every proxy: at once, or coalesced with a burst's."""
    if not ban_scope.get_backend().supports_defer or _mark(f"pagecache:ban:now:{scope}"):
        ban_scope.enqueue(scope)
    elif _mark(f"pagecache:ban:next:{scope}"):
        later = timezone.now() + timedelta(seconds=BAN_EVERY)
        ban_scope.using(run_after=later).enqueue(scope)


def _mark(key: str, seconds: float = BAN_EVERY) -> bool:
    """Whether `key` was not marked and now is, for `seconds`. A cache that keeps nothing
    (Redis down: achyk.ui.cache) marks every time: every change is banned, not none."""
    return cache.add(key, True, seconds) or not cache.has_key(key)


@task()
def ban_scope(
    scope: str, urls: list[str] | None = None, attempt: int = 1, since: float | None = None
) -> int:
    """Send the ban of `scope` to the proxies at `urls` (None: FRONT_CACHE_URLS); how many
    took it. `attempt` counts the tries; `since` is when the latest change this try stands
    for was first tried (epoch seconds)."""
    since = since or time.time()
    urls = settings.FRONT_CACHE_URLS if urls is None else urls
    if attempt > 1:
        cache.delete(_retry_key(scope, urls))  # this is the try that waited: no longer
    failed = []
    for url in urls:
        try:
            front.send_ban(url, scope)
        except front.BanNotTaken as error:
            logger.warning("%s (try %d)", error, attempt)
            failed.append(error)
    if failed:
        again = [error.url for error in failed if error.transient]
        later = _try_again(scope, again, attempt=attempt, since=since)
        reasons = "; ".join(str(error) for error in failed)
        raise BansNotTaken(f"{reasons} (try {attempt}, {later})")
    return len(urls)


def _try_again(scope: str, urls: list[str], *, attempt: int, since: float) -> str:
    """Queue the next try of the ban of `scope` at `urls`, unless one already waits for them
    (it runs after this change, and learns of it: it keeps trying until CACHE_PAGE_SECONDS
    after the latest change it stands for) or it is too late; what was done."""
    if not urls or not ban_scope.get_backend().supports_defer:
        return "not tried again"
    key = _retry_key(scope, urls)
    latest = max(since, cache.get(f"{key}:since") or since)
    delay = min(RETRY_FIRST * 2 ** (attempt - 1), RETRY_LONGEST)
    if time.time() + delay > latest + settings.CACHE_PAGE_SECONDS:
        return "not tried again: the copies it was for have expired"
    cache.set(f"{key}:since", latest, settings.CACHE_PAGE_SECONDS)
    if not _mark(key, delay):
        return "a try already waits"
    when = timezone.now() + timedelta(seconds=delay)
    ban_scope.using(run_after=when).enqueue(scope, urls=urls, attempt=attempt + 1, since=latest)
    return f"tried again at {when.isoformat()}"


def _retry_key(scope: str, urls: list[str]) -> str:
    return f"pagecache:ban:retry:{scope}:{' '.join(urls)}"
