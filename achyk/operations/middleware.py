"""`/healthz` and `/readyz`, answered before every other middleware (`HealthMiddleware`, first
in MIDDLEWARE): no session, no body lookup, no host check (a load balancer asks by address),
no HTTPS redirect; `/healthz` reads nothing, so it answers even while the database or the
cache is down, and costs a thread of gunicorn only for a moment.

`/healthz` (liveness): 200 and "ok", then a line per part this process has seen failing.
`/readyz` (readiness; also `/healthz?ready`): asks the database, the cache and the queue;
200 "ready" or "degraded", 503 "not ready" without the database; a line per part.
"""

from django.http import HttpResponse

from . import health


def _answer(status: int, first: str, parts) -> HttpResponse:
    text = "\n".join([first, *(part.line() for part in parts)]) + "\n"
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def healthz() -> HttpResponse:
    return _answer(200, "ok", health.liveness())


def readyz() -> HttpResponse:
    status, parts = health.readiness()
    if status != 200:
        first = "not ready"
    else:
        first = "ready" if all(part.ok for part in parts) else "degraded"
    return _answer(status, first, parts)


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path_info == "/readyz" or (
                request.path_info == "/healthz" and "ready" in request.GET
            ):
                return readyz()
            if request.path_info == "/healthz":
                return healthz()
        return self.get_response(request)
