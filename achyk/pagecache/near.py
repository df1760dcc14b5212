"""Near copies: page cache hits kept in the process's own memory, served without asking Redis.

A page cache hit asks Redis once (`middleware.PageCacheMiddleware`). With Redis, each process
also keeps the answers of its recent hits in its own memory, as they were sent (every
middleware's headers included), with the routing version and the two generations the hit read,
and `NearPageMiddleware`, right after the health checks, answers the same address from there
while those counters are still current: no round trip, no other middleware.

What "current" means here is the process's view of the counters, `cache.watch()`: a thread
subscribed to Redis hears every move of a counter (`cache.bump` moves and announces it in one
script), and the process that moves one takes the new value at once. A copy is served only if
the view holds the values the hit read and its time is not up. When the subscription is lost
(Redis stopped, restarted, silent), the view forgets every value and starts a new epoch, so no
earlier copy is served again; until it holds again, nothing is served from here; and a request
that began in an earlier epoch keeps nothing (what it read may predate a move not heard).

The front cache's own fetches (Varnish: a ban, or a copy run out) are answered from Redis,
never from here: a ban is sent after the change is announced, but may reach Varnish before
this process has heard the announcement.

At most CACHE_NEAR_BYTES of pages per process (the least recently served go first); 0, or the
local-memory cache (no other process to hear from), keeps none.
"""

import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

from achyk.ui.accessibility import COOKIE_NAME

from . import front
from .middleware import NEAR_EPOCH, NEAR_HIT, may_look_up, response_of


class Copy(NamedTuple):
    counters: tuple[tuple[str, int], ...]
    until: float
    scope: str
    status: int
    headers: list
    content: bytes


class Copies:
    """The copies of one process, by address; at most `limit` bytes of content."""

    def __init__(self):
        self._copies: OrderedDict[tuple, Copy] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, address: tuple) -> Copy | None:
        return self._copies.get(address)

    def put(self, address: tuple, copy: Copy, limit: int) -> None:
        if len(copy.content) > limit:
            return
        with self._lock:
            self._drop(address)
            self._copies[address] = copy
            self._size += len(copy.content)
            while self._size > limit:
                self._drop(next(iter(self._copies)))

    def served(self, address: tuple) -> None:
        with self._lock:
            if address in self._copies:
                self._copies.move_to_end(address)

    def drop(self, address: tuple) -> None:
        with self._lock:
            self._drop(address)

    def _drop(self, address: tuple) -> None:
        old = self._copies.pop(address, None)
        if old is not None:
            self._size -= len(old.content)

    def clear(self) -> None:
        with self._lock:
            self._copies.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._copies)


copies = Copies()


def address(request) -> tuple:
    """What tells one kept page from another: everything `middleware.page_key` is made of, as
    the request carries it (the query string and the display cookie unnormalised: two ways
    of asking for one page keep two copies, never one copy for two pages)."""
    return (
        request.scheme, request.get_host().lower(), request.path,
        request.META.get("QUERY_STRING", ""), request.COOKIES.get(COOKIE_NAME, ""),
    )  # fmt: skip


def _current(copy: Copy, values: dict) -> bool:
    return time.time() < copy.until and all(
        values.get(key) == value for key, value in copy.counters
    )


def _served(copy: Copy):
    response = response_of(copy.status, copy.headers, copy.content)
    if front.enabled():
        front.mark(response, copy.scope, int(copy.until - time.time()))
    return response


def _same_for_every_reader(response) -> bool:
    """Whether the answer, as the middlewares around the page cache left it, may go to every
    reader of the address: not streamed, no cookie, and not encoded for this reader (a
    compression a middleware chose by the request's Accept-Encoding)."""
    return not (response.streaming or response.cookies or response.has_header("Content-Encoding"))


class NearPageMiddleware:
    """Serves a page from this process's copies; keeps the answer of a page cache hit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.CACHE_NEAR_BYTES
        if limit <= 0 or settings.CACHE_PAGE_SECONDS <= 0 or not may_look_up(request):
            return self.get_response(request)
        if front.fetching(request):
            # The front cache asks after a ban, which may reach it before this process hears
            # of the change that caused it: from Redis, or it would keep the old page.
            return self.get_response(request)
        view = cache.watch() if hasattr(cache, "watch") else None
        if view is None or not view.live:
            return self.get_response(request)
        epoch = view.epoch
        where = address(request)
        copy = copies.get(where)
        if copy is not None:
            if _current(copy, view.values):
                copies.served(where)
                return _served(copy)
            copies.drop(where)
        setattr(request, NEAR_EPOCH, epoch)
        response = self.get_response(request)
        hit = getattr(request, NEAR_HIT, None)
        if hit is not None and _same_for_every_reader(response):
            counters, until, scope = hit
            if view.heard(counters, epoch):
                headers = list(response.items())
                kept = Copy(counters, until, scope, response.status_code, headers,
                            response.content)  # fmt: skip
                copies.put(where, kept, limit)
        return response
