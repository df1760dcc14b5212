"""Pagination of long lists without counting them to the end.

Counting a million rows costs more than reading the page that is shown, on every request, so a
list that can grow that long counts at most `cap` + 1 rows: its pages go as far as the
`cap`-th row, and `more` tells the reader there are others (to be reached by filters).
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """A Paginator of a queryset whose count stops at `cap` (+ 1, to know there are more)."""

    def __init__(self, object_list, per_page, *, cap: int, found: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        if found is not None:  # counted already by the caller, up to cap + 1
            self.__dict__["found"] = found

    @cached_property
    def found(self) -> int:
        """How many rows there are, up to `cap` + 1 (in no order: ordering costs a sort)."""
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.found, self.cap)

    @property
    def more(self) -> bool:
        """True when there are more rows than the pages reach."""
        return self.found > self.cap
