"""The search page: /<language>/search/?q= on the platform (every body) and on a body's site."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from achyk.ui.paginators import CappedPaginator

from . import highlight, selectors
from .models import Kind

PAGE_SIZE = 10


def paginate(request, entries):
    """One page of results for `?page=` (up to the `selectors.MAX_COUNTED`-th result, then
    "more than"); a bad number gives the nearest page."""
    entries, found = selectors.counted(entries)
    paginator = CappedPaginator(entries, PAGE_SIZE, cap=selectors.MAX_COUNTED, found=found)
    return paginator.get_page(request.GET.get("page"))


def _results(page_of_entries, query):
    prefixes = query.prefixes
    return [
        {
            "entry": entry,
            "title": highlight.title(entry.title, prefixes),
            "snippet": highlight.snippet(entry.text, prefixes) if entry.text else "",
            "kind": Kind(entry.kind).label,
        }
        for entry in page_of_entries
    ]


def _message(query, raw: str, count: int) -> str:
    if not raw.strip():
        return _("Type a word or a few words to search for.")
    if query.empty:
        return _("Search looks for words: type at least one letter or digit.")
    if not count:
        return _("Nothing was found. Check the spelling or try another form of the word.")
    return ""


def search(request):
    """Results for `q`: the body's own when read on a body's site, every body's otherwise."""
    raw = request.GET.get("q", "")
    query = selectors.parse(raw)
    body = getattr(request, "site_body", None)
    entries = selectors.search(query, language=get_language(), body=body)
    items = paginate(request, entries)
    count = items.paginator.count
    context = {
        "query": query, "items": items, "results": _results(items, query), "count": count,
        "more": items.paginator.more,
        "message": _message(query, raw, count), "body": body,
        "max_query": selectors.MAX_QUERY,
    }  # fmt: skip
    return render(request, "search/results.html", context)
