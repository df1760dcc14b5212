"""Input no database can store is refused at the door, in the reader's language.

PostgreSQL cannot hold a NUL character in text: a `%00` in an address, a query string or a
form field would otherwise reach a query and end in a server error. `RefuseNulBytesMiddleware`
answers such requests 400 with a plain page before anything looks them up.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded",)


def _any_nul(data) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


def _has_nul(request) -> bool:
    if NUL in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        # Only url-encoded forms: reading a multipart body here would consume the upload stream.
        return _any_nul(request.POST)
    return _any_nul(request.GET)


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return bad_request(request)
        return self.get_response(request)


def bad_request(request):
    language = translation.get_language_from_path(request.path_info.replace(NUL, "")) or (
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    )
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return render(request, "ui/bad_request.html", {"language": language}, status=400)
