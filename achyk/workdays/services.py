"""Writes of the calendar: seeding it from the `holidays` library."""

from __future__ import annotations

from django.db import transaction

from .models import Day
from .signals import announce

#: The library's languages for our names of a day, by country.
LIBRARY_LANGUAGES = {"KG": {"ky": "ky", "ru": "ru_KG", "en": "en_US"},
                     "KZ": {"kk": "kk", "en": "en_US"}}  # fmt: skip


def library_days(country: str, years) -> dict:
    """{date: {"name_<lang>": name}} of the public holidays the `holidays` library knows for
    `country` in `years`, named in each language it has."""
    import holidays  # a large package: imported only when the calendar is seeded

    found: dict = {}
    for ours, theirs in LIBRARY_LANGUAGES[country].items():
        for date, name in holidays.country_holidays(country, years=years, language=theirs).items():
            found.setdefault(date, {})[f"name_{ours}"] = name[:200]
    return found


@transaction.atomic
def seed_from_library(*, countries=("KG", "KZ"), years) -> int:
    """Add the library's holidays of `countries` in `years` that the calendar lacks; a day
    already there (a platform admin's correction above all) is never changed. Returns how
    many days were added; running deadlines are computed again after commit."""
    added = 0
    for country in countries:
        taken = set(
            Day.objects.filter(country=country, date__year__in=list(years)).values_list(
                "date", flat=True
            )
        )
        new = [
            Day(country=country, date=date, kind=Day.Kind.HOLIDAY, source=Day.Source.LIBRARY,
                **names)
            for date, names in sorted(library_days(country, years).items())
            if date not in taken
        ]  # fmt: skip
        Day.objects.bulk_create(new)
        added += len(new)
    if added:
        announce(countries)
    return added
