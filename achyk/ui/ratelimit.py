"""Rate limits on what anonymous readers may ask often: a fixed window per address and kind.

`RateLimitMiddleware` counts, in the cache (local memory, or Redis with REDIS_URL, so every
process shares the counts), the requests of one client address (`client_address`, which the
sign-in throttle of django-axes uses too) per kind of route in windows of a minute, and
answers 429 with a page in the reader's language and `Retry-After` once a kind's limit
(settings.ACHYK_RATE_LIMITS, requests per minute) is passed:

* ``search``: the search pages (anonymous GET);
* ``registry``: the registry of acts and its feeds (anonymous GET);
* ``export``: CSV, JSON, XLSX, PDF and data package downloads (anonymous GET);
* ``signin``: posts to the sign-in forms, the two-step step and the password reset (anyone);
* ``form``: every other post by an anonymous reader (online reception, display settings).

Staff who are signed in are limited on sign-in only. ACHYK_RATE_LIMITS_ON=0 turns every limit
off. Counts are approximate at a window's edge (up to twice the limit over two windows), which
is enough against a script that hammers the search and cheap: one cache increment a request.
Pages the page cache keeps (`achyk.pagecache`, before this middleware) are answered before
they are counted: a kept page costs a cache lookup, about what counting it would.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

SIGNIN_VIEWS = frozenset(
    {"wagtailadmin_login", "jmeg_login", "signin_verify", "signin_public_verify",
     "signin_setup", "signin_public_setup", "wagtailadmin_password_reset"}
)  # fmt: skip
REGISTRY_VIEWS = frozenset({"registry", "registry_rss", "registry_atom"})
EXPORT_SUFFIXES = ("_csv", "_json", "_xlsx", "_pdf", "_datapackage", "budget_export")
WINDOW = 60


def _signed_in(request) -> bool:
    # A reader without a session cookie is anonymous: reading the session would add
    # `Vary: Cookie` to the response, and the page cache would keep nothing.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def client_address(request) -> str:
    """The reader's address: REMOTE_ADDR, or behind a proxy (USE_X_FORWARDED_FOR) the last
    address of X-Forwarded-For, which the proxy itself appended (earlier ones are whatever the
    client sent, so they are never trusted)."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded[:45]
    return request.META.get("REMOTE_ADDR", "")


def route_kind(request, view_name: str) -> str | None:
    """Which limit counts this request, or None."""
    if request.method == "POST" and view_name in SIGNIN_VIEWS:
        return "signin"
    if _signed_in(request):
        return None
    if request.method == "POST":
        return "form"
    if request.method not in ("GET", "HEAD"):
        return None
    if view_name == "search":
        return "search"
    if view_name in REGISTRY_VIEWS:
        return "registry"
    if view_name.endswith(EXPORT_SUFFIXES):
        return "export"
    return None


def over_limit(kind: str, address: str) -> bool:
    """Count one request of `kind` from `address`; whether it passes the limit."""
    window = int(time.time()) // WINDOW
    key = f"ratelimit:{kind}:{address}:{window}"
    cache.add(key, 0, WINDOW + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, WINDOW + 5)
        count = 1
    return count > settings.ACHYK_RATE_LIMITS[kind]


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.ACHYK_RATE_LIMITS_ON or request.path_info.startswith("/static/"):
            return None
        match = request.resolver_match
        kind = route_kind(request, match.view_name if match else "")
        if kind is None or not over_limit(kind, client_address(request)):
            return None
        response = render(request, "ui/too_many_requests.html", status=429)
        response["Retry-After"] = str(WINDOW)
        response["Cache-Control"] = "no-store"
        return response
