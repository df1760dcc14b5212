"""The page cache: whole public pages kept for anonymous readers, forgotten when content changes.

`PageCacheMiddleware` answers an anonymous GET or HEAD of a public page (a Wagtail page of a
body or of the platform, a feed) from the cache when it can, and keeps what it renders when
the response is the same for every anonymous reader of that address. The key is the scheme,
host, full path (body slug and language included), the sorted query string and the reader's
display preferences (visually-impaired version). A copy is kept with the two *generations*
it was rendered under: the platform-wide one and the one of the body being read (or of the
platform's own pages), and it is served only while both are still current.
`generations.forget` bumps a generation, so every page under it is rendered afresh on the
next request; the receivers in `invalidation.py` call it when anything a reader could see
changes. Pages also expire after CACHE_PAGE_SECONDS (0 turns the cache off), a safety net
for changes no signal reports.

The middleware sits before `BodyMiddleware`. A hit costs one read from the cache: the routing
version (`bodies.routing`), the two generations and the page, asked together; the body is the
one this process keeps for the address under that version. When the process keeps no answer
for the address, or the version moved, the body is found first and the generations and the
page are read in a second round trip (the body middleware then reuses the version read).

Never kept: requests with a session or messages cookie (staff, a password-protected page),
anything but 200, responses that set a cookie (a CSRF token: forms), write the session, vary
on anything but Accept-Encoding, or say `Cache-Control: private`, `no-cache` or `no-store`;
streamed answers (exports) larger than MAX_STREAMED_BYTES; views not in CACHEABLE_VIEWS.
Every response looked up carries `X-Cache: hit` or `X-Cache: miss`. With a front cache
(FRONT_CACHE_URLS, `front.py`), what is kept here, streamed exports apart, is marked for the
proxy to keep as well (`Surrogate-Control`, `X-Achyk-Scope`).
"""

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from achyk.bodies import routing
from achyk.ui.accessibility import Preferences

from . import front
from .generations import PLATFORM, body_scope, generation_keys, generations

#: The request attributes `near.NearPageMiddleware` reads: set by it, the epoch of the
#: process's view of the counters; set here on a hit, what the hit read.
NEAR_EPOCH = "_achyk_near_epoch"
NEAR_HIT = "_achyk_near_hit"
#: Seconds search results and the registry of acts are kept: they read every body's
#: documents, and a body's change forgets only that body's pages, so they are kept briefly.
SHORT_SECONDS = 60
#: View names (`resolver_match.view_name`) whose answers may be kept -> for how long (None:
#: CACHE_PAGE_SECONDS). What they show is forgotten by the app that owns it: the feature
#: apps `invalidation.watch` their rows, and their services forget what bulk writes change.
CACHEABLE_VIEWS: dict[str, int | None] = {
    # Wagtail's pages and the news feeds (content, documents: `invalidation`).
    "wagtail_serve": None, "feed_rss": None, "feed_atom": None,
    # Budget: the year, the Citizens' Budget, hearings and the open data of a year.
    "budget_index": None, "budget_year": None, "budget_citizens": None,
    "budget_citizens_pdf": None, "budget_hearings": None, "budget_hearing": None,
    "budget_data_csv": None, "budget_data_json": None, "budget_datapackage": None,
    "budget_fdp_csv": None, "budget_export": None,
    # The transparency monitor: a body's page, the rating (forgotten on recompute).
    "transparency:body": None, "transparency:rating": None,
    "transparency:duty_statistics": None, "transparency:methodology": None,
    # Plans, participation, the social order, requests: pages, feeds and exports.
    "plans_index": None, "plans_overview": None, "plans_plan": None, "plans_action": None,
    "plans_report": None, "plans_export": None,
    "participation_studies": None, "participation_study": None,
    "participation_schedule": None, "participation_groups": None,
    "participation_statistics": None, "participation_calendar": None,
    "participation_event": None, "participation_feed": None,
    "participation_kind_feed": None, "participation_event_ics": None,
    "social_order_index": None, "social_order_call": None, "social_order_contract": None,
    "social_order_csv": None, "social_order_json": None, "social_order_360giving": None,
    "requests_register": None, "requests_csv": None, "requests_detail": None,
    # Across bodies: kept for a short time only.
    "search": SHORT_SECONDS, "registry": SHORT_SECONDS, "registry_rss": SHORT_SECONDS,
    "registry_atom": SHORT_SECONDS, "registry_csv": SHORT_SECONDS,
    "registry_json": SHORT_SECONDS,
}  # fmt: skip
#: A streamed answer (an export) is kept only up to this size; larger ones stream each time.
MAX_STREAMED_BYTES = 2 * 1024 * 1024
#: Never public pages, or served elsewhere: not even looked up.
SKIPPED_PATHS = ("/admin/", "/documents/", "/media/", "/static/", "/accessibility/")
#: Cookies that make a response personal (signed-in staff, unlocked pages, flash messages).
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
PRIVATE_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})


def _scope_of(body) -> str:
    return body_scope(body.pk) if body is not None else PLATFORM


def page_key(request) -> str:
    """The key of the page `request` reads."""
    query = urlencode(sorted(parse_qsl(request.META.get("QUERY_STRING", ""), True)))
    preferences = Preferences.from_request(request)
    parts = [
        request.scheme, request.get_host().lower(), request.path, query,
        preferences.to_cookie() if preferences.enabled else "",
    ]  # fmt: skip
    return "pagecache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def may_look_up(request) -> bool:
    """Whether the page may come from the cache: a GET or HEAD without a personal cookie."""
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in PERSONAL_COOKIES
    )


def _skipped(request, body, by_host: bool) -> bool:
    """Whether the address is one of SKIPPED_PATHS, inside the body's site if it has one."""
    path = request.path_info
    if body is not None and not by_host:
        path = "/" + path.lstrip("/").partition("/")[2]
    return path.startswith(SKIPPED_PATHS)


def _same_for_every_reader(request, response) -> bool:
    session = getattr(request, "session", None)
    vary = {v.lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    control = {d.split("=")[0].strip().lower() for d in directives}
    return (
        not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # Looked up only without a session cookie, so a view that reads the session (is the
        # reader a member of the monitoring group?) reads an empty one, the same for all; a
        # view that writes it is about to give this reader a cookie.
        and not (session is not None and session.modified)
        and vary <= {"accept-encoding"}
        and not control & PRIVATE_DIRECTIVES
    )


def keep_seconds(request, response) -> int:
    """How long the answer may be kept (0: not at all)."""
    match = getattr(request, "resolver_match", None)
    if not (
        request.method == "GET"
        and response.status_code == 200
        and not getattr(response, "is_async", False)
        and match is not None
        and match.view_name in CACHEABLE_VIEWS
        and _same_for_every_reader(request, response)
    ):
        return 0
    seconds = settings.CACHE_PAGE_SECONDS
    return min(seconds, CACHEABLE_VIEWS[match.view_name] or seconds)


def _kept_as_streamed(response, content, key: str, seconds: int, current: tuple):
    """The chunks of a streamed response as they are sent; once all are sent, the whole is
    kept if it is no larger than MAX_STREAMED_BYTES."""
    chunks, size = [], 0
    for chunk in content:
        size += len(chunk)
        if size <= MAX_STREAMED_BYTES:
            chunks.append(chunk)
        yield chunk
    if size <= MAX_STREAMED_BYTES:
        content = b"".join(chunks)
        kept = (response.status_code, list(response.items()), content, _until(seconds), current)
        cache.set(key, kept, seconds)


def _until(seconds: int) -> float:
    """When a copy kept now goes stale. Kept with the copy and checked on reading, so a short
    keep (search, the registry) ends on this process's clock whatever the cache backend's."""
    return time.time() + seconds


def _frozen(response, seconds: int, current: tuple) -> tuple:
    """What is kept: the answer, until when, and the generations it was rendered under."""
    content = response.content
    return (response.status_code, list(response.items()), content, _until(seconds), current)


def _fresh(frozen, current: tuple) -> bool:
    return (
        isinstance(frozen, tuple)
        and len(frozen) == 5
        and frozen[4] == current
        and time.time() < frozen[3]
    )


def _thawed(frozen: tuple) -> HttpResponse:
    status, headers, content, _until_then, _current = frozen
    return response_of(status, headers, content)


def response_of(status: int, headers: list, content: bytes) -> HttpResponse:
    """A response made again from what was kept of one."""
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serves and keeps public pages for anonymous readers; sits right before BodyMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.CACHE_PAGE_SECONDS
        if seconds <= 0 or not may_look_up(request):
            return self.get_response(request)
        host, first = routing.address_of(request)
        key = page_key(request)
        found, version = None, None
        kept = routing.kept(host, first)
        if kept is not None:
            kept_version, body, by_host = kept
            found = cache.get_many([routing.VERSION_KEY, *generation_keys(_scope_of(body)), key])
            version = found.get(routing.VERSION_KEY)
            if version != kept_version:
                found = None  # a body or a site changed: find the body again
        if found is None:
            version = version if version is not None else cache.get(routing.VERSION_KEY)
            body, by_host = routing.find_body(host, first, version)
            setattr(request, routing.VERSION_READ, version)
        if _skipped(request, body, by_host):
            return self.get_response(request)
        scope = _scope_of(body)
        if found is None:
            found = cache.get_many([*generation_keys(scope), key])
        current = generations(scope, found)
        frozen = found.get(key)
        if _fresh(frozen, current):
            response = _thawed(frozen)
            response["X-Cache"] = "hit"
            if hasattr(request, NEAR_EPOCH):  # `near` may keep the answer, under these counters
                keys = (routing.VERSION_KEY, *generation_keys(scope))
                counters = tuple(zip(keys, (version, *current), strict=True))
                setattr(request, NEAR_HIT, (counters, frozen[3], scope))
            if front.enabled():
                front.mark(response, scope, int(frozen[3] - time.time()))
            return response
        return self._rendered(request, key, scope, current)

    def _rendered(self, request, key: str, scope: str, current: tuple):
        """The page rendered, and kept if it may be."""
        response = self.get_response(request)
        seconds = keep_seconds(request, response)
        if seconds and response.streaming:
            content = response.streaming_content
            response.streaming_content = _kept_as_streamed(response, content, key, seconds, current)
        elif seconds:
            cache.set(key, _frozen(response, seconds, current), seconds)
            # The front cache keeps it too, unless what it shows changed while it rendered:
            # a ban sent meanwhile could reach the proxy before this copy does.
            if front.enabled() and generations(scope) == current:
                front.mark(response, scope, seconds)
        response["X-Cache"] = "miss"
        return response
