"""The reader's display preferences (visually-impaired version) and error pages."""

import posixpath

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.static import serve as serve_static

from .accessibility import COOKIE_MAX_AGE, COOKIE_NAME, Preferences, PreferencesForm


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


# The toggle sits on every public page. Without a CSRF token those pages set no cookie and stay
# cacheable; a forged request could only change how the reader's pages look.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def accessibility(request):
    """Turn the visually-impaired version on or off, or tune it; works without JavaScript.

    The reader returns to the page they came from (`next`, same host only).
    """
    current = Preferences.from_request(request)
    if request.method == "POST":
        if "toggle" in request.POST:
            prefs = current.toggled()
        else:
            form = PreferencesForm(request.POST)
            if not form.is_valid():
                return render(request, "ui/accessibility.html", {"form": form}, status=400)
            prefs = Preferences.from_form(form.cleaned_data)
        response = HttpResponseRedirect(_safe_next(request))
        if prefs.enabled:
            response.set_cookie(
                COOKIE_NAME, prefs.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax"
            )
        else:
            response.delete_cookie(COOKIE_NAME)
        return response
    form = PreferencesForm(initial=current.as_initial())
    return render(request, "ui/accessibility.html", {"form": form, "next": _safe_next(request)})


#: Folders of MEDIA_ROOT that hold pictures: Wagtail's originals and renditions, and the
#: monitoring group's photos (plans: JPEGs written again from the checked upload).
PUBLIC_MEDIA_FOLDERS = ("images", "original_images", "plans-photos")


def public_media_path(path: str) -> str | None:
    """`path` normalised, when it names a file inside a picture folder; None otherwise.

    The folder is judged after normalising, as the file system will read the path: the server
    has already decoded `%2e%2e` and `%2f`, so `original_images/../documents/x` (in any
    spelling) is `documents/x` and refused. Backslashes and NUL are refused outright."""
    if "\\" in path or "\x00" in path:
        return None
    parts = posixpath.normpath("/" + path).lstrip("/").split("/")
    if len(parts) < 2 or parts[0] not in PUBLIC_MEDIA_FOLDERS or ".." in parts:
        return None
    return "/".join(parts)


def media(request, path: str):
    """Uploaded files, served by the application itself (embedded default, SERVE_MEDIA=1).

    Only pictures: documents go through Wagtail's serving view (/documents/<id>/<name>), which
    sends them as downloads with their safety headers and refuses archived ones, so they are
    never served from here. MEDIA_ROOT is read on each request, so a changed setting (tests)
    is honoured."""
    clean = public_media_path(path)
    if clean is None:
        raise Http404
    return serve_static(request, clean, document_root=settings.MEDIA_ROOT)


def not_found(request, exception=None):
    return render(request, "ui/404.html", status=404)


def server_error(request):
    return render(request, "ui/500.html", status=500)
