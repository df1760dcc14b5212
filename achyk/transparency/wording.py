"""The monitor's codes put in words for staff: a duty's rule ("publish within 3 working days
of adoption"), what an item lacks ("number", "signatory") and language names. Staff screens
show these, never the codes themselves."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .models import Duty, Rule

#: What an item of evidence may lack (`EvidenceItem.missing`), in words.
MISSING = {
    "date": _("date of adoption"),
    "number": _("number of the act"),
    "signatory": _("signatory"),
    "file": _("the file"),
}


def rule_in_words(duty: Duty) -> str:
    """The duty's freshness rule as a sentence a clerk reads, in the active language."""
    n = duty.rule_days or 0
    if duty.rule == Rule.ONCE:
        return gettext("publish at least once")
    if duty.rule == Rule.ON_CHANGE:
        return gettext("update on every change; confirm at least once a year that it is current")
    if duty.rule == Rule.EVERY_N_DAYS:
        if duty.rule_working_days:
            text = ngettext(
                "update at least every %(n)s working day",
                "update at least every %(n)s working days", n,
            )  # fmt: skip
        else:
            text = ngettext(
                "update at least every %(n)s day", "update at least every %(n)s days", n
            )
        return text % {"n": n}
    if duty.rule == Rule.QUARTERLY:
        text = ngettext(
            "publish the report on each quarter within %(n)s day after the quarter ends",
            "publish the report on each quarter within %(n)s days after the quarter ends", n,
        )  # fmt: skip
        return text % {"n": n}
    if duty.rule == Rule.YEARLY_BY_DATE:
        return gettext("publish every year by %(date)s") % {"date": _month_day(duty)}
    if duty.rule == Rule.AFTER_EVENT:
        return _after_event(duty, n)
    return str(duty.get_rule_display())


def _after_event(duty: Duty, n: int) -> str:
    acts = any(key.startswith("doctype:") for key in duty.evidence_key_list)
    if acts and duty.rule_working_days:
        text = ngettext(
            "publish within %(n)s working day of adoption",
            "publish within %(n)s working days of adoption", n,
        )  # fmt: skip
    elif acts:
        text = ngettext(
            "publish within %(n)s day of adoption", "publish within %(n)s days of adoption", n
        )
    elif duty.rule_working_days:
        text = ngettext(
            "publish within %(n)s working day of the event",
            "publish within %(n)s working days of the event", n,
        )  # fmt: skip
    else:
        text = ngettext(
            "publish within %(n)s day of the event", "publish within %(n)s days of the event", n
        )
    return text % {"n": n}


def _month_day(duty: Duty) -> str:
    month, day = duty.rule_month or 1, duty.rule_day or 1
    day = min(day, 29 if month == 2 else 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30)
    # "j E": the month's name as it reads after a day ("1 апреля").
    return formats.date_format(datetime.date(2000, month, day), "j E")


def missing_in_words(codes: list[str]) -> list[str]:
    """What an item lacks, in words; an unknown code reads as "other details"."""
    return [str(MISSING.get(code, _("other details"))) for code in codes]


def language_names(codes: list[str]) -> list[str]:
    """Language names for codes ("ky", "ru")."""
    names = dict(settings.LANGUAGES)  # each language by its own name: "Кыргызча", "Русский"
    return [names.get(code, code) for code in codes]
