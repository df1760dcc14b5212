"""File sizes in the reader's units: Django's `filesizeformat` under the active language,
with the project's own translations of its units.

Django's Kyrgyz catalogue writes bytes as "бит" (bits) with no space, megabytes as
"мегабайт" beside "КБ", and petabytes as "пикабайт". The project's catalogues come first
(LOCALE_PATHS), so the same msgids translated there win; they are named here so that
`makemessages` keeps them in our catalogues. Nothing needs to call this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

#: Django's msgids (django/template/defaultfilters.py `filesizeformat`), verbatim.
UNITS = (
    ngettext_lazy("%(size)d byte", "%(size)d bytes", "size"),
    gettext_noop("%s KB"),
    gettext_noop("%s MB"),
    gettext_noop("%s GB"),
    gettext_noop("%s TB"),
    gettext_noop("%s PB"),
)
