"""Reads of Citizens' Budgets for the public pages."""

from .models import CitizensBudget


def citizens_budgets(body, *, year: int | None = None):
    """The body's published Citizens' Budgets (of one year), newest first."""
    result = CitizensBudget.objects.published().filter(body=body)
    if year is not None:
        result = result.filter(year=year)
    return result.order_by("-year", "stage")
