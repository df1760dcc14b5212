"""`{% for phone in body.phone|phones %}`: the numbers of a phone field, each with its tel: link."""

import re

from django import template

register = template.Library()
SEPARATORS = re.compile(r"[,;]")
NOT_DIALLED = re.compile(r"[^\d+]")


@register.filter
def phones(value: str) -> list[dict]:
    """ "+996 3133 5 12 34; 0555 00 00 00" → [{"shown": "+996 3133 5 12 34",
    "tel": "+996313351234"}, ...]: numbers separated by commas or semicolons, each as written
    and as dialled (digits and a leading plus); parts without digits are left out."""
    found = []
    for part in SEPARATORS.split(value or ""):
        shown = part.strip()
        dialled = NOT_DIALLED.sub("", shown)
        dialled = dialled[:1] + dialled[1:].replace("+", "")
        if any(char.isdigit() for char in dialled):
            found.append({"shown": shown, "tel": dialled})
    return found
