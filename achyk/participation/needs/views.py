"""The needs study for readers: /<slug>/<lang>/participation/needs/[<pk>/[schedule/]].

The study page shows the focus groups by category with women and men counted, the problems
they raised, the ranked priorities (method and weighting stated) with the plan step that
answers each, and the groups that took them on. 404 for anything unpublished."""

from collections import defaultdict

from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from achyk.bodies import references
from achyk.ui.charts import Series, bar_chart

from .. import selectors
from ..common import site_body
from .models import category_label


def studies(request):
    body = site_body(request)
    items = list(selectors.published_studies(body))
    return render(request, "participation/studies.html", {"body": body, "studies": items})


def _by_category(groups, own):
    rows = defaultdict(list)
    for group in groups:
        rows[group.category].append(group)
    result = []
    for code, items in rows.items():
        result.append(
            {
                "code": code,
                "label": category_label(code, own),
                "groups": items,
                "women": sum(g.women for g in items),
                "men": sum(g.men for g in items),
            }
        )
    return sorted(result, key=lambda row: str(row["label"]))


def study(request, pk: int):
    body = site_body(request)
    item = selectors.public_study(body, pk)
    own = selectors.own_categories(body)
    groups = list(selectors.focus_groups(item))
    categories = _by_category(groups, own)
    ranked = selectors.ranked_priorities(item)
    language = translation.get_language()
    answers = references.resolve([r.priority.answered_by for r in ranked], language)
    for row in ranked:
        row.answer = answers.get(row.priority.answered_by)
    chart = (
        bar_chart(
            _("Participants by category"),
            [row["label"] for row in categories],
            [
                Series(_("Women"), [row["women"] for row in categories]),
                Series(_("Men"), [row["men"] for row in categories]),
            ],
        )
        if categories
        else None
    )
    context = {
        "body": body,
        "study": item,
        "categories": categories,
        "ranked": ranked,
        "chart": chart,
        "groups": list(selectors.published_groups(body).filter(priority__study=item)),
        "women": sum(g.women for g in groups),
        "men": sum(g.men for g in groups),
    }
    return render(request, "participation/study.html", context)


def schedule(request, pk: int):
    """The focus groups' schedule, on one printable page."""
    body = site_body(request)
    item = selectors.public_study(body, pk)
    own = selectors.own_categories(body)
    groups = list(selectors.focus_groups(item))
    for group in groups:
        group.label = category_label(group.category, own)
    context = {"body": body, "study": item, "groups": groups}
    return render(request, "participation/schedule.html", context)
