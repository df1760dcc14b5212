"""Reads of the search index: what matches a reader's query, and where it lives.

A query is never given to the database as syntax: it is cut to `MAX_QUERY` characters, split
into words by our own tokeniser (letters and digits only), each word stemmed in every
language, and each stem passed as a quoted prefix (FTS5 `"stem"*`, PostgreSQL `'stem':*`).
A result matches when every word of the query matches (any of its stems, as a prefix).
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from achyk.bodies.models import Body

from . import text
from .models import SearchEntry

MAX_QUERY = 200
MAX_WORDS = 10
#: Results counted at most: a reader is told "more than 1000 results" rather than made to wait
#: while a million entries are counted, and pages go as far as the 1000th result.
MAX_COUNTED = 1000


@dataclass
class Query:
    """A reader's query as search reads it: its words' stems, and what was cut from it."""

    raw: str
    shortened: bool = False
    stems: list[set[str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.stems

    @property
    def prefixes(self) -> set[str]:
        return set().union(*self.stems) if self.stems else set()


def parse(raw: str) -> Query:
    """The query `raw` (any string at all) as stems of at most MAX_WORDS words."""
    raw = raw.strip()
    shortened = len(raw) > MAX_QUERY
    raw = raw[:MAX_QUERY]
    words = list(dict.fromkeys(text.tokens(raw)))
    shortened = shortened or len(words) > MAX_WORDS
    return Query(
        raw=raw, shortened=shortened, stems=[text.query_stems(w) for w in words[:MAX_WORDS]]
    )


def _fts5(query: Query) -> tuple[str, list[str]]:
    expression = " AND ".join(
        "(" + " OR ".join(f'"{s}"*' for s in sorted(stems)) + ")" for stems in query.stems
    )
    return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]


def _tsquery(query: Query) -> tuple[str, list[str]]:
    expression = " & ".join(
        "(" + " | ".join(f"'{s}':*" for s in sorted(stems)) + ")" for stems in query.stems
    )
    # A condition on the entry itself (not `id IN (...)`), so that the planner may either
    # read the GIN index or walk the newest entries and check each one's stored vector.
    return "terms_vector @@ to_tsquery('simple'::regconfig, %s)", [expression]


def matching(query: Query):
    """Entries matching every word of `query`, over every body and language."""
    if query.empty:
        return SearchEntry.objects.none()
    # Parameters only: the expression is built from our own tokens, passed as one value.
    if connection.vendor == "sqlite":
        return SearchEntry.objects.filter(pk__in=RawSQL(*_fts5(query)))  # noqa: S611
    condition = RawSQL(*_tsquery(query), output_field=BooleanField())  # noqa: S611
    return SearchEntry.objects.filter(condition)


def search(query: Query, *, language: str, body: Body | None = None):
    """Public entries matching `query` in `language` (and documents of no stated language),
    newest first: only `body`'s when given, every body's and the platform's otherwise."""
    entries = matching(query).filter(language__in=[language, ""])
    entries = entries.filter(body=body) if body is not None else entries.of_active_bodies()
    # The bodies of the page's entries are read after it, not joined (see of_active_bodies).
    return entries.prefetch_related("body__site").order_by("-date", "-pk")


def counted(entries, *, cap: int | None = None):
    """(entries, how many there are up to `cap` + 1), `cap` being `MAX_COUNTED` by default.

    When there are no more than `cap`, the entries returned are the same ones read by their
    ids: the database sorts those few. Asked for the newest ten matches of a rare word, the
    planner may otherwise walk the newest entries of all in search of them, which for a word
    found in a few old entries means reading nearly every entry.
    """
    cap = MAX_COUNTED if cap is None else cap
    ids = list(entries.order_by().values_list("pk", flat=True)[: cap + 1])
    if len(ids) > cap:
        return entries, len(ids)
    few = SearchEntry.objects.filter(pk__in=ids).prefetch_related("body__site")
    return few.order_by("-date", "-pk"), len(ids)
