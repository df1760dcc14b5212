"""Snippets: an excerpt of an entry's text with the words that matched marked."""

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import stemmers, text

#: Characters of text around the first match; beyond SCAN_LIMIT no match is looked for.
EXCERPT = 240
SCAN_LIMIT = 20_000


@lru_cache(maxsize=65536)
def _forms(word: str) -> frozenset[str]:
    """The forms of `word` a query's prefix may match: kept, since a page of results repeats
    the same words of acts hundreds of times."""
    norm = text.normalise(word)
    forms = {norm, *text.stems(norm)}
    if not stemmers.is_folded(norm):  # кеңештин is marked for кенеш, as the index finds it
        forms |= {stemmers.fold(norm), *text.folded_stems(norm)}
    return frozenset(forms)


def _matches(word: str, prefixes: set[str]) -> bool:
    return any(form.startswith(p) for form in _forms(word) for p in prefixes)


def _spans(source: str, prefixes: set[str]) -> list[tuple[int, int]]:
    return [
        match.span()
        for match in text.WORD.finditer(source[:SCAN_LIMIT])
        if _matches(match.group(), prefixes)
    ]


def _window(source: str, spans) -> tuple[int, int]:
    if not spans:
        return 0, min(len(source), EXCERPT)
    start = max(0, spans[0][0] - EXCERPT // 3)
    if start:
        space = source.find(" ", start, spans[0][0])
        start = space + 1 if space != -1 else start
    end = min(len(source), start + EXCERPT)
    if end < len(source):
        space = source.rfind(" ", max(spans[0][1], end - 30), end)
        end = space if space != -1 else end
    return start, end


def snippet(source: str, prefixes: set[str]) -> SafeString:
    """About EXCERPT characters of `source` around its first match, HTML-escaped, each
    matching word in <mark>; "…" where the excerpt cuts the text."""
    spans = _spans(source, prefixes)
    start, end = _window(source, spans)
    out, position = [], start
    for left, right in spans:
        if left < start or right > end:
            continue
        out += [escape(source[position:left]), "<mark>", escape(source[left:right]), "</mark>"]
        position = right
    out.append(escape(source[position:end]))
    return mark_safe(  # noqa: S308 (every piece of text is escaped above)
        ("…" if start else "") + "".join(out) + ("…" if end < len(source) else "")
    )


def title(source: str, prefixes: set[str]) -> SafeString:
    """The whole title, escaped, with its matching words marked."""
    out, position = [], 0
    for left, right in _spans(source, prefixes):
        out += [escape(source[position:left]), "<mark>", escape(source[left:right]), "</mark>"]
        position = right
    out.append(escape(source[position:]))
    return mark_safe("".join(out))  # noqa: S308 (escaped above)
