"""Money and shares as residents read them, in the active language.

Numbers are written by the platform's one number formatter (`ui.charts.format_number`, the
same the charts' tables use), rounded to whole units of the currency on public pages (the
open data exports carry the exact figures) and followed by the currency's name in the
reader's language: "1 234 567 сом", "1 234 567 тенге".
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import pgettext_lazy

from achyk.ui import charts

CURRENCY_NAMES = {
    "KGS": pgettext_lazy("currency", "som"),
    "KZT": pgettext_lazy("currency", "tenge"),
}
COUNTRY_CURRENCIES = {"KG": "KGS", "KZ": "KZT"}


def currency_of(body) -> str:
    """The currency of a body's figures, by its country."""
    return COUNTRY_CURRENCIES.get(body.country, "KGS")


def currency_name(currency: str) -> str:
    return str(CURRENCY_NAMES.get(currency, currency))


def money(value: Decimal | None, currency: str = "KGS", places: int = 0) -> str:
    """An amount with its currency's name ("12 500 сом"), rounded half up; "—" for none."""
    if value is None:
        return "—"
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return charts.format_number(rounded, places, currency_name(currency))


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """`part` as a percentage of `whole`, to one decimal; None without a whole."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def share(part: Decimal | None, whole: Decimal | None) -> str:
    """ "87,5 %", or "—" without a whole."""
    return charts.format_number(percent(part, whole), 1, "%")
