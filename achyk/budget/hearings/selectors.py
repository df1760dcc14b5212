"""Reads of budget hearings for the public pages."""

from .models import Hearing


def published_hearings(body, *, year: int | None = None):
    """The body's published hearings (of one budget year), newest first, with what they
    discussed and their minutes' document."""
    result = Hearing.objects.published().filter(body=body)
    if year is not None:
        result = result.filter(year=year)
    return result.select_related("draft_budget", "draft_document", "minutes_document")
