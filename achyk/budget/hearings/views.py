"""The public budget hearings of a body: /<slug>/<lang>/budget/hearings/[<pk>/], with their
minutes, proposals and decisions. 404 for anything unpublished and on the platform's own site."""

from django.http import Http404
from django.shortcuts import render

from ..public.views import site_body
from .selectors import published_hearings


def hearings(request):
    """The body's budget hearings: announcements, minutes, proposals and decisions."""
    body = site_body(request)
    items = list(published_hearings(body).prefetch_related("proposals"))
    return render(request, "budget/public/hearings.html", {"body": body, "hearings": items})


def hearing(request, pk: int):
    body = site_body(request)
    item = (
        published_hearings(body).prefetch_related("proposals").filter(pk=pk).first() if pk else None
    )
    if item is None:
        raise Http404
    context = {"body": body, "hearing": item}
    return render(request, "budget/public/hearing.html", context)
