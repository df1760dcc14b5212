"""The page cache: whole public pages kept for anonymous readers, forgotten when content changes.

`PageCacheMiddleware` answers an anonymous GET or HEAD of a public page (a Wagtail page of a
body or of the platform, a feed) from the cache when it can, and keeps what it renders when
the response is the same for every anonymous reader of that address. The key is the scheme,
host, full path (body slug and language included), the sorted query string, the reader's
display preferences (visually-impaired version) and two *generations*: the platform-wide one
and the one of the body being read (or of the platform's own pages). `generations.forget`
bumps a generation, so every page under it is rendered afresh on the next request; the
receivers in `invalidation.py` call it when anything a reader could see changes. Pages also
expire after CACHE_PAGE_SECONDS (0 turns the cache off), a safety net for changes no signal
reports.

Never kept: requests with a session or messages cookie (staff, a password-protected page),
anything but 200, streaming responses, responses that set a cookie (a CSRF token: forms),
read the session, vary on anything but Accept-Encoding, or say `Cache-Control: private`,
`no-cache` or `no-store`; views other than Wagtail's page serving and the feeds.
Every response looked up carries `X-Cache: hit` or `X-Cache: miss`.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from achyk.ui.accessibility import Preferences

from .generations import PLATFORM, body_scope, generations

#: URL names of the views whose answers may be kept: Wagtail's page serving and the feeds.
CACHEABLE_VIEWS = frozenset({"wagtail_serve", "feed_rss", "feed_atom"})
#: Never public pages, or served elsewhere: not even looked up.
SKIPPED_PATHS = ("/admin/", "/documents/", "/media/", "/static/", "/accessibility/")
#: Cookies that make a response personal (signed-in staff, unlocked pages, flash messages).
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
PRIVATE_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})


def _scope_of(request) -> str:
    body = getattr(request, "site_body", None)
    return body_scope(body.pk) if body is not None else PLATFORM


def page_key(request) -> str:
    query = urlencode(sorted(parse_qsl(request.META.get("QUERY_STRING", ""), True)))
    preferences = Preferences.from_request(request)
    parts = [
        request.scheme, request.get_host().lower(), request.path, query,
        preferences.to_cookie() if preferences.enabled else "",
        *map(str, generations(_scope_of(request))),
    ]  # fmt: skip
    return "pagecache:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _may_look_up(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(SKIPPED_PATHS)
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def _same_for_every_reader(request, response) -> bool:
    session = getattr(request, "session", None)
    vary = {v.lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    control = {d.split("=")[0].strip().lower() for d in directives}
    return (
        not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
        and vary <= {"accept-encoding"}
        and not control & PRIVATE_DIRECTIVES
    )


def _may_keep(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and match is not None
        and match.url_name in CACHEABLE_VIEWS
        and _same_for_every_reader(request, response)
    )


def _frozen(response) -> tuple:
    return (response.status_code, list(response.items()), response.content)


def _thawed(frozen: tuple) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serves and keeps public pages for anonymous readers; sits right after BodyMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.CACHE_PAGE_SECONDS
        if seconds <= 0 or not _may_look_up(request):
            return self.get_response(request)
        key = page_key(request)
        frozen = cache.get(key)
        if frozen is not None:
            response = _thawed(frozen)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _may_keep(request, response):
            cache.set(key, _frozen(response), seconds)
        response["X-Cache"] = "miss"
        return response
