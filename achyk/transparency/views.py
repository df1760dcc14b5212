"""Public pages of the transparency monitor: plain Django views in `i18n_patterns`."""

from django.shortcuts import render

from . import scoring, selectors
from .models import Rule, Status


def methodology(request):
    """How every figure is computed: statuses, credits, the formulas, the weights of the
    index, the freshness rules and the register in force, with its legal bases."""
    body = getattr(request, "site_body", None)
    duties = selectors.register(country=body.country if body else None)
    context = {
        "body": body,
        "duties": duties,
        "rules": Rule.choices,
        "statuses": Status.choices,
        "weights": {name: int(weight * 100) for name, weight in scoring.INDEX_WEIGHTS.items()},
    }
    return render(request, "transparency/methodology.html", context)
