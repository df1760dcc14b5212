"""Sessions end when idle; a session proves its second factor before it counts.

`IdleTimeoutMiddleware` ends a signed-in session (on the server: the session row is
flushed) after ACHYK_IDLE_TIMEOUT seconds without a request. It writes the time of the last
request into the session at most once a minute, so pages do not each save the session.

`SecondFactorMiddleware` (after django-otp's OTPMiddleware):

* an account with an authenticator whose session has not given a code yet is sent to the
  verify step on /admin/, and is anonymous on the public site (so a monitoring group member
  flags nothing with the password alone) except on the public verify step;
* when ACHYK_REQUIRE_2FA is on, an account whose role requires a second factor and has none
  is sent from every admin page to the enrolment page.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import policy

LAST_SEEN = "signin_last_seen"
#: The last request's time is written at most this often (seconds).
LAST_SEEN_RESOLUTION = 60
#: Admin routes open to a session that has not proven its second factor yet.
OPEN_ADMIN_VIEWS = frozenset(
    {"wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_javascript_catalog",
     "wagtailadmin_sprite", "signin_verify", "signin_setup", "signin_overview"}
)  # fmt: skip
#: Public routes open to such a session: the verify step and signing out (on the sign-in
#: form it is anonymous, so it may sign in again).
OPEN_PUBLIC_VIEWS = frozenset({"jmeg_logout", "signin_public_verify"})


def signed_in(request) -> bool:
    """Whether the request is a signed-in user's, without touching the session of a reader who
    has none (reading it would add `Vary: Cookie`, and the page cache would keep nothing)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if signed_in(request):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.ACHYK_IDLE_TIMEOUT:
                logout(request)
            elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def _view_name(request) -> str:
    from django.urls import Resolver404, resolve

    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.check(request)
        return response or self.get_response(request)

    def check(self, request):
        if not signed_in(request) or policy.is_verified(request.user):
            return None
        user = request.user
        in_admin = request.path_info.startswith("/admin/")
        if policy.is_enrolled(user):
            if in_admin:
                if _view_name(request) not in OPEN_ADMIN_VIEWS - {"signin_setup"}:
                    return _to(request, "signin_verify")
            elif _view_name(request) not in OPEN_PUBLIC_VIEWS:
                request.user = AnonymousUser()
            return None
        if in_admin and policy.must_enrol(user) and _view_name(request) not in OPEN_ADMIN_VIEWS:
            return _to(request, "signin_setup")
        return None


def _to(request, view_name):
    url = reverse(view_name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
