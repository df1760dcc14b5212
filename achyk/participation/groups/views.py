"""Initiative groups and the monitoring group for readers: /<slug>/<lang>/participation/groups/.
Members' names are shown only with their consent; otherwise their role and gender."""

from django.shortcuts import render

from .. import selectors
from ..common import site_body
from .models import GroupKind


def groups(request):
    body = site_body(request)
    items = list(selectors.published_groups(body))
    context = {
        "body": body,
        "monitoring": [g for g in items if g.kind == GroupKind.MONITORING],
        "initiative": [g for g in items if g.kind == GroupKind.INITIATIVE],
    }
    return render(request, "participation/groups.html", context)
