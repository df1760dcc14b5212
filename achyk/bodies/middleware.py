"""Which body a request is for, in which language, and the seal around the admin panel.

A body is reached at its own host name (or <slug>.<ACHYK_SITES_DOMAIN>) or under the platform's
address as /<slug>/<language>/...; in the second case the slug works like a script prefix, so
every URL Django and Wagtail reverse inside the body's site carries it.
"""

import zoneinfo

from django.conf import settings
from django.http import HttpResponseNotFound
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.urls import get_script_prefix, set_script_prefix
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from . import routing

LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME


class BodyMiddleware:
    """Sets `request.site_body` and points Wagtail at the body's Site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site_body = None
        request.site_body_prefix = ""
        host, first = routing.address_of(request)
        _first, _sep, rest = request.path_info.lstrip("/").partition("/")
        version = getattr(request, routing.VERSION_READ, None)
        body, by_host = routing.find_body(host, first, version)
        previous_prefix = get_script_prefix()
        if not by_host and body is not None:
            if not _sep:
                # "/burana" without the slash: send the reader to the body's home.
                from django.http import HttpResponseRedirect

                return HttpResponseRedirect(f"{request.path}/")
            request.site_body_prefix = f"/{body.slug}"
            request.path_info = "/" + rest
            set_script_prefix(previous_prefix.rstrip("/") + request.site_body_prefix + "/")
        if body is not None:
            request.site_body = body
            if body.site is not None:
                request._wagtail_site = body.site
                # Wagtail gives a page its address by looking through the root paths it holds
                # on the request: those of this body's site only, read when a page needs them,
                # so a link costs the same with 10 bodies or 1000 (not every site's, read
                # whole from the cache on each render). The admin links every body's pages.
                if not request.path_info.startswith("/admin/"):
                    request._wagtail_cached_site_root_paths = SimpleLazyObject(
                        lambda: routing.body_root_paths(body)
                    )
            timezone.activate(zoneinfo.ZoneInfo(body.time_zone))
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(previous_prefix)
            timezone.deactivate()

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A page of the body's site is routed from the site's root page: kept with the
        body's pages (`routing.keep_root_page`) instead of read by Wagtail for each page."""
        body = request.site_body
        match = request.resolver_match
        if body is not None and body.site is not None and match.url_name == "wagtail_serve":
            routing.keep_root_page(body)


class BodyLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the body's languages.

    A bare address opens in the reader's chosen language if the body offers it, else in the
    body's default language (Kyrgyz for Kyrgyz bodies, Kazakh for Kazakh ones). A language
    the body does not publish in answers 404 with links to the languages it has.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        body = getattr(request, "site_body", None)
        if language is None:
            language = self._preferred(request, body)
        elif body is not None and language not in body.language_list:
            translation.activate(body.default_language)
            request.LANGUAGE_CODE = body.default_language
            html = render_to_string(
                "ui/language_unavailable.html",
                {"body": body, "message": _("This site is not published in this language.")},
                request=request,
            )
            return HttpResponseNotFound(html)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/"):
            return response  # the admin has no language prefix: its 404 stays a 404
        return super().process_response(request, response)

    @staticmethod
    def _preferred(request, body) -> str:
        offered = body.language_list if body else [code for code, _n in settings.LANGUAGES]
        cookie = request.COOKIES.get(LANGUAGE_COOKIE)
        if cookie in offered:
            return cookie
        return body.default_language if body else settings.LANGUAGE_CODE
